package com.ecsimagesaga.saga;

/**
 * Why a saga failed.
 *
 * @param kind PERMANENT, NOT_FOUND, TIMED_OUT, RETRIES_EXHAUSTED, IMAGE_CREATE_FAILED or
 *     PRECONDITION
 */
public record Failure(Step step, String kind, String code, String message, String requestId) {

  public static Failure of(Step step, String kind, CloudError error) {
    return new Failure(step, kind, error.code(), error.message(), error.requestId());
  }
}
