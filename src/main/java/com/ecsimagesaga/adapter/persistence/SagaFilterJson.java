package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.SagaFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A job's saga filter as JSON in its row, written by hand so the stored shape is explicit. */
final class SagaFilterJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SagaFilterJson() {}

  static String write(SagaFilter f) {
    ObjectNode n = JSON.createObjectNode();
    f.statuses().forEach(n.putArray("statuses")::add);
    n.put("type", f.type())
        .put("regionId", f.regionId())
        .put("errorCode", f.errorCode())
        .put("imageId", f.imageId())
        .put("source", f.source())
        .put("from", f.from() == null ? null : f.from().toString())
        .put("to", f.to() == null ? null : f.to().toString())
        .put("imageName", f.imageName());
    return n.toString();
  }

  static SagaFilter read(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      List<String> statuses = new ArrayList<>();
      n.path("statuses").forEach(s -> statuses.add(s.asText()));
      return new SagaFilter(
          statuses,
          text(n, "type"),
          text(n, "regionId"),
          text(n, "errorCode"),
          text(n, "imageId"),
          text(n, "source"),
          instant(n, "from"),
          instant(n, "to"),
          text(n, "imageName"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable replay job filter: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }
}
