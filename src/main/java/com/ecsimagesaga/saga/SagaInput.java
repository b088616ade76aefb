package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.saga.copy.Distribution;
import java.time.Duration;
import java.util.Map;

/** What a saga was asked to do; fixed for the saga's whole life. */
public interface SagaInput {

  /**
   * The command's own step timeouts, overriding the service's {@link StepTimeouts}; empty when
   * none.
   */
  Map<Step, Duration> stepTimeouts();

  /**
   * How long {@code step} may take by default for a saga with this input, for steps that the
   * service configuration ({@link StepTimeouts}) does not size; null when it has no opinion. Kinds
   * registered in {@link SagaKinds} size their own steps here.
   */
  default Duration defaultStepTimeout(Step step) {
    return null;
  }

  /**
   * @param timeout overall deadline, or null for the default of the source kind
   * @param deleteSnapshotsOnFailure whether compensation also deletes the image's snapshots
   * @param distribution copies and shares started once the image is usable; null for none
   */
  record Create(
      ImageSpec spec,
      Duration timeout,
      boolean deleteSnapshotsOnFailure,
      Map<Step, Duration> stepTimeouts,
      Distribution distribution)
      implements SagaInput {

    public Create {
      stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
      distribution = distribution == null || distribution.isEmpty() ? null : distribution;
    }

    public Create(
        ImageSpec spec,
        Duration timeout,
        boolean deleteSnapshotsOnFailure,
        Map<Step, Duration> stepTimeouts) {
      this(spec, timeout, deleteSnapshotsOnFailure, stepTimeouts, null);
    }

    public Create(ImageSpec spec, Duration timeout, boolean deleteSnapshotsOnFailure) {
      this(spec, timeout, deleteSnapshotsOnFailure, Map.of());
    }
  }

  record Delete(
      String imageId, boolean force, boolean deleteSnapshots, Map<Step, Duration> stepTimeouts)
      implements SagaInput {

    public Delete {
      stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
    }

    public Delete(String imageId, boolean force, boolean deleteSnapshots) {
      this(imageId, force, deleteSnapshots, Map.of());
    }
  }

  record Update(ImageChanges changes, Map<Step, Duration> stepTimeouts) implements SagaInput {

    public Update {
      stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
    }

    public Update(ImageChanges changes) {
      this(changes, Map.of());
    }
  }
}
