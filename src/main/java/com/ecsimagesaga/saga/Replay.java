package com.ecsimagesaga.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An operator's second chance for a failed saga, as a pure function: given the failed saga, what
 * the cloud holds for it right now, and the clock, it returns the saga that runs again, or the
 * reason it may not. The store writes the result with an optimistic version check.
 *
 * <p>Resuming keeps the saga's ClientToken, so a CreateImage that ECS already carried out answers
 * with the same image instead of making a second one. When the image exists after all, the saga
 * skips CreateImage and goes straight to watching it. When the image is known to be gone (it was
 * compensated), the old token would point ECS at a deleted image, so a fresh token generation is
 * taken: that is the only case in which a replay may create a new image.
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
   * @param liveImageId an image the cloud holds for this saga (found by id or by the saga tag), or
   *     empty when it holds none; ignored for delete and update sagas
   */
  public static Plan plan(Saga s, Mode mode, Optional<String> liveImageId, Instant now) {
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
    var kind = SagaKinds.find(s.type());
    if (kind.isPresent()) {
      b = kind.get().replay(s, mode, b);
    } else if (s.type() != SagaType.CREATE_IMAGE) {
      // Deletes and updates start by looking at the image; every later call of theirs is
      // idempotent.
      b.step(mode == Mode.RESTART ? Step.CHECK_IMAGE : failedStep(s, Step.CHECK_IMAGE));
    } else if (liveImageId.isPresent() && mode == Mode.RESUME) {
      // The image exists: CreateImage must not run again; watching it decides the rest.
      b.step(Step.AWAIT_IMAGE_USABLE).imageId(liveImageId.get()).progress(0);
    } else {
      b.imageId(null).progress(0).snapshotIds(List.of());
      if (liveImageId.isEmpty() && (s.imageId() != null || s.status() == SagaStatus.COMPENSATED)) {
        b.newToken();
      }
      b.step(mode == Mode.RESTART ? Step.CHECK_SOURCE : createResumeStep(s));
    }
    return new Plan(withDeadline(b.build(), extendedDeadline(s, now)), null);
  }

  /** The step a resumed create saga runs when the cloud holds no image for it. */
  private static Step createResumeStep(Saga s) {
    Step failed = failedStep(s, Step.CHECK_SOURCE);
    return failed == Step.CHECK_SOURCE ? Step.CHECK_SOURCE : Step.SUBMIT_CREATE_IMAGE;
  }

  private static Step failedStep(Saga s, Step fallback) {
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
