package com.ecsimagesaga.saga.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * How often to look at an image while ECS works on it: fast right after the call, when quick images
 * finish, then slower, and slowest for creations that have already taken long, so that a long
 * creation costs few calls and little work per waiting saga.
 *
 * @param fastInterval the interval during the fast phase
 * @param fastPhase how long after the step started the fast phase lasts
 * @param slowInterval the interval afterwards
 * @param slowPhase how long after the step started the slow phase lasts; from then on the saga
 *     polls every {@code longInterval}
 * @param longInterval the interval for creations that have waited {@code slowPhase} or longer
 */
public record PollPolicy(
    Duration fastInterval,
    Duration fastPhase,
    Duration slowInterval,
    Duration slowPhase,
    Duration longInterval) {

  public PollPolicy {
    if (fastInterval.isZero()
        || fastInterval.isNegative()
        || slowInterval.compareTo(fastInterval) < 0
        || longInterval.compareTo(slowInterval) < 0
        || slowPhase.compareTo(fastPhase) < 0) {
      throw new IllegalArgumentException(
          "invalid poll policy: "
              + fastInterval
              + " for "
              + fastPhase
              + ", "
              + slowInterval
              + " until "
              + slowPhase
              + ", then "
              + longInterval);
    }
  }

  /** Two tiers: fast, then slow for good. */
  public PollPolicy(Duration fastInterval, Duration fastPhase, Duration slowInterval) {
    this(fastInterval, fastPhase, slowInterval, fastPhase, slowInterval);
  }

  /**
   * The moment of the next look: at most one interval away, on a grid of that interval counted from
   * the epoch. Every saga in the same phase therefore wakes at the same instants, so one listing
   * per region answers all of them.
   */
  public Instant nextPollAt(Instant now, Duration waitedSoFar) {
    long interval = nextPoll(waitedSoFar).toMillis();
    long aligned = Math.floorDiv(now.toEpochMilli() + interval, interval) * interval;
    return Instant.ofEpochMilli(aligned);
  }

  /** The wait before the next look, given how long the step has been waiting. */
  public Duration nextPoll(Duration waitedSoFar) {
    if (waitedSoFar.compareTo(fastPhase) < 0) {
      return fastInterval;
    }
    return waitedSoFar.compareTo(slowPhase) < 0 ? slowInterval : longInterval;
  }
}
