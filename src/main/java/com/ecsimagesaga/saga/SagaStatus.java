package com.ecsimagesaga.saga;

/**
 * Where a saga stands. Terminal statuses never change again except through an operator's replay.
 */
public enum SagaStatus {
  /** Due now: its current step runs at the next opportunity. */
  RUNNING,
  /** Sleeping until its stored wake-up time: a backoff or a poll interval. */
  WAITING,
  /** Undoing a half-made image after a failure. */
  COMPENSATING,
  SUCCEEDED,
  FAILED,
  /** Failed, and what it had made in the cloud was removed. */
  COMPENSATED,
  /** Failed, and removing what it had made failed too: needs an operator. */
  COMPENSATION_FAILED;

  public boolean isTerminal() {
    return this == SUCCEEDED
        || this == FAILED
        || this == COMPENSATED
        || this == COMPENSATION_FAILED;
  }
}
