package com.ecsimagesaga.adapter.rest;

import java.util.List;
import java.util.Map;

/**
 * The JSON form of a CreateImage command, field for field the Avro contract. {@code commandId} may
 * be left out; the gateway then makes one up and returns it.
 */
public record CreateImageJson(
    String commandId,
    String regionId,
    String instanceId,
    String snapshotId,
    List<DiskMappingJson> diskDeviceMappings,
    String imageName,
    String name,
    String description,
    String architecture,
    String platform,
    String resourceGroupId,
    List<TagJson> tags,
    String bootMode,
    String imageFamily,
    String imageVersion,
    String detectionStrategy,
    Integer timeoutSeconds,
    Boolean deleteSnapshotsOnFailure,
    Map<String, Integer> stepTimeoutSeconds,
    DistributionJson distribution)
    implements KindCommandJson {

  /** Where the image goes once usable: copies in other regions, and accounts it is shared with. */
  public record DistributionJson(List<CopyDestinationJson> destinations, List<String> accounts) {}

  /** One region a copy is made in. */
  public record CopyDestinationJson(
      String regionId,
      String imageName,
      String description,
      Boolean encrypted,
      String kmsKeyId,
      List<TagJson> tags) {}

  /** A tag. */
  public record TagJson(String key, String value) {}

  /** A disk of an image made from disk device mappings. */
  public record DiskMappingJson(
      String device, String diskType, String snapshotId, Integer sizeGiB) {}
}
