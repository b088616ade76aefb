package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.saga.Replay;
import jakarta.ws.rs.BadRequestException;
import java.util.Locale;

/**
 * A replay request.
 *
 * @param mode {@code resume} (default): from the failed step, same ClientToken, fresh retry budget;
 *     {@code restart}: from the first step
 * @param reason why, in a sentence; required, it goes into the audit trail
 */
public record ReplayRequestJson(String mode, String reason) {

  static Replay.Mode mode(String mode) {
    if (mode == null || mode.isBlank()) {
      return Replay.Mode.RESUME;
    }
    try {
      return Replay.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "EIS-6201 mode must be 'resume' or 'restart', not '" + mode + "'");
    }
  }

  static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new BadRequestException(
          "EIS-6202 a reason is required: it is recorded in the replay audit");
    }
    return reason.length() > 2000 ? reason.substring(0, 2000) : reason;
  }
}
