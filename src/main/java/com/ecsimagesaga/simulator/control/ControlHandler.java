package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON control API on the control port: seed the world, script faults, change the settings
 * (everything a test can set in process but addresses, ports, keys and clock), read counters and
 * images, reset to the seeded or the empty state. Documented in docs/simulator.md. Errors answer
 * 400 with {@code {"error": "..."}}.
 */
public final class ControlHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EcsSimulator sim;

  /** Controls {@code sim}. */
  public ControlHandler(EcsSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    Map<String, String> query = Queries.parse(exchange.getRequestURI().getRawQuery());
    try {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      Object result = dispatch(route, query, body);
      if (result == null) {
        reply(exchange, 404, Map.of("error", "no such control endpoint: " + route));
      } else {
        reply(exchange, 200, result);
      }
    } catch (RuntimeException | JsonProcessingException e) {
      reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private Object dispatch(String route, Map<String, String> query, JsonNode body) {
    String region = body.path("regionId").asText(query.getOrDefault("regionId", "cn-hangzhou"));
    WorldSeeding seeding = new WorldSeeding(sim.world());
    return switch (route) {
      case "GET /health" ->
          Map.of("status", "UP", "apiPort", sim.apiPort(), "speedFactor", sim.speedFactor());
      case "GET /config" -> SettingsSpecs.view(sim.config());
      case "POST /config" -> SettingsSpecs.view(sim.reconfigure(b -> SettingsSpecs.apply(body, b)));
      case "GET /images" -> Views.images(sim.world().images(region));
      case "POST /images" -> seeding.image(region, body);
      case "POST /images/share" -> {
        sim.world().shareImage(region, text(body, "imageId"), body.path("shared").asBoolean(true));
        yield ok();
      }
      case "GET /snapshots" -> Views.snapshots(sim.world().snapshots(region));
      case "POST /snapshots" -> seeding.snapshot(region, body);
      case "POST /snapshots/encrypt" -> {
        sim.world().encryptSnapshot(region, text(body, "snapshotId"));
        yield ok();
      }
      case "GET /instances" -> seeding.instanceStatus(region, query);
      case "POST /instances" -> seeding.instance(region, body);
      case "POST /instances/status" -> {
        sim.world()
            .setInstanceStatus(
                region, text(body, "instanceId"), InstanceStatus.valueOf(text(body, "status")));
        yield ok();
      }
      case "POST /instances/lock" -> {
        sim.world()
            .lockInstance(region, text(body, "instanceId"), body.path("reason").asText("security"));
        yield ok();
      }
      case "POST /instances/unlock" -> {
        sim.world().unlockInstance(region, text(body, "instanceId"));
        yield ok();
      }
      case "POST /resource-groups" -> {
        sim.world().seedResourceGroup(text(body, "resourceGroupId"));
        yield ok();
      }
      case "POST /speed" -> {
        sim.speedFactor(body.path("speedFactor").asDouble());
        yield Map.of("speedFactor", sim.speedFactor());
      }
      case "GET /faults" -> Map.of("action", need(query, "action"), "pending", pending(query));
      case "POST /faults" -> addFault(body);
      case "DELETE /faults" -> {
        sim.faults().clear();
        yield ok();
      }
      case "GET /counters" ->
          Map.of("total", sim.counters().total(), "calls", sim.counters().snapshot());
      case "GET /counters/times" -> times(query);
      case "DELETE /counters" -> {
        sim.counters().reset();
        yield ok();
      }
      case "POST /reset" -> {
        if (Boolean.parseBoolean(query.get("empty"))) {
          sim.resetEmpty();
        } else {
          sim.reset();
        }
        yield ok();
      }
      default -> null;
    };
  }

  private int pending(Map<String, String> query) {
    return sim.faults().pending(need(query, "action"));
  }

  /** When calls of an action ended with an outcome ({@code OK} by default), simulator clock. */
  private Object times(Map<String, String> query) {
    String action = need(query, "action");
    String outcome = query.getOrDefault("outcome", "OK");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", action);
    json.put("outcome", outcome);
    json.put("count", sim.counters().count(action, outcome));
    json.put("firstAt", sim.counters().firstAt(action, outcome).map(Object::toString).orElse(null));
    json.put("lastAt", sim.counters().lastAt(action, outcome).map(Object::toString).orElse(null));
    return json;
  }

  private static String need(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing query parameter " + name);
    }
    return value;
  }

  private Object addFault(JsonNode body) {
    String action = text(body, "action");
    Fault fault = FaultSpecs.parse(body);
    if (body.has("probability")) {
      sim.faults().probability(action, body.get("probability").asDouble(), fault);
    } else {
      sim.faults().next(action, body.path("count").asInt(1), fault);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", action);
    result.put("kind", fault.kind().name());
    result.put("pending", sim.faults().pending(action));
    return result;
  }

  private static String text(JsonNode body, String field) {
    return WorldSeeding.text(body, field);
  }

  private static Map<String, Object> ok() {
    return Map.of("ok", true);
  }

  private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
