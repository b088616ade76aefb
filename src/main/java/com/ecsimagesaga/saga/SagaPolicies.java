package com.ecsimagesaga.saga;

import com.ecsimagesaga.saga.retry.PollPolicy;
import com.ecsimagesaga.saga.retry.RetryPolicy;
import java.time.Duration;

/**
 * The tunable numbers of the sagas, per error kind and per source kind.
 *
 * @param requireUsable whether creation succeeds only once ECS reports the image usable, not just
 *     Available
 * @param steps the longest each step may take, unless the command says otherwise
 */
public record SagaPolicies(
    RetryPolicy throttled,
    RetryPolicy transientErrors,
    RetryPolicy stateWait,
    PollPolicy poll,
    Duration instanceTimeout,
    Duration snapshotTimeout,
    Duration deleteTimeout,
    boolean requireUsable,
    StepTimeouts steps) {

  /** Policies with the default step timeouts. */
  public SagaPolicies(
      RetryPolicy throttled,
      RetryPolicy transientErrors,
      RetryPolicy stateWait,
      PollPolicy poll,
      Duration instanceTimeout,
      Duration snapshotTimeout,
      Duration deleteTimeout,
      boolean requireUsable) {
    this(
        throttled,
        transientErrors,
        stateWait,
        poll,
        instanceTimeout,
        snapshotTimeout,
        deleteTimeout,
        requireUsable,
        StepTimeouts.DEFAULTS);
  }

  /** The policy for a retryable error kind. */
  public RetryPolicy retryFor(ErrorKind kind) {
    return switch (kind) {
      case THROTTLED -> throttled;
      case STATE_WAIT -> stateWait;
      default -> transientErrors;
    };
  }
}
