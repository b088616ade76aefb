package com.ecsimagesaga.simulator.action;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shapes shared by responses: wrapped arrays, timestamps, tag lists. */
final class Wire {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Wire() {}

  /**
   * An array as the SDK unmarshallers read it: {@code {"<element>": [...]}}. A bare array or a
   * single object would silently parse as zero elements, so even one element goes into a list.
   */
  static Map<String, Object> wrap(String element, List<?> items) {
    Map<String, Object> wrapper = new LinkedHashMap<>();
    wrapper.put(element, items);
    return wrapper;
  }

  /** {@code yyyy-MM-ddTHH:mm:ssZ} in UTC. */
  static String time(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code {"Tag": [{"TagKey": k, "TagValue": v}, ...]}}. */
  static Map<String, Object> tags(Map<String, String> tags) {
    List<Map<String, Object>> list =
        tags.entrySet().stream()
            .map(
                e -> {
                  Map<String, Object> tag = new LinkedHashMap<>();
                  tag.put("TagKey", e.getKey());
                  tag.put("TagValue", e.getValue());
                  return tag;
                })
            .toList();
    return wrap("Tag", list);
  }
}
