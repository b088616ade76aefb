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
 * @param quotaMaxWait the longest one step may wait for ECS quota (the service's budget, a hold ECS
 *     asked for, throttling) before it fails with {@code Saga.QuotaNeverFreed}; that wait does not
 *     count against the step's timeout or the saga's deadline
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
    StepTimeouts steps,
    Duration quotaMaxWait) {

  /** The default of {@code saga.retry.quota-max-wait}. */
  public static final Duration DEFAULT_QUOTA_MAX_WAIT = Duration.ofHours(6);

  /** Policies with the default quota wait. */
  public SagaPolicies(
      RetryPolicy throttled,
      RetryPolicy transientErrors,
      RetryPolicy stateWait,
      PollPolicy poll,
      Duration instanceTimeout,
      Duration snapshotTimeout,
      Duration deleteTimeout,
      boolean requireUsable,
      StepTimeouts steps) {
    this(
        throttled,
        transientErrors,
        stateWait,
        poll,
        instanceTimeout,
        snapshotTimeout,
        deleteTimeout,
        requireUsable,
        steps,
        DEFAULT_QUOTA_MAX_WAIT);
  }

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
      case THROTTLED, HELD -> throttled;
      case STATE_WAIT -> stateWait;
      default -> transientErrors;
    };
  }
}
