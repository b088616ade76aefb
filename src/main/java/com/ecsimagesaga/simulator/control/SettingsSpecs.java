package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.simulator.SimulatorConfigBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The settings of the control API ({@code GET /config}, {@code POST /config}) and how they map to
 * {@link SimulatorConfig}: everything a test can set in process except what is fixed at start
 * (addresses, ports, keys, clock). A {@code POST /config} body names only what changes; an unknown
 * field or a value of the wrong kind is refused, naming it.
 */
final class SettingsSpecs {
  private SettingsSpecs() {}

  /** The settings in force, as {@code GET /config} shows them. */
  static Map<String, Object> view(SimulatorConfig c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("speedFactor", c.speedFactor());
    json.put("regions", new TreeSet<>(c.regions()));
    json.put("rateLimits", c.rateLimitsPerMinute());
    json.put("idempotencyMismatchCode", c.idempotencyMismatchCode());
    json.put("tokenInFlightCode", c.tokenInFlightCode());
    json.put("deleteUnknownImageFails", c.deleteUnknownImageFails());
    json.put("deleteCreatingImageFails", c.deleteCreatingImageFails());
    json.put("clampPageSize", c.clampPageSize());
    json.put("imageQuotaPerRegion", c.imageQuotaPerRegion());
    json.put("waitingMillis", c.waitingDuration().toMillis());
    json.put("creatingMillis", c.creatingDuration().toMillis());
    json.put("snapshotMillis", c.snapshotDuration().toMillis());
    json.put("timestampToleranceMillis", c.timestampTolerance().toMillis());
    json.put("clientTokenRetentionMillis", c.clientTokenRetention().toMillis());
    json.put("failingCopyRegions", new TreeSet<>(c.failingCopyRegions()));
    return json;
  }

  /** Applies every field of {@code body} to {@code builder}. */
  static SimulatorConfigBuilder apply(JsonNode body, SimulatorConfigBuilder builder) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("the settings must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      one(field.getKey(), field.getValue(), builder);
    }
    return builder;
  }

  private static void one(String name, JsonNode value, SimulatorConfigBuilder b) {
    switch (name) {
      case "speedFactor" -> b.speedFactor(number(name, value).doubleValue());
      case "regions" -> b.regions(texts(name, value));
      case "addRegions" -> texts(name, value).forEach(b::addRegion);
      case "rateLimits" -> b.rateLimits(limits(name, value));
      case "idempotencyMismatchCode" -> b.idempotencyMismatchCode(text(name, value));
      case "tokenInFlightCode" -> b.tokenInFlightCode(text(name, value));
      case "deleteUnknownImageFails" -> b.deleteUnknownImageFails(flag(name, value));
      case "deleteCreatingImageFails" -> b.deleteCreatingImageFails(flag(name, value));
      case "clampPageSize" -> b.clampPageSize(flag(name, value));
      case "imageQuotaPerRegion" -> b.imageQuotaPerRegion(number(name, value).intValue());
      case "waitingMillis" -> b.waitingDuration(millis(name, value));
      case "creatingMillis" -> b.creatingDuration(millis(name, value));
      case "snapshotMillis" -> b.snapshotDuration(millis(name, value));
      case "timestampToleranceMillis" -> b.timestampTolerance(millis(name, value));
      case "clientTokenRetentionMillis" -> b.clientTokenRetention(millis(name, value));
      case "failingCopyRegions" -> b.failingCopyRegions(texts(name, value));
      default -> throw new IllegalArgumentException("unknown setting " + name);
    }
  }

  private static Number number(String name, JsonNode value) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException(name + " must be a number: " + value);
    }
    return value.numberValue();
  }

  private static Duration millis(String name, JsonNode value) {
    long millis = number(name, value).longValue();
    if (millis < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + millis);
    }
    return Duration.ofMillis(millis);
  }

  private static boolean flag(String name, JsonNode value) {
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false: " + value);
    }
    return value.booleanValue();
  }

  private static String text(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string: " + value);
    }
    return value.textValue();
  }

  private static List<String> texts(String name, JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException(name + " must be an array of strings: " + value);
    }
    List<String> texts = new ArrayList<>();
    value.forEach(v -> texts.add(text(name, v)));
    return texts;
  }

  private static Map<String, Integer> limits(String name, JsonNode value) {
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          name + " must be an object of action to calls per minute: " + value);
    }
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      limits.put(entry.getKey(), number(name + "." + entry.getKey(), entry.getValue()).intValue());
    }
    return limits;
  }
}
