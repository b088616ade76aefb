package com.ecsimagesaga.saga;

import java.time.Duration;

/**
 * A classified cloud failure.
 *
 * @param code the ECS error code, or a service code such as {@code SDK.ReadTimeout}
 * @param requestId the ECS request id, or null when the request never got an answer
 * @param retryAfter a wait the cloud asked for (rate-limit headers), or null
 */
public record CloudError(
    ErrorKind kind, String code, String message, String requestId, Duration retryAfter) {

  public boolean isRetryable() {
    return kind == ErrorKind.THROTTLED
        || kind == ErrorKind.HELD
        || kind == ErrorKind.TRANSIENT
        || kind == ErrorKind.STATE_WAIT
        || kind == ErrorKind.OUTCOME_UNKNOWN;
  }
}
