package com.ecsimagesaga.adapter.alicloud;

import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.port.LiveInstances;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * A token bucket per region and ECS action, shared by every saga, so that a thousand sagas never
 * stampede the account's API quota. A call that finds no token is not made: the saga is told to
 * come back at its turn ({@link ErrorKind#HELD}, not a failure). Turns are handed out one token
 * interval apart after the turns already handed out, so a backlog of any size is spread over the
 * time the budget needs for it instead of coming back all at once to be turned away again.
 *
 * <p>The configured rates are the service's, not this instance's: each instance refills at {@code
 * configured / live instances}, the count coming from {@code instances} (see
 * docs/adr/0006-service-wide-rate-budget.md). ECS's own word overrides the arithmetic: an answer
 * whose {@code X-RateLimit-User-API} header says {@code Remain:0} holds the bucket until its {@code
 * TimeLeft} passes, and a low {@code Remain} caps the tokens the bucket may hand out.
 */
@Singleton
final class RateBudget {

  private static final Logger LOG = Logger.getLogger(RateBudget.class);

  private final Clock clock;
  private final double defaultPerSecond;
  private final Map<String, Double> perSecondByAction;
  private final IntSupplier instances;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Inject
  RateBudget(EcsConfig config, Clock clock, LiveInstances share) {
    this(clock, config.rateLimit().perSecond(), config.rateLimit().actions(), share::liveInstances);
  }

  RateBudget(Clock clock, double defaultPerSecond, Map<String, Double> perSecondByAction) {
    this(clock, defaultPerSecond, perSecondByAction, () -> 1);
  }

  /**
   * @param instances how many instances share the configured rates at the moment; read on every
   *     call
   */
  RateBudget(
      Clock clock,
      double defaultPerSecond,
      Map<String, Double> perSecondByAction,
      IntSupplier instances) {
    this.clock = clock;
    this.defaultPerSecond = defaultPerSecond;
    this.perSecondByAction = Map.copyOf(perSecondByAction);
    this.instances = instances;
  }

  /**
   * Takes one token for a call.
   *
   * @return {@link Duration#ZERO} when the call may go ahead, else how long until the caller's turn
   *     in the queue of calls this bucket turned away
   */
  Duration take(String regionId, String action) {
    return bucket(regionId, action).take(clock.millis(), rateOf(action));
  }

  /**
   * What ECS said about the quota of {@code action} in {@code regionId} on an answer.
   *
   * @return true if this answer started or extended a hold
   */
  boolean observe(String regionId, String action, RateLimitHeader header) {
    return bucket(regionId, action).observe(clock.millis(), header);
  }

  /** {@link #observe}, for the SDK client's listener: a new hold is logged once. */
  void answered(String regionId, String action, RateLimitHeader header) {
    if (observe(regionId, action, header)) {
      LOG.infof(
          "EIS-2100 ECS quota of %s in %s is spent; calls held for %d ms",
          action, regionId, header.timeLeft().toMillis());
    }
  }

  /**
   * A throttling error carries the hold ECS asked for, so that the saga wakes no earlier than the
   * quota returns.
   */
  CloudError withHold(CloudError error, String regionId, String action) {
    if (error.kind() != ErrorKind.THROTTLED) {
      return error;
    }
    Duration held = heldFor(regionId, action);
    if (held.isZero() || error.retryAfter() != null && error.retryAfter().compareTo(held) >= 0) {
      return error;
    }
    return new CloudError(error.kind(), error.code(), error.message(), error.requestId(), held);
  }

  /** The answer for a call this budget did not let through: wait for the turn, not a failure. */
  static CloudError spent(String regionId, String action, Duration wait) {
    return new CloudError(
        ErrorKind.HELD,
        CloudActionNames.HELD_BY_BUDGET,
        "the service's own budget for " + action + " in " + regionId + " is spent",
        null,
        wait);
  }

  /**
   * How long calls of {@code action} in {@code regionId} are held because ECS said the quota is
   * spent.
   */
  Duration heldFor(String regionId, String action) {
    Bucket b = buckets.get(key(regionId, action));
    return b == null ? Duration.ZERO : b.heldFor(clock.millis());
  }

  /**
   * This instance's share of the configured rate of {@code action}, in calls per second; 0 or less
   * is no limit.
   */
  double rateOf(String action) {
    double configured = perSecondByAction.getOrDefault(action, defaultPerSecond);
    return configured <= 0 ? 0 : configured / Math.max(1, instances.getAsInt());
  }

  private Bucket bucket(String regionId, String action) {
    return buckets.computeIfAbsent(
        key(regionId, action), k -> new Bucket(rateOf(action), clock.millis()));
  }

  private static String key(String regionId, String action) {
    return regionId + "|" + action;
  }

  /** Capacity of one second's worth of calls, refilled continuously; and a hold ECS asked for. */
  private static final class Bucket {
    private double tokens;
    private long updatedAt;
    private long heldUntil;

    /** The last turn handed out to a call turned away, in epoch milliseconds. */
    private double queueTail;

    Bucket(double rate, long now) {
      this.tokens = Math.max(1, rate);
      this.updatedAt = now;
    }

    synchronized Duration take(long now, double rate) {
      if (now < heldUntil) {
        return turn(now, heldUntil, rate);
      }
      if (rate <= 0) {
        return Duration.ZERO;
      }
      tokens = Math.min(Math.max(1, rate), tokens + (now - updatedAt) * rate / 1000.0);
      updatedAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return turn(now, now + (1 - tokens) * 1000.0 / rate, rate);
    }

    /**
     * The turn of a call turned away: no earlier than {@code earliest}, and one token interval
     * after the last turn handed out, so that the turns come back at the rate tokens do.
     */
    private Duration turn(long now, double earliest, double rate) {
      double interval = rate <= 0 ? 0 : 1000.0 / rate;
      queueTail = Math.max(earliest, queueTail + interval);
      return Duration.ofMillis(Math.max(1, (long) Math.ceil(queueTail - now)));
    }

    synchronized boolean observe(long now, RateLimitHeader header) {
      if (header.spent()) {
        long until = now + header.timeLeft().toMillis();
        if (until > heldUntil) {
          // When the window ends the quota is back; the bucket restarts with one call, then its
          // rate.
          heldUntil = until;
          tokens = 1;
          updatedAt = until;
          return true;
        }
        return false;
      }
      // Other instances and other clients of the account draw on the same quota: never hand out
      // more calls than ECS says are left in this window.
      tokens = Math.min(tokens, header.remain());
      return false;
    }

    synchronized Duration heldFor(long now) {
      return now < heldUntil ? Duration.ofMillis(heldUntil - now) : Duration.ZERO;
    }
  }
}
