package com.ecsimagesaga.saga;

/** The closed set of ways a cloud call can fail, decided at the adapter boundary. */
public enum ErrorKind {
  /** The account's rate limit for this API was hit; back off and try again. */
  THROTTLED,
  /**
   * The call was not made: the service's own rate budget, or a hold ECS asked for, kept it back
   * until a token is free. Not a failure: the saga waits its turn without spending an attempt.
   */
  HELD,
  /** A server error or conflict that passes by itself; try again with the same token. */
  TRANSIENT,
  /** The resource is in a passing state (an instance starting); wait a bounded time. */
  STATE_WAIT,
  /** The call may or may not have taken effect (timeout, reset, 5xx); retry with the same token. */
  OUTCOME_UNKNOWN,
  /** The resource does not exist. */
  NOT_FOUND,
  /** ECS refuses the client token for good; only a new token helps. */
  IDEMPOTENCY_FAILED,
  /** ECS said no and will say no again. */
  PERMANENT
}
