package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.Replay;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A replay request.
 *
 * @param mode {@code resume} (default): from the failed step, same ClientToken, fresh retry budget;
 *     {@code restart}: from the first step
 * @param reason why, in a sentence; required, it goes into the audit trail
 */
public record ReplayRequestJson(String mode, String reason) {

  /** What is wrong with a request's mode and reason, as violations; empty when nothing. */
  static List<Violation> violations(String mode, String reason) {
    List<Violation> out = new ArrayList<>();
    if (mode != null
        && !mode.isBlank()
        && !List.of("RESUME", "RESTART").contains(mode.trim().toUpperCase(Locale.ROOT))) {
      out.add(
          Violation.of(
              "mode", "replay-mode.unsupported", mode, "mode must be 'resume' or 'restart'"));
    }
    if (reason == null || reason.isBlank()) {
      out.add(
          Violation.of(
              "reason",
              "replay-reason.required",
              reason,
              "a reason is required: it is recorded in the replay audit"));
    }
    return out;
  }

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
