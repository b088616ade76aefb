package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.SagaPage;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * One page of search results.
 *
 * @param next the cursor of the following page (pass it as {@code cursor}), or null on the last
 *     page
 */
public record SagaPageView(List<SagaView> items, String next) {

  static SagaPageView of(SagaPage page) {
    return new SagaPageView(page.sagas().stream().map(SagaView::of).toList(), encode(page.next()));
  }

  static String encode(SagaPage.Position p) {
    if (p == null) {
      return null;
    }
    String raw = p.createdAt() + "|" + p.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static SagaPage.Position decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      return new SagaPage.Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new BadRequestException("EIS-6204 not a cursor from a previous page: " + cursor);
    }
  }
}
