package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.copy.CopyDestination;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import com.ecsimagesaga.saga.copy.Distribution;
import com.ecsimagesaga.saga.create.CreateImageCommand;
import com.ecsimagesaga.saga.delete.DeleteImageCommand;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import com.ecsimagesaga.saga.update.UpdateImageCommand;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON forms of the commands, read by {@link GatewayBody}, as domain commands issued now. A
 * missing list is an empty one, a missing flag false, as in the Avro contract's defaults.
 */
final class GatewayCommands {

  private GatewayCommands() {}

  static CreateImageCommand create(CreateImageJson b, String commandId, Instant now) {
    return new CreateImageCommand(
        commandId,
        now,
        b.regionId(),
        b.instanceId(),
        b.snapshotId(),
        Optional.ofNullable(b.diskDeviceMappings()).orElse(List.of()).stream()
            .map(m -> new DiskMapping(m.device(), m.diskType(), m.snapshotId(), m.sizeGiB()))
            .toList(),
        b.imageName(),
        b.name(),
        b.description(),
        b.architecture(),
        b.platform(),
        b.resourceGroupId(),
        tags(b.tags()),
        b.bootMode(),
        b.imageFamily(),
        b.imageVersion(),
        b.detectionStrategy(),
        b.timeoutSeconds(),
        Boolean.TRUE.equals(b.deleteSnapshotsOnFailure()),
        b.stepTimeoutSeconds(),
        distribution(b.distribution()));
  }

  private static Distribution distribution(CreateImageJson.DistributionJson d) {
    if (d == null) {
      return null;
    }
    return new Distribution(
        destinations(d.destinations()), Optional.ofNullable(d.accounts()).orElse(List.of()));
  }

  private static List<CopyDestination> destinations(
      List<CreateImageJson.CopyDestinationJson> destinations) {
    return Optional.ofNullable(destinations).orElse(List.of()).stream()
        .map(
            x ->
                new CopyDestination(
                    x.regionId(),
                    x.imageName(),
                    x.description(),
                    Boolean.TRUE.equals(x.encrypted()),
                    x.kmsKeyId(),
                    tags(x.tags())))
        .toList();
  }

  static CopyImageCommand copy(CopyImageJson b, String commandId, Instant now) {
    return new CopyImageCommand(
        commandId,
        now,
        b.sourceRegionId(),
        b.sourceImageId(),
        destinations(b.destinations()),
        b.shareWith(),
        b.timeoutSeconds());
  }

  static ShareImageCommand share(ShareImageJson b, String commandId, Instant now) {
    return new ShareImageCommand(
        commandId, now, b.regionId(), b.imageId(), b.accounts(), List.of());
  }

  /** An UnshareImage is the share kind's command with accounts to remove. */
  static ShareImageCommand unshare(UnshareImageJson b, String commandId, Instant now) {
    return new ShareImageCommand(
        commandId, now, b.regionId(), b.imageId(), List.of(), b.accounts());
  }

  static UpdateImageCommand update(UpdateImageJson b, String commandId, Instant now) {
    return new UpdateImageCommand(
        commandId,
        now,
        b.regionId(),
        b.imageId(),
        b.imageName(),
        b.description(),
        b.imageFamily(),
        b.bootMode(),
        b.deprecated(),
        tags(b.addTags()),
        Optional.ofNullable(b.removeTagKeys()).orElse(List.of()),
        b.resourceGroupId(),
        b.stepTimeoutSeconds());
  }

  static DeleteImageCommand delete(DeleteImageJson b, String commandId, Instant now) {
    return new DeleteImageCommand(
        commandId,
        now,
        b.regionId(),
        b.imageId(),
        Boolean.TRUE.equals(b.force()),
        Boolean.TRUE.equals(b.deleteSnapshots()),
        b.stepTimeoutSeconds(),
        Boolean.TRUE.equals(b.deleteCopies()));
  }

  private static List<ImageTag> tags(List<CreateImageJson.TagJson> tags) {
    return Optional.ofNullable(tags).orElse(List.of()).stream()
        .map(t -> new ImageTag(t.key(), t.value()))
        .toList();
  }
}
