package com.ecsimagesaga.saga.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * How often to look at an image while ECS works on it: fast right after the call, when quick images
 * finish, then slower, and slowest for creations that have already taken long, so that a long
 * creation costs few calls and little work per waiting saga.
 *
 * <p>After the fast phase, a creation whose progress says that much remains is paced by it: ECS
 * reports the percentage done, so the time already waited estimates the time left, and the saga
 * looks about {@value #LOOKS_IN_WHAT_REMAINS} times in what remains, never waiting longer than
 * {@code maxInterval} between two looks. A creation 10 % done after 3 minutes is looked at every
 * minute, one 90 % done at its tier's interval again. The paced interval is a whole multiple of the
 * tier's, so it lands on the tier's grid and shares its listings.
 *
 * @param fastInterval the interval during the fast phase
 * @param fastPhase how long after the step started the fast phase lasts
 * @param slowInterval the interval afterwards
 * @param slowPhase how long after the step started the slow phase lasts; from then on the saga
 *     polls every {@code longInterval}
 * @param longInterval the interval for creations that have waited {@code slowPhase} or longer
 * @param maxInterval the longest wait between looks when progress paces them; a tier whose interval
 *     is this long or longer is not paced, so at or below {@code slowInterval} progress stretches
 *     nothing
 */
public record PollPolicy(
    Duration fastInterval,
    Duration fastPhase,
    Duration slowInterval,
    Duration slowPhase,
    Duration longInterval,
    Duration maxInterval) {

  /** How many looks the estimated time left gets when progress paces the polls. */
  public static final int LOOKS_IN_WHAT_REMAINS = 10;

  public PollPolicy {
    if (fastInterval.isZero()
        || fastInterval.isNegative()
        || slowInterval.compareTo(fastInterval) < 0
        || longInterval.compareTo(slowInterval) < 0
        || slowPhase.compareTo(fastPhase) < 0
        || maxInterval.isZero()
        || maxInterval.isNegative()) {
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
              + longInterval
              + ", at most "
              + maxInterval);
    }
  }

  /** Three tiers, not paced by progress. */
  public PollPolicy(
      Duration fastInterval,
      Duration fastPhase,
      Duration slowInterval,
      Duration slowPhase,
      Duration longInterval) {
    this(fastInterval, fastPhase, slowInterval, slowPhase, longInterval, slowInterval);
  }

  /** Two tiers: fast, then slow for good. */
  public PollPolicy(Duration fastInterval, Duration fastPhase, Duration slowInterval) {
    this(fastInterval, fastPhase, slowInterval, fastPhase, slowInterval, slowInterval);
  }

  /**
   * The moment of the next look: at most one interval away, on a grid of that interval counted from
   * the epoch. Every saga in the same phase therefore wakes at the same instants, so one listing
   * per region answers all of them.
   */
  public Instant nextPollAt(Instant now, Duration waitedSoFar) {
    return aligned(now, nextPoll(waitedSoFar));
  }

  /**
   * The moment of the next look at a creation that reports {@code progress} percent done, on the
   * grid of its interval like {@link #nextPollAt(Instant, Duration)}.
   */
  public Instant nextPollAt(Instant now, Duration waitedSoFar, int progress) {
    return aligned(now, nextPoll(waitedSoFar, progress));
  }

  private static Instant aligned(Instant now, Duration next) {
    long interval = next.toMillis();
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

  /**
   * The wait before the next look at a creation that has waited so long and reports {@code
   * progress} percent done: the tier's interval, stretched to a whole multiple of it when the
   * estimated time left allows (see the class comment). No progress yet (0) or all of it (100)
   * tells nothing about what remains, so those polls keep the tier's interval.
   */
  public Duration nextPoll(Duration waitedSoFar, int progress) {
    Duration tier = nextPoll(waitedSoFar);
    if (waitedSoFar.compareTo(fastPhase) < 0
        || progress <= 0
        || progress >= 100
        || maxInterval.compareTo(tier) <= 0) {
      return tier;
    }
    long left = waitedSoFar.toMillis() / progress * (100 - progress);
    long paced = Math.min(left / LOOKS_IN_WHAT_REMAINS, maxInterval.toMillis());
    long multiple = Math.max(1, paced / tier.toMillis());
    return tier.multipliedBy(multiple);
  }
}
