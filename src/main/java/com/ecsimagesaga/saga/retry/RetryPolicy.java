package com.ecsimagesaga.saga.retry;

import java.time.Duration;

/**
 * Exponential backoff with full jitter, as a value. The delay before retry {@code attempt} (1 for
 * the first retry) is a uniform draw from {@code [0, min(maxDelay, initialDelay *
 * multiplier^(attempt-1))]}.
 *
 * @param maxAttempts the number of failed attempts after which the step gives up
 */
public record RetryPolicy(
    Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

  public RetryPolicy {
    if (initialDelay.isNegative()
        || maxDelay.compareTo(initialDelay) < 0
        || multiplier < 1.0
        || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "invalid retry policy: "
              + initialDelay
              + ", "
              + multiplier
              + ", "
              + maxDelay
              + ", "
              + maxAttempts);
    }
  }

  /** Whether another attempt is allowed after {@code failedAttempts} failures. */
  public boolean allowsRetry(int failedAttempts) {
    return failedAttempts < maxAttempts;
  }

  /** The upper bound of the delay before retry {@code attempt}, before jitter. */
  public Duration ceiling(int attempt) {
    double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
    double millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * factor);
    return Duration.ofMillis((long) millis);
  }

  /**
   * The delay before retry {@code attempt}, given a uniform draw {@code unitRandom} in [0, 1). The
   * caller supplies the draw so that this stays a pure function.
   */
  public Duration nextDelay(int attempt, double unitRandom) {
    if (unitRandom < 0.0 || unitRandom >= 1.0) {
      throw new IllegalArgumentException("unitRandom must be in [0, 1): " + unitRandom);
    }
    return Duration.ofMillis((long) (ceiling(attempt).toMillis() * unitRandom));
  }

  /** Like {@link #nextDelay} but never shorter than a wait the server asked for. */
  public Duration nextDelay(int attempt, double unitRandom, Duration serverHint) {
    Duration d = nextDelay(attempt, unitRandom);
    return serverHint != null && serverHint.compareTo(d) > 0 ? serverHint : d;
  }
}
