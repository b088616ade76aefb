package com.ecsimagesaga.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rules on how a command travels rather than on what it asks: when it says it was issued, and the
 * record key it was published under. The key decides the partition and so the order in which the
 * commands about one image are taken in (docs/adr/0002-wire-format-and-keys.md); a command under
 * another key could overtake, or be overtaken by, a command about the same image.
 */
public final class RecordRules {

  /** Nothing issued before this was issued by a producer of this service's contract. */
  public static final Instant EARLIEST_ISSUED_AT = Instant.parse("2020-01-01T00:00:00Z");

  /** How far a producer's clock may run ahead of the service's. */
  public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

  private RecordRules() {}

  /** The key an update or delete must be published under: {@code <regionId>/<imageId>}. */
  public static String imageKey(String regionId, String imageId) {
    return regionId + "/" + imageId;
  }

  /**
   * Checks {@code issuedAt} against the window [{@link #EARLIEST_ISSUED_AT}, now + {@link
   * #MAX_CLOCK_AHEAD}]: a zero or a time in the seconds-versus-milliseconds confusion lands far
   * outside it.
   */
  public static void issuedAt(Instant issuedAt, Instant now, List<Violation> out) {
    if (issuedAt == null) {
      out.add(Violation.of("issuedAt", "issued-at.too-early", null, "issuedAt is required"));
    } else if (issuedAt.isBefore(EARLIEST_ISSUED_AT)) {
      out.add(
          Violation.of(
              "issuedAt",
              "issued-at.too-early",
              issuedAt.toString(),
              "issuedAt must not be before " + EARLIEST_ISSUED_AT + " (milliseconds since 1970)"));
    } else if (issuedAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
      out.add(
          Violation.of(
              "issuedAt",
              "issued-at.in-future",
              issuedAt.toString(),
              "issuedAt must not be more than "
                  + MAX_CLOCK_AHEAD.toMinutes()
                  + " minutes after the service's time "
                  + now));
    }
  }

  /**
   * Checks the record key against the one the command's own fields give. A command whose region or
   * subject is missing already has a violation for that field and is not checked again here.
   *
   * @param subject the image name of a create, the image id of an update or delete
   * @param key the record key as published, null when there was none
   */
  public static void key(
      String regionId, String subject, String expected, String key, List<Violation> out) {
    if (regionId == null || subject == null || expected.equals(key)) {
      return;
    }
    out.add(
        Violation.of(
            "recordKey",
            "record-key.mismatch",
            key,
            "the record key must be '"
                + expected
                + "' (regionId/imageName for a create, regionId/imageId for an update or delete):"
                + " the key decides the partition and so the order of the commands about one image"));
  }
}
