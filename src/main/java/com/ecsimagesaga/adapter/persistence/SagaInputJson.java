package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.copy.Distribution;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.saga.update.UpdateInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saga input as JSON in the saga row. A kind's input is stored by its record components under
 * the kind's type ({@code {"kind":"COPY_IMAGE","input":{...}}}); the inputs of the create, update
 * and delete kinds keep the shape written by hand that rows have had since the first version
 * ({@code {"kind":"create",...}}), so every row ever written reads back and the rows of this
 * version are the same as before. Written without annotations so that the domain types stay free of
 * persistence concerns.
 */
final class SagaInputJson {

  /** Unknown fields are ignored so that a row written by a newer version stays readable. */
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SagaInputJson() {}

  static String write(SagaInput input) {
    ObjectNode n = JSON.createObjectNode();
    if (!(input instanceof CreateInput
        || input instanceof UpdateInput
        || input instanceof DeleteInput)) {
      // Any other kind stores its input record as it is, under the kind's type.
      n.put("kind", kindOf(input).type().name());
      n.set("input", JSON.valueToTree(input));
      return n.toString();
    }
    if (input instanceof CreateInput c) {
      n.put("kind", "create");
      if (c.timeout() != null) {
        n.put("timeoutSeconds", c.timeout().toSeconds());
      }
      n.put("deleteSnapshotsOnFailure", c.deleteSnapshotsOnFailure());
      n.set("spec", JSON.valueToTree(new SpecShape(c.spec())));
      if (c.distribution() != null) {
        n.set("distribution", JSON.valueToTree(c.distribution()));
      }
    } else if (input instanceof UpdateInput u) {
      n.put("kind", "update");
      n.set("changes", JSON.valueToTree(u.changes()));
    } else {
      DeleteInput d = (DeleteInput) input;
      n.put("kind", "delete")
          .put("imageId", d.imageId())
          .put("force", d.force())
          .put("deleteSnapshots", d.deleteSnapshots());
    }
    if (!input.stepTimeouts().isEmpty()) {
      ObjectNode steps = n.putObject("stepTimeoutSeconds");
      input.stepTimeouts().forEach((step, d) -> steps.put(step.name(), d.toSeconds()));
    }
    return n.toString();
  }

  private static SagaKind<?> kindOf(SagaInput input) {
    return KindRegistry.kinds()
        .forInput(input)
        .orElseThrow(
            () -> new IllegalArgumentException("no saga kind stores a " + input.getClass()));
  }

  /** The command's own step timeouts; absent in rows written before they existed. */
  private static Map<Step, Duration> stepTimeouts(JsonNode n) {
    Map<Step, Duration> out = new TreeMap<>();
    JsonNode steps = n.get("stepTimeoutSeconds");
    if (steps != null && steps.isObject()) {
      steps
          .properties()
          .forEach(
              e -> out.put(Step.valueOf(e.getKey()), Duration.ofSeconds(e.getValue().asLong())));
    }
    return out;
  }

  /** A string field of an input as the store writes it, or null when it has none. */
  static String field(SagaInput input, String field) {
    JsonNode n = JSON.valueToTree(input).get(field);
    return n == null || !n.isTextual() ? null : n.asText();
  }

  static SagaInput read(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      var kind =
          KindRegistry.kinds().all().stream()
              .filter(k -> k.type().name().equals(n.get("kind").asText()))
              .findFirst();
      if (kind.isPresent()) {
        return JSON.treeToValue(n.get("input"), kind.get().inputClass());
      }
      if ("update".equals(n.get("kind").asText())) {
        return new UpdateInput(
            JSON.treeToValue(n.get("changes"), ImageChanges.class), stepTimeouts(n));
      }
      if ("delete".equals(n.get("kind").asText())) {
        return new DeleteInput(
            n.get("imageId").asText(),
            n.get("force").asBoolean(),
            n.get("deleteSnapshots").asBoolean(),
            stepTimeouts(n));
      }
      Duration timeout =
          n.hasNonNull("timeoutSeconds")
              ? Duration.ofSeconds(n.get("timeoutSeconds").asLong())
              : null;
      SpecShape shape = JSON.treeToValue(n.get("spec"), SpecShape.class);
      Distribution distribution =
          n.hasNonNull("distribution")
              ? JSON.treeToValue(n.get("distribution"), Distribution.class)
              : null;
      return new CreateInput(
          shape.toSpec(),
          timeout,
          n.get("deleteSnapshotsOnFailure").asBoolean(),
          stepTimeouts(n),
          distribution);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable saga input: " + e.getOriginalMessage(), e);
    }
  }

  /** The stored shape of one disk mapping: exactly its four fields. */
  record MappingShape(String device, String diskType, String snapshotId, Integer sizeGiB) {
    MappingShape(DiskMapping m) {
      this(m.device(), m.diskType(), m.snapshotId(), m.sizeGiB());
    }

    DiskMapping toMapping() {
      return new DiskMapping(device, diskType, snapshotId, sizeGiB);
    }
  }

  /** The stored shape of an image spec: the source flattened into three optional fields. */
  record SpecShape(
      String regionId,
      String instanceId,
      String snapshotId,
      List<MappingShape> diskDeviceMappings,
      String imageName,
      String description,
      String architecture,
      String platform,
      String resourceGroupId,
      List<ImageTag> tags,
      String bootMode,
      String imageFamily,
      String imageVersion,
      String detectionStrategy) {

    SpecShape(ImageSpec s) {
      this(
          s.regionId(),
          s.source() instanceof ImageSource.FromInstance i ? i.instanceId() : null,
          s.source() instanceof ImageSource.FromSnapshot sn ? sn.snapshotId() : null,
          s.source() instanceof ImageSource.FromDiskMappings m
              ? m.mappings().stream().map(MappingShape::new).toList()
              : List.of(),
          s.imageName(),
          s.description(),
          s.architecture(),
          s.platform(),
          s.resourceGroupId(),
          s.tags(),
          s.bootMode(),
          s.imageFamily(),
          s.imageVersion(),
          s.detectionStrategy());
    }

    ImageSpec toSpec() {
      ImageSource source =
          instanceId != null
              ? new ImageSource.FromInstance(instanceId)
              : snapshotId != null
                  ? new ImageSource.FromSnapshot(snapshotId)
                  : new ImageSource.FromDiskMappings(
                      diskDeviceMappings.stream().map(MappingShape::toMapping).toList());
      return new ImageSpec(
          regionId,
          source,
          imageName,
          description,
          architecture,
          platform,
          resourceGroupId,
          tags,
          bootMode,
          imageFamily,
          imageVersion,
          detectionStrategy);
    }
  }
}
