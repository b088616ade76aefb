package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import java.time.Instant;
import java.util.List;

/**
 * Watching ECS build an image, for any kind that waits for an image ECS makes (a create, a copy):
 * each kind says how it watches ({@link Watch}).
 */
public final class ImageWatch {

  /** What the watching saga does once the image is done. */
  public interface Created {
    Decision created(Saga s, StepOutcome.ImageSeen seen, Instant now);
  }

  /** The events of a watch that saw {@code img} make progress. */
  public interface Progressed {
    List<SagaEvent> progressed(Saga s, ImageObservation img, Instant now);
  }

  /**
   * How one kind watches.
   *
   * @param failureKind the failure kind of an image ECS gave up on
   * @param failedTrigger the row taken then
   */
  public record Watch(String failureKind, String failedTrigger, Progressed progressed) {}

  private ImageWatch() {}

  /**
   * The next move of a saga watching an image: done when usable (or Available, unless the policy
   * wants usable), the watch's failure row when ECS gave up on it, otherwise another look at the
   * next poll. Not seeing is not failing: a failed look is looked at again.
   */
  public static Decision decide(
      Saga s, StepOutcome o, Instant now, Moves moves, Watch watch, Created created) {
    if (o instanceof StepOutcome.ImageSeen seen) {
      ImageObservation img = seen.image();
      if (isDone(img, moves.policies().requireUsable())) {
        return created.created(s, seen, now);
      }
      if (img.state() == ImageState.CREATE_FAILED || img.state() == ImageState.UNAVAILABLE) {
        var failure =
            new Failure(
                s.step(),
                watch.failureKind(),
                img.state().ecsName(),
                "ECS reported image "
                    + img.imageId()
                    + " as "
                    + img.state().ecsName()
                    + " at "
                    + img.progress()
                    + "%",
                null);
        return moves.move(
            s,
            watch.failedTrigger(),
            now,
            b -> b.failure(failure).snapshotIds(img.snapshotIds()),
            List.of());
      }
      return moves.move(
          s,
          "in progress",
          moves.nextPoll(s, now, img.progress()),
          b -> b.attempt(0).lastError(null).progress(img.progress()).snapshotIds(img.snapshotIds()),
          watch.progressed().progressed(s, img, now));
    }
    if (o instanceof StepOutcome.ImageMissing) {
      // DescribeImages is eventually consistent: a just-created image may not be listed yet.
      return moves.move(s, "not visible yet", moves.nextPoll(s, now));
    }
    // Not seeing is not failing: ECS accepted the creation, and only a definite outcome or the
    // step's deadline ends it (an image is deleted only then).
    return moves.lookAgain(s, ((StepOutcome.Failed) o).error(), now);
  }

  /**
   * Whether progress crossed another 10% step since the saga last saw it: a watch reports progress
   * only then, so consumers can draw progress bars without a flood of events.
   */
  public static boolean crossedATenth(Saga s, ImageObservation img) {
    return img.progress() / 10 > s.progress() / 10;
  }

  static boolean isDone(ImageObservation img, boolean requireUsable) {
    return img.state() == ImageState.AVAILABLE && (img.usable() || !requireUsable);
  }
}
