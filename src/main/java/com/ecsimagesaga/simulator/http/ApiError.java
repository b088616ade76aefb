package com.ecsimagesaga.simulator.http;

/**
 * An ECS error answer: HTTP status, error code and message. Thrown by actions, rendered by {@link
 * ApiHandler}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  /** An error with the given HTTP status, ECS code and message. */
  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** 400 {@code MissingParameter} for a required parameter. */
  public static ApiError missing(String parameter) {
    return new ApiError(
        400,
        "MissingParameter",
        "The input parameter \""
            + parameter
            + "\" that is mandatory for processing this request is not supplied.");
  }

  /** 400 {@code InvalidParameter} naming the parameter. */
  public static ApiError invalid(String parameter) {
    return new ApiError(
        400, "InvalidParameter", "The specified parameter \"" + parameter + "\" is not valid.");
  }

  /** HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** ECS error code. */
  public String code() {
    return code;
  }
}
