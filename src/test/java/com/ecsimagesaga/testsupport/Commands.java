package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.copy.Distribution;
import com.ecsimagesaga.saga.create.CreateImageCommand;
import com.ecsimagesaga.saga.delete.DeleteImageCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of valid commands; tests change what they are about. */
public final class Commands {

  private Commands() {}

  public static CreateImageBuilder aCreateImageCommand() {
    return new CreateImageBuilder();
  }

  public static DeleteImageCommand aDeleteImageCommand(String imageId) {
    return new DeleteImageCommand(
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-28T00:00:00Z"),
        "cn-hangzhou",
        imageId,
        false,
        false,
        null);
  }

  /** A valid CreateImage command from instance i-test0001 unless changed. */
  public static final class CreateImageBuilder {
    public String commandId = UUID.randomUUID().toString();
    public String regionId = "cn-hangzhou";
    public String instanceId = "i-test0001";
    public String snapshotId;
    public List<DiskMapping> mappings = List.of();
    public String imageName = "web-base-" + commandId.substring(0, 8);
    public String name;
    public String description = "base image for web servers";
    public String architecture = "x86_64";
    public String platform = "Ubuntu";
    public List<ImageTag> tags = List.of(new ImageTag("team", "platform"));
    public Integer timeoutSeconds;
    public Map<String, Integer> stepTimeoutSeconds;
    public Distribution distribution;

    public CreateImageBuilder distribution(Distribution v) {
      distribution = v;
      return this;
    }

    public CreateImageBuilder commandId(String v) {
      commandId = v;
      return this;
    }

    public CreateImageBuilder instanceId(String v) {
      instanceId = v;
      return this;
    }

    public CreateImageBuilder snapshotId(String v) {
      snapshotId = v;
      return this;
    }

    public CreateImageBuilder mappings(List<DiskMapping> v) {
      mappings = v;
      return this;
    }

    public CreateImageBuilder imageName(String v) {
      imageName = v;
      return this;
    }

    public CreateImageBuilder name(String v) {
      name = v;
      return this;
    }

    public CreateImageBuilder description(String v) {
      description = v;
      return this;
    }

    public CreateImageBuilder architecture(String v) {
      architecture = v;
      return this;
    }

    public CreateImageBuilder platform(String v) {
      platform = v;
      return this;
    }

    public CreateImageBuilder tags(List<ImageTag> v) {
      tags = v;
      return this;
    }

    public CreateImageBuilder timeoutSeconds(Integer v) {
      timeoutSeconds = v;
      return this;
    }

    public CreateImageBuilder stepTimeoutSeconds(Map<String, Integer> v) {
      stepTimeoutSeconds = v;
      return this;
    }

    public CreateImageCommand build() {
      return new CreateImageCommand(
          commandId,
          Instant.parse("2026-11-28T00:00:00Z"),
          regionId,
          instanceId,
          snapshotId,
          mappings,
          imageName,
          name,
          description,
          architecture,
          platform,
          null,
          tags,
          null,
          null,
          null,
          null,
          timeoutSeconds,
          false,
          stepTimeoutSeconds,
          distribution);
    }
  }
}
