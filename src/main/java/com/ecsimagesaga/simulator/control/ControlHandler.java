package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SnapshotStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON control API on the control port: seed the world, script faults, change the speed, read
 * counters and images, reset. Documented in docs/simulator.md. Errors answer 400 with {@code
 * {"error": "..."}}.
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
    } catch (RuntimeException e) {
      reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private Object dispatch(String route, Map<String, String> query, JsonNode body) {
    String region = body.path("regionId").asText(query.getOrDefault("regionId", "cn-hangzhou"));
    return switch (route) {
      case "GET /health" ->
          Map.of("status", "UP", "apiPort", sim.apiPort(), "speedFactor", sim.speedFactor());
      case "GET /images" -> Views.images(sim.world().images(region));
      case "GET /snapshots" -> Views.snapshots(sim.world().snapshots(region));
      case "GET /counters" ->
          Map.of("total", sim.counters().total(), "calls", sim.counters().snapshot());
      case "POST /instances" -> seedInstance(region, body);
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
      case "POST /snapshots" ->
          Views.snapshot(
              sim.world()
                  .seedSnapshot(
                      region,
                      text(body, "snapshotId"),
                      DiskType.valueOf(body.path("sourceDiskType").asText("system").toUpperCase()),
                      SnapshotStatus.valueOf(
                          body.path("status").asText("accomplished").toUpperCase()),
                      Instant.parse(body.path("creationTime").asText(Instant.now().toString())),
                      body.path("sizeGiB").asInt(40)));
      case "POST /resource-groups" -> {
        sim.world().seedResourceGroup(text(body, "resourceGroupId"));
        yield ok();
      }
      case "POST /speed" -> {
        sim.speedFactor(body.path("speedFactor").asDouble());
        yield Map.of("speedFactor", sim.speedFactor());
      }
      case "POST /faults" -> addFault(body);
      case "DELETE /faults" -> {
        sim.faults().clear();
        yield ok();
      }
      case "DELETE /counters" -> {
        sim.counters().reset();
        yield ok();
      }
      case "POST /reset" -> {
        sim.reset();
        yield ok();
      }
      default -> null;
    };
  }

  private Object seedInstance(String region, JsonNode body) {
    String instanceId = text(body, "instanceId");
    if (body.hasNonNull("imageId")) {
      return sim.world().seedInstanceFromImage(region, instanceId, body.get("imageId").asText());
    }
    JsonNode sizes = body.path("dataDiskGiB");
    int[] dataDisks = new int[sizes.size()];
    for (int i = 0; i < dataDisks.length; i++) {
      dataDisks[i] = sizes.get(i).asInt();
    }
    return sim.world()
        .seedInstance(
            region,
            instanceId,
            InstanceStatus.valueOf(body.path("status").asText("Running")),
            dataDisks);
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
    if (!body.hasNonNull(field)) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return body.get(field).asText();
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
