package com.ecsimagesaga.saga;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The longest each step may take, from the moment it first became due, before the saga gives up on
 * it, as the service configuration sizes the steps of the create, delete and update sagas; each
 * kind's input says which of these its steps take ({@link SagaInput#defaultStepTimeout}). A command
 * may override any step of its saga type through {@link SagaInput#stepTimeouts()}.
 *
 * @param checkInstance CHECK_SOURCE for an instance: waiting for it to be Running or Stopped
 * @param checkSnapshot CHECK_SOURCE for snapshots: waiting for the system snapshot to be
 *     accomplished
 * @param submitCreateImage SUBMIT_CREATE_IMAGE, retries included
 * @param awaitUsableFromInstance AWAIT_IMAGE_USABLE for an image made from an instance
 * @param awaitUsableFromSnapshot AWAIT_IMAGE_USABLE for an image made from snapshots or disk
 *     mappings
 * @param compensateDeleteImage COMPENSATE_DELETE_IMAGE: deleting a half-made image
 * @param deleteSnapshots DELETE_SNAPSHOTS, in a compensation or after a delete
 * @param checkImage CHECK_IMAGE of a delete or an update
 * @param submitDeleteImage SUBMIT_DELETE_IMAGE, retries included
 * @param awaitImageGone AWAIT_IMAGE_GONE: waiting until ECS no longer lists a deleted image
 * @param applyChange each change step of an update (attributes, tags added, tags removed, resource
 *     group)
 * @param findSubmittedImage FIND_SUBMITTED_IMAGE: looking up, by the saga tag, an image a
 *     submission that gave up with an unknown outcome may have made; errors are retried until this
 *     runs out
 */
public record StepTimeouts(
    Duration checkInstance,
    Duration checkSnapshot,
    Duration submitCreateImage,
    Duration awaitUsableFromInstance,
    Duration awaitUsableFromSnapshot,
    Duration compensateDeleteImage,
    Duration deleteSnapshots,
    Duration checkImage,
    Duration submitDeleteImage,
    Duration awaitImageGone,
    Duration applyChange,
    Duration findSubmittedImage) {

  /** The defaults of the service configuration ({@code saga.timeouts.steps.*}). */
  public static final StepTimeouts DEFAULTS =
      new StepTimeouts(
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofMinutes(10),
          Duration.ofMinutes(60),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(15),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10));

  public StepTimeouts {
    for (Duration d :
        new Duration[] {
          checkInstance,
          checkSnapshot,
          submitCreateImage,
          awaitUsableFromInstance,
          awaitUsableFromSnapshot,
          compensateDeleteImage,
          deleteSnapshots,
          checkImage,
          submitDeleteImage,
          awaitImageGone,
          applyChange,
          findSubmittedImage
        }) {
      if (Objects.requireNonNull(d, "every step needs a timeout").isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a step timeout must be positive, not " + d);
      }
    }
  }

  /** The steps of a saga type, which are also the steps a command may give a timeout for. */
  public static Set<Step> stepsOf(TransitionTable table) {
    Set<Step> steps = new TreeSet<>();
    table.rows().forEach(t -> steps.add(t.from()));
    return steps;
  }

  /**
   * How long {@code step} may take for a saga with this input: the command's own value, else what
   * the saga's kind says from this configuration ({@link SagaInput#defaultStepTimeout}).
   */
  public Duration of(Step step, SagaInput input) {
    Duration own = input.stepTimeouts().get(step);
    if (own != null) {
      return own;
    }
    if (step == Step.DONE) {
      throw new IllegalArgumentException("a finished saga has no step to time");
    }
    Duration byDefault = input.defaultStepTimeout(step, this);
    if (byDefault == null) {
      throw new IllegalArgumentException("no timeout for step " + step + " of this saga");
    }
    return byDefault;
  }

  /** An unmodifiable copy of per-step overrides, in step order; null means none. */
  public static Map<Step, Duration> copyOf(Map<Step, Duration> overrides) {
    Map<Step, Duration> copy = new TreeMap<>();
    if (overrides != null) {
      overrides.forEach(
          (step, d) -> copy.put(Objects.requireNonNull(step), Objects.requireNonNull(d)));
    }
    return Collections.unmodifiableMap(copy);
  }
}
