package com.ecsimagesaga.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * ClientToken memory for idempotent actions, keyed by region, action and token. An entry remembers
 * the fingerprint of the business parameters and the created resource. ECS does not document how
 * long tokens are kept, so the retention window is a setting; expired entries are ignored. Guarded
 * by the {@link WorldState} lock.
 */
public final class TokenRegistry {
  private final Map<String, Entry> entries = new HashMap<>();
  private volatile Duration retention;

  /** A registry forgetting tokens {@code retention} after their first request. */
  public TokenRegistry(Duration retention) {
    this.retention = retention;
  }

  /** Changes the retention window; it applies to every token from now on. */
  public void retention(Duration value) {
    retention = value;
  }

  /** State of a token's first request. */
  public enum State {
    PROCESSING,
    DONE,
    FAILED
  }

  /** What a token stands for. */
  public static final class Entry {
    public final String fingerprint;
    public final String resourceId;
    public final Instant registeredAt;
    public State state;

    Entry(String fingerprint, String resourceId, State state, Instant registeredAt) {
      this.fingerprint = fingerprint;
      this.resourceId = resourceId;
      this.state = state;
      this.registeredAt = registeredAt;
    }
  }

  /** The entry for a token still within the retention window at {@code now}, or null. */
  public Entry find(String regionId, String action, String token, Instant now) {
    Entry entry = entries.get(key(regionId, action, token));
    return entry == null || entry.registeredAt.plus(retention).isBefore(now) ? null : entry;
  }

  /** Registers a committed request; it stays PROCESSING until its answer has left. */
  public Entry commit(
      String regionId,
      String action,
      String token,
      String fingerprint,
      String resourceId,
      Instant now) {
    Entry entry = new Entry(fingerprint, resourceId, State.PROCESSING, now);
    entries.put(key(regionId, action, token), entry);
    return entry;
  }

  /** Marks a token whose first request failed on the server side. */
  public void fail(String regionId, String action, String token, String fingerprint, Instant now) {
    entries.put(key(regionId, action, token), new Entry(fingerprint, null, State.FAILED, now));
  }

  /** Forgets every token. */
  public void clear() {
    entries.clear();
  }

  private static String key(String regionId, String action, String token) {
    return regionId + '\u0000' + action + '\u0000' + token;
  }
}
