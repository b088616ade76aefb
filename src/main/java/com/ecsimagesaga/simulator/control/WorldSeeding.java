package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorWorld;
import com.ecsimagesaga.simulator.SnapshotStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The control API's seeding requests, each the JSON form of one {@link SimulatorWorld} method. */
final class WorldSeeding {
  private final SimulatorWorld world;

  WorldSeeding(SimulatorWorld world) {
    this.world = world;
  }

  Object instance(String region, JsonNode body) {
    String instanceId = text(body, "instanceId");
    if (body.hasNonNull("imageId")) {
      return world.seedInstanceFromImage(region, instanceId, body.get("imageId").asText());
    }
    JsonNode sizes = body.path("dataDiskGiB");
    int[] dataDisks = new int[sizes.size()];
    for (int i = 0; i < dataDisks.length; i++) {
      dataDisks[i] = sizes.get(i).asInt();
    }
    return world.seedInstance(
        region,
        instanceId,
        InstanceStatus.valueOf(body.path("status").asText("Running")),
        dataDisks);
  }

  Object snapshot(String region, JsonNode body) {
    return Views.snapshot(
        world.seedSnapshot(
            region,
            text(body, "snapshotId"),
            DiskType.valueOf(body.path("sourceDiskType").asText("system").toUpperCase(Locale.ROOT)),
            SnapshotStatus.valueOf(
                body.path("status").asText("accomplished").toUpperCase(Locale.ROOT)),
            Instant.parse(body.path("creationTime").asText(Instant.now().toString())),
            body.path("sizeGiB").asInt(40)));
  }

  /**
   * An image as a CreateImage would have made it: {@code name}, {@code tags} (object), {@code
   * creationTime} (default now) and {@code readyAt}, when it becomes Available (default now).
   */
  Object image(String region, JsonNode body) {
    Instant now = Instant.now();
    Instant created = Instant.parse(body.path("creationTime").asText(now.toString()));
    Instant ready = Instant.parse(body.path("readyAt").asText(created.toString()));
    Map<String, String> tags = new LinkedHashMap<>();
    body.path("tags").properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
    String imageId = world.seedImage(region, text(body, "name"), tags, created, ready);
    return Views.image(world.image(region, imageId).orElseThrow());
  }

  Object instanceStatus(String region, Map<String, String> query) {
    String instanceId = query.get("instanceId");
    if (instanceId == null) {
      throw new IllegalArgumentException("missing query parameter instanceId");
    }
    return Map.of(
        "regionId",
        region,
        "instanceId",
        instanceId,
        "status",
        world.instanceStatus(region, instanceId).name());
  }

  static String text(JsonNode body, String field) {
    if (!body.hasNonNull(field)) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return body.get(field).asText();
  }
}
