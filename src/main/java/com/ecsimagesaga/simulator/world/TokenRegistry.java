package com.ecsimagesaga.simulator.world;

import java.util.HashMap;
import java.util.Map;

/**
 * ClientToken memory for idempotent actions, keyed by region, action and token. An entry remembers the
 * fingerprint of the business parameters and the created resource. Tokens are kept until reset, because ECS
 * does not document a retention window. Guarded by the {@link WorldState} lock.
 */
public final class TokenRegistry {
    private final Map<String, Entry> entries = new HashMap<>();

    /** State of a token's first request. */
    public enum State { PROCESSING, DONE, FAILED }

    /** What a token stands for. */
    public static final class Entry {
        public final String fingerprint;
        public final String resourceId;
        public State state;

        Entry(String fingerprint, String resourceId, State state) {
            this.fingerprint = fingerprint;
            this.resourceId = resourceId;
            this.state = state;
        }
    }

    /** The entry for a token, or null. */
    public Entry find(String regionId, String action, String token) {
        return entries.get(key(regionId, action, token));
    }

    /** Registers a committed request; it stays PROCESSING until its answer has left. */
    public Entry commit(String regionId, String action, String token, String fingerprint, String resourceId) {
        Entry entry = new Entry(fingerprint, resourceId, State.PROCESSING);
        entries.put(key(regionId, action, token), entry);
        return entry;
    }

    /** Marks a token whose first request failed on the server side. */
    public void fail(String regionId, String action, String token, String fingerprint) {
        entries.put(key(regionId, action, token), new Entry(fingerprint, null, State.FAILED));
    }

    /** Forgets every token. */
    public void clear() {
        entries.clear();
    }

    private static String key(String regionId, String action, String token) {
        return regionId + '\u0000' + action + '\u0000' + token;
    }
}
