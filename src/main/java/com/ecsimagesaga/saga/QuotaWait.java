package com.ecsimagesaga.saga;

import java.time.Duration;

/**
 * What the current step has spent waiting for ECS quota: the time it was kept back (by the
 * service's own rate budget, by a hold ECS asked for, or by ECS throttling it) and how often ECS
 * throttled it. That time does not count against the step's timeout or the saga's deadline, which
 * bound the work, not the queue; {@code saga.retry.throttled.max-wait} bounds it instead.
 *
 * @param waited the time the step was kept back so far
 * @param throttles how many calls of the step ECS refused with a throttling error (the exponent of
 *     the throttling backoff, kept apart from the attempts that transient errors count)
 */
public record QuotaWait(Duration waited, int throttles) {

  /** A step that has not waited. */
  public static final QuotaWait NONE = new QuotaWait(Duration.ZERO, 0);

  public QuotaWait {
    if (waited == null || waited.isNegative() || throttles < 0) {
      throw new IllegalArgumentException("invalid quota wait: " + waited + ", " + throttles);
    }
  }

  /** This wait and {@code more}; one more throttle if ECS refused the call. */
  QuotaWait plus(Duration more, boolean throttled) {
    return new QuotaWait(waited.plus(more), throttles + (throttled ? 1 : 0));
  }
}
