package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.command.FieldRules;
import com.ecsimagesaga.command.ImageTextRules;
import com.ecsimagesaga.command.TagRules;
import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.saga.StepTimeoutRules;
import com.ecsimagesaga.saga.copy.CopyImageKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link CreateImageCommand} against every rule ECS applies at CreateImage, so that a
 * command ECS would refuse never reaches ECS. All violations are collected, not just the first.
 */
public final class CreateImageRules {

  static final int MIN_TIMEOUT_SECONDS = 10;
  static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

  private CreateImageRules() {}

  public static Validated<ImageSpec> check(CreateImageCommand c) {
    List<Violation> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    FieldRules.commandId(c.commandId(), out);
    FieldRules.regionId(c.regionId(), out);
    ImageSource source = source(c, out);
    String name = name(c, out, warnings);
    ImageTextRules.description(c.description(), out);
    ImageTextRules.oneOf("architecture", c.architecture(), ImageTextRules.ARCHITECTURES, out);
    ImageTextRules.oneOf("platform", c.platform(), ImageTextRules.PLATFORMS, out);
    ImageTextRules.oneOf("bootMode", c.bootMode(), ImageTextRules.BOOT_MODES, out);
    ImageTextRules.oneOf(
        "detectionStrategy", c.detectionStrategy(), ImageTextRules.DETECTION_STRATEGIES, out);
    ImageTextRules.imageFamily(c.imageFamily(), out);
    ImageTextRules.imageVersion(c.imageVersion(), out);
    if (c.resourceGroupId() != null) {
      FieldRules.resourceId("resourceGroupId", c.resourceGroupId(), "rg-", "resource-group", out);
    }
    TagRules.check(c.tags(), out);
    if (c.timeoutSeconds() != null
        && (c.timeoutSeconds() < MIN_TIMEOUT_SECONDS || c.timeoutSeconds() > MAX_TIMEOUT_SECONDS)) {
      out.add(
          Violation.of(
              "timeoutSeconds",
              "timeout.range",
              String.valueOf(c.timeoutSeconds()),
              "timeoutSeconds must be between "
                  + MIN_TIMEOUT_SECONDS
                  + " and "
                  + MAX_TIMEOUT_SECONDS));
    }
    StepTimeoutRules.check(c.stepTimeoutSeconds(), CreateImageSaga.TABLE, out);
    if (c.distribution() != null) {
      CopyImageKind.destinations(
          "distribution.destinations",
          c.regionId(),
          c.distribution().destinations(),
          c.distribution().accounts(),
          out);
    }
    if (!out.isEmpty()) {
      return new Validated<>(null, out, warnings);
    }
    ImageSpec spec =
        new ImageSpec(
            c.regionId(),
            source,
            name,
            c.description(),
            c.architecture(),
            c.platform(),
            c.resourceGroupId(),
            c.tags(),
            c.bootMode(),
            c.imageFamily(),
            c.imageVersion(),
            c.detectionStrategy());
    return new Validated<>(spec, out, warnings);
  }

  private static ImageSource source(CreateImageCommand c, List<Violation> out) {
    int named =
        (c.instanceId() != null ? 1 : 0)
            + (c.snapshotId() != null ? 1 : 0)
            + (c.diskDeviceMappings().isEmpty() ? 0 : 1);
    if (named != 1) {
      out.add(
          Violation.of(
              "source",
              named == 0 ? "source.missing" : "source.ambiguous",
              null,
              "name exactly one source: instanceId, snapshotId or diskDeviceMappings"));
      return null;
    }
    if (c.instanceId() != null) {
      return FieldRules.resourceId("instanceId", c.instanceId(), "i-", "instance", out)
          ? new ImageSource.FromInstance(c.instanceId())
          : null;
    }
    if (c.snapshotId() != null) {
      return FieldRules.resourceId("snapshotId", c.snapshotId(), "s-", "snapshot", out)
          ? new ImageSource.FromSnapshot(c.snapshotId())
          : null;
    }
    DiskMappingRules.check(c.diskDeviceMappings(), out);
    return new ImageSource.FromDiskMappings(c.diskDeviceMappings());
  }

  private static String name(CreateImageCommand c, List<Violation> out, List<String> warnings) {
    if (c.deprecatedName() != null) {
      warnings.add("the field 'name' is deprecated; use 'imageName'");
      if (c.imageName() != null && !c.imageName().equals(c.deprecatedName())) {
        out.add(
            Violation.of(
                "name",
                "image-name.conflict",
                c.deprecatedName(),
                "imageName and its deprecated alias name differ; set only imageName"));
        return null;
      }
    }
    String name = c.imageName() != null ? c.imageName() : c.deprecatedName();
    ImageTextRules.imageName(c.imageName() != null ? "imageName" : "name", name, out);
    return name;
  }
}
