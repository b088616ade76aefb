package com.ecsimagesaga.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted misbehaviour of the simulated ECS API. Create instances with the factory methods and
 * hand them to {@link FaultPlan}. Three families exist:
 *
 * <ul>
 *   <li>answer faults replace the answer before anything is committed (throttling, 5xx, 409, 502
 *       HTML, any error);
 *   <li>{@link Kind#LOST_RESPONSE_AFTER_COMMIT} executes the call and then loses or delays the
 *       answer;
 *   <li>image faults let the call succeed but change the later life of the created or deleted
 *       image.
 * </ul>
 *
 * @param kind what happens
 * @param httpStatus HTTP status of an answer fault
 * @param code ECS error code of an answer fault
 * @param message error message of an answer fault
 * @param delay response delay (lost response), Usable lag, or TimeLeft of the rate-limit header
 * @param amount percent (stuck/failed) or number of DescribeImages polls (hidden/listed)
 */
public record Fault(
    Kind kind, int httpStatus, String code, String message, Duration delay, int amount) {

  /** The kinds of fault; the names are stable and used by the control API. */
  public enum Kind {
    /**
     * 400 {@code Throttling.User}, optionally with {@code X-RateLimit-User-API:
     * Remain:0,TimeLeft:<ms>}.
     */
    THROTTLING,
    /** 500 {@code InternalError}; nothing committed, the ClientToken may be retried. */
    INTERNAL_ERROR,
    /**
     * 500 {@code InternalError} after the ClientToken was registered as failed: retries get {@code
     * IdempotentFailed}.
     */
    INTERNAL_ERROR_TOKEN_FAILED,
    /** 503 {@code ServiceUnavailable}. */
    SERVICE_UNAVAILABLE,
    /** 409 {@code OperationConflict}. */
    OPERATION_CONFLICT,
    /** 502 with an HTML body, as a proxy in front of ECS would answer. */
    BAD_GATEWAY_HTML,
    /** 200 with an empty {@code text/plain} body: the SDK cannot parse it (nothing is executed). */
    EMPTY_BODY_200,
    /** Any error answer given by status, code and message. */
    ERROR,
    /**
     * Execute and commit, then drop the connection (no {@code delay}) or answer only after {@code
     * delay}.
     */
    LOST_RESPONSE_AFTER_COMMIT,
    /** The created image stops at {@code amount} percent and stays Creating. */
    STUCK_IN_CREATING,
    /** The created image turns CreateFailed when its progress reaches {@code amount} percent. */
    CREATE_FAILED_AT,
    /** The created image ends UnAvailable instead of Available. */
    ENDS_UNAVAILABLE,
    /** The created image is Available for {@code delay} before it becomes Usable. */
    AVAILABLE_BEFORE_USABLE,
    /**
     * The created image is missing from the next {@code amount} DescribeImages answers that would
     * list it.
     */
    HIDDEN_AFTER_CREATE,
    /**
     * The deleted image stays in the next {@code amount} DescribeImages answers that would list it.
     */
    LISTED_AFTER_DELETE
  }

  /** Checks the fields. */
  public Fault {
    Objects.requireNonNull(kind, "kind");
  }

  /** 400 {@code Throttling.User} without rate-limit header. */
  public static Fault throttling() {
    return new Fault(
        Kind.THROTTLING,
        400,
        "Throttling.User",
        "Request was denied due to user flow control.",
        null,
        0);
  }

  /**
   * 400 {@code Throttling.User} with header {@code X-RateLimit-User-API:
   * Remain:0,TimeLeft:<timeLeft ms>}.
   */
  public static Fault throttling(Duration timeLeft) {
    return new Fault(
        Kind.THROTTLING,
        400,
        "Throttling.User",
        "Request was denied due to user flow control.",
        timeLeft,
        0);
  }

  /** 500 {@code InternalError} before anything is committed. */
  public static Fault internalError() {
    return new Fault(
        Kind.INTERNAL_ERROR,
        500,
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
        null,
        0);
  }

  /** 500 {@code InternalError} that also marks the request's ClientToken as failed. */
  public static Fault internalErrorTokenFailed() {
    return new Fault(
        Kind.INTERNAL_ERROR_TOKEN_FAILED,
        500,
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
        null,
        0);
  }

  /** 503 {@code ServiceUnavailable}. */
  public static Fault serviceUnavailable() {
    return new Fault(
        Kind.SERVICE_UNAVAILABLE,
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
        null,
        0);
  }

  /** 409 {@code OperationConflict}. */
  public static Fault operationConflict() {
    return new Fault(
        Kind.OPERATION_CONFLICT,
        409,
        "OperationConflict",
        "Request was denied due to conflict with a previous request.",
        null,
        0);
  }

  /** 502 with a {@code text/html} body. */
  public static Fault badGatewayHtml() {
    return new Fault(Kind.BAD_GATEWAY_HTML, 502, null, null, null, 0);
  }

  /** 200 with an empty {@code text/plain} body instead of the answer; nothing is executed. */
  public static Fault emptyBody200() {
    return new Fault(Kind.EMPTY_BODY_200, 200, null, null, null, 0);
  }

  /** The image created by the call finishes as UnAvailable (never Usable). */
  public static Fault endsUnavailable() {
    return new Fault(Kind.ENDS_UNAVAILABLE, 0, null, null, null, 0);
  }

  /** Any error answer, e.g. {@code error(400, "IncorrectInstanceStatus", "...")}. */
  public static Fault error(int httpStatus, String code, String message) {
    return new Fault(Kind.ERROR, httpStatus, code, message, null, 0);
  }

  /** Commit the call, then close the connection without any response. */
  public static Fault lostResponseAfterCommit() {
    return new Fault(Kind.LOST_RESPONSE_AFTER_COMMIT, 0, null, null, null, 0);
  }

  /**
   * Commit the call, then send the response only after {@code delay} (longer than the client read
   * timeout).
   */
  public static Fault lostResponseAfterCommit(Duration delay) {
    return new Fault(
        Kind.LOST_RESPONSE_AFTER_COMMIT, 0, null, null, Objects.requireNonNull(delay), 0);
  }

  /** The image created by the call never leaves Creating and stays at {@code percent}. */
  public static Fault stuckInCreating(int percent) {
    return new Fault(Kind.STUCK_IN_CREATING, 0, null, null, null, percent);
  }

  /** The image created by the call becomes CreateFailed at {@code percent}. */
  public static Fault createFailedAt(int percent) {
    return new Fault(Kind.CREATE_FAILED_AT, 0, null, null, null, percent);
  }

  /**
   * The image created by the call is Available but not Usable for {@code lag} (simulated time, not
   * scaled).
   */
  public static Fault availableBeforeUsable(Duration lag) {
    return new Fault(Kind.AVAILABLE_BEFORE_USABLE, 0, null, null, lag, 0);
  }

  /**
   * The image created by the call is missing from the next {@code polls} DescribeImages answers.
   */
  public static Fault hiddenAfterCreate(int polls) {
    return new Fault(Kind.HIDDEN_AFTER_CREATE, 0, null, null, null, polls);
  }

  /**
   * The image deleted by the call is still listed by the next {@code polls} DescribeImages answers.
   */
  public static Fault listedAfterDelete(int polls) {
    return new Fault(Kind.LISTED_AFTER_DELETE, 0, null, null, null, polls);
  }

  /** Whether this fault replaces the answer without executing the call. */
  public boolean replacesAnswer() {
    return switch (kind) {
      case THROTTLING,
          INTERNAL_ERROR,
          INTERNAL_ERROR_TOKEN_FAILED,
          SERVICE_UNAVAILABLE,
          OPERATION_CONFLICT,
          BAD_GATEWAY_HTML,
          EMPTY_BODY_200,
          ERROR ->
          true;
      default -> false;
    };
  }
}
