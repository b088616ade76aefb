package com.ecsimagesaga.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An operator's second chance for a failed saga, as a pure function: given the failed saga, what
 * the cloud holds for it right now, and the clock, it returns the saga that runs again, or the
 * reason it may not. The store writes the result with an optimistic version check.
 *
 * <p>Each kind says the step its saga runs again from ({@link SagaKind#replay}); the saga gets a
 * fresh retry budget and its original time budget again, counted from the replay.
 */
public final class Replay {

  /** Statuses an operator may replay from. */
  public static final Set<SagaStatus> REPLAYABLE =
      EnumSet.of(SagaStatus.FAILED, SagaStatus.COMPENSATED, SagaStatus.COMPENSATION_FAILED);

  /** Where a replay starts. */
  public enum Mode {
    /** From the step that failed, with a fresh retry budget and the same ClientToken. */
    RESUME,
    /** From the saga's first step, explicitly. */
    RESTART
  }

  /**
   * What a replay decided.
   *
   * @param next the saga to store, or null when refused
   * @param refusal why the replay was refused, or null
   */
  public record Plan(Saga next, String refusal) {
    public boolean refused() {
      return refusal != null;
    }
  }

  private Replay() {}

  /**
   * Plans a replay.
   *
   * @param kinds the kinds the service runs, one of which says where the saga runs again from
   * @param liveImageId an image the cloud holds for this saga (found by id or by the saga tag), or
   *     empty when it holds none or the kind does not ask ({@link SagaKind#replayLooksForImage})
   */
  public static Plan plan(
      SagaKinds kinds, Saga s, Mode mode, Optional<String> liveImageId, Instant now) {
    if (!REPLAYABLE.contains(s.status())) {
      return new Plan(
          null,
          "saga "
              + s.id()
              + " is "
              + s.status()
              + ": only FAILED, COMPENSATED and "
              + "COMPENSATION_FAILED sagas can be replayed");
    }
    Saga.Builder b =
        s.edit()
            .status(SagaStatus.RUNNING)
            .attempt(0)
            .nextWakeAt(now)
            .stepStartedAt(now)
            .failure(null)
            .lastError(null);
    b = kinds.of(s.type()).replay(s, mode, liveImageId, b);
    return new Plan(withDeadline(b.build(), extendedDeadline(s, now)), null);
  }

  /**
   * The step a replay runs for a kind that runs again from the step it failed at, or, restarted,
   * from {@code first}.
   */
  public static Step failedStepOrFirst(Saga failed, Mode mode, Step first) {
    return mode == Mode.RESTART ? first : failedStep(failed, first);
  }

  /**
   * The step a failed saga failed at, or {@code fallback} when it has none (a saga that was never
   * started, or finished).
   */
  public static Step failedStep(Saga s, Step fallback) {
    Step failed = s.failure() == null ? s.step() : s.failure().step();
    return failed == null || failed == Step.DONE ? fallback : failed;
  }

  /** The saga gets its original time budget again, counted from the replay. */
  static Instant extendedDeadline(Saga s, Instant now) {
    if (s.deadlineAt() == null || s.createdAt() == null) {
      return null;
    }
    Duration budget = Duration.between(s.createdAt(), s.deadlineAt());
    return now.plus(budget.isNegative() ? Duration.ZERO : budget);
  }

  private static Saga withDeadline(Saga s, Instant deadline) {
    return s.edit().deadlineAt(deadline).build();
  }
}
