package com.ecsimagesaga.simulator.http;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * ECS-style API rate limit: a budget of calls per action, per region and per clock minute. A call
 * throttled in minute T succeeds again from minute T+1, as the ECS throttling page describes.
 */
public final class RateLimiter {
  private volatile Map<String, Integer> limits;
  private final Clock clock;
  private final Map<String, Integer> used = new HashMap<>();
  private long currentMinute = Long.MIN_VALUE;

  /** Limits per action name; actions without an entry are unlimited. */
  public RateLimiter(Map<String, Integer> limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The outcome of one admission check. */
  public record Decision(boolean limited, boolean allowed, int remaining, long millisLeft) {
    /** The header value the SDK's throttling control reads. */
    public String header() {
      return "Remain:" + remaining + ",TimeLeft:" + millisLeft;
    }
  }

  /** Replaces the limits; calls already counted in this minute still count. */
  public void limits(Map<String, Integer> value) {
    limits = Map.copyOf(value);
  }

  /** Consumes one call of {@code action} in {@code regionId}. */
  public synchronized Decision acquire(String action, String regionId) {
    Integer limit = limits.get(action);
    if (limit == null) {
      return new Decision(false, true, 0, 0);
    }
    long millis = clock.millis();
    long minute = Math.floorDiv(millis, 60_000L);
    if (minute != currentMinute) {
      used.clear();
      currentMinute = minute;
    }
    long left = (minute + 1) * 60_000L - millis;
    int count = used.merge(action + '|' + regionId, 1, Integer::sum);
    return new Decision(true, count <= limit, Math.max(0, limit - count), left);
  }

  /** Forgets the calls of the current minute. */
  public synchronized void reset() {
    used.clear();
  }
}
