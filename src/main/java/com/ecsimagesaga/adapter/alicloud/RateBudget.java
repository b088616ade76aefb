package com.ecsimagesaga.adapter.alicloud;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per region and ECS action, shared by every saga of this instance, so that a
 * thousand sagas never stampede the account's API quota. A call that finds no token is not made:
 * the saga is told to come back when the next token is due, exactly as if ECS had throttled it,
 * but without spending quota.
 */
final class RateBudget {

  private final Clock clock;
  private final double defaultPerSecond;
  private final Map<String, Double> perSecondByAction;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateBudget(Clock clock, double defaultPerSecond, Map<String, Double> perSecondByAction) {
    this.clock = clock;
    this.defaultPerSecond = defaultPerSecond;
    this.perSecondByAction = Map.copyOf(perSecondByAction);
  }

  /**
   * Takes one token for a call.
   *
   * @return {@link Duration#ZERO} when the call may go ahead, else how long until a token is due
   */
  Duration take(String regionId, String action) {
    double rate = perSecondByAction.getOrDefault(action, defaultPerSecond);
    if (rate <= 0) {
      return Duration.ZERO;
    }
    Bucket bucket = buckets.computeIfAbsent(regionId + "|" + action, k -> new Bucket(rate, clock.millis()));
    return bucket.take(clock.millis());
  }

  /** Capacity of one second's worth of calls, refilled continuously. */
  private static final class Bucket {
    private final double rate;
    private double tokens;
    private long updatedAt;

    Bucket(double rate, long now) {
      this.rate = rate;
      this.tokens = Math.max(1, rate);
      this.updatedAt = now;
    }

    synchronized Duration take(long now) {
      tokens = Math.min(Math.max(1, rate), tokens + (now - updatedAt) * rate / 1000.0);
      updatedAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / rate));
    }
  }
}
