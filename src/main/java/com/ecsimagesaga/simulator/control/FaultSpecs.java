package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Turns the JSON fault description of the control API into a {@link Fault}. */
final class FaultSpecs {
  private FaultSpecs() {}

  /**
   * Reads {@code kind} plus, depending on it, {@code delayMillis}, {@code amount}, {@code
   * httpStatus}, {@code code} and {@code message}.
   */
  static Fault parse(JsonNode spec) {
    Fault.Kind kind = Fault.Kind.valueOf(spec.path("kind").asText());
    Duration delay =
        spec.has("delayMillis") ? Duration.ofMillis(spec.path("delayMillis").asLong()) : null;
    int amount = spec.path("amount").asInt(0);
    return switch (kind) {
      case THROTTLING -> delay == null ? Fault.throttling() : Fault.throttling(delay);
      case INTERNAL_ERROR -> Fault.internalError();
      case INTERNAL_ERROR_TOKEN_FAILED -> Fault.internalErrorTokenFailed();
      case SERVICE_UNAVAILABLE -> Fault.serviceUnavailable();
      case OPERATION_CONFLICT -> Fault.operationConflict();
      case BAD_GATEWAY_HTML -> Fault.badGatewayHtml();
      case EMPTY_BODY_200 -> Fault.emptyBody200();
      case ENDS_UNAVAILABLE -> Fault.endsUnavailable();
      case ERROR ->
          Fault.error(
              spec.path("httpStatus").asInt(400),
              spec.path("code").asText(),
              spec.path("message").asText("Injected error."));
      case LOST_RESPONSE_AFTER_COMMIT ->
          delay == null ? Fault.lostResponseAfterCommit() : Fault.lostResponseAfterCommit(delay);
      case STUCK_IN_CREATING -> Fault.stuckInCreating(amount);
      case CREATE_FAILED_AT -> Fault.createFailedAt(amount);
      case AVAILABLE_BEFORE_USABLE ->
          Fault.availableBeforeUsable(delay == null ? Duration.ZERO : delay);
      case HIDDEN_AFTER_CREATE -> Fault.hiddenAfterCreate(amount);
      case LISTED_AFTER_DELETE -> Fault.listedAfterDelete(amount);
    };
  }
}
