package com.ecsimagesaga.adapter.alicloud;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ECS's flow-control header on an answer, {@code X-RateLimit-User-API: Remain:<n>,TimeLeft:<ms>}:
 * how many calls of this API the account has left in the current window, and how long until the
 * window ends. ECS sends it on successful and on throttled answers of flow-controlled APIs.
 *
 * @param remain calls left in the current window
 * @param timeLeft time until the window ends and the quota comes back
 */
record RateLimitHeader(int remain, Duration timeLeft) {

  static final String NAME = "X-RateLimit-User-API";

  /**
   * The header of an answer, if it has one that reads. Header names are matched without regard to
   * case.
   */
  static Optional<RateLimitHeader> of(Map<String, String> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(h -> NAME.equalsIgnoreCase(h.getKey()))
        .findFirst()
        .flatMap(h -> parse(h.getValue()));
  }

  /** Reads {@code Remain:<n>,TimeLeft:<ms>} in any order and case; anything else is no header. */
  static Optional<RateLimitHeader> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Integer remain = null;
    Long timeLeft = null;
    for (String part : value.split(",")) {
      String[] kv = part.split(":", 2);
      if (kv.length != 2) {
        continue;
      }
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      try {
        if (key.equals("remain")) {
          remain = Integer.parseInt(kv[1].trim());
        } else if (key.equals("timeleft")) {
          timeLeft = Long.parseLong(kv[1].trim());
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (remain == null || timeLeft == null || remain < 0 || timeLeft < 0) {
      return Optional.empty();
    }
    return Optional.of(new RateLimitHeader(remain, Duration.ofMillis(timeLeft)));
  }

  /**
   * Whether the window's quota is used up: the next call before {@link #timeLeft()} would be
   * throttled.
   */
  boolean spent() {
    return remain == 0;
  }
}
