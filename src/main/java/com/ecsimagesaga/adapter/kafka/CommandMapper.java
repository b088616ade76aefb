package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.command.CreateImageCommand;
import com.ecsimagesaga.command.DeleteImageCommand;
import com.ecsimagesaga.command.UpdateImageCommand;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.copy.CopyDestination;
import com.ecsimagesaga.saga.copy.Distribution;

/**
 * Avro commands to domain commands. Values are passed through unchecked; validation is the core's
 * job.
 */
public final class CommandMapper {

  private CommandMapper() {}

  public static CreateImageCommand toDomain(CreateImage c) {
    return new CreateImageCommand(
        c.getCommandId(),
        c.getIssuedAt(),
        c.getRegionId(),
        c.getInstanceId(),
        c.getSnapshotId(),
        c.getDiskDeviceMappings().stream()
            .map(
                m ->
                    new DiskMapping(
                        m.getDevice(), m.getDiskType(), m.getSnapshotId(), m.getSizeGiB()))
            .toList(),
        c.getImageName(),
        c.getName(),
        c.getDescription(),
        c.getArchitecture(),
        c.getPlatform(),
        c.getResourceGroupId(),
        c.getTags().stream().map(t -> new ImageTag(t.getKey(), t.getValue())).toList(),
        c.getBootMode(),
        c.getImageFamily(),
        c.getImageVersion(),
        c.getDetectionStrategy(),
        c.getTimeoutSeconds(),
        c.getDeleteSnapshotsOnFailure(),
        c.getStepTimeoutSeconds(),
        c.getDistribution() == null
            ? null
            : new Distribution(
                c.getDistribution().getDestinations().stream()
                    .map(CommandMapper::toDomain)
                    .toList(),
                c.getDistribution().getAccounts()));
  }

  /** One destination of a copy. */
  public static CopyDestination toDomain(com.ecsimagesaga.contract.v1.CopyDestination d) {
    return new CopyDestination(
        d.getRegionId(),
        d.getImageName(),
        d.getDescription(),
        d.getEncrypted(),
        d.getKmsKeyId(),
        d.getTags().stream().map(t -> new ImageTag(t.getKey(), t.getValue())).toList());
  }

  public static UpdateImageCommand toDomain(UpdateImage c) {
    return new UpdateImageCommand(
        c.getCommandId(),
        c.getIssuedAt(),
        c.getRegionId(),
        c.getImageId(),
        c.getImageName(),
        c.getDescription(),
        c.getImageFamily(),
        c.getBootMode(),
        c.getDeprecated(),
        c.getAddTags().stream().map(t -> new ImageTag(t.getKey(), t.getValue())).toList(),
        c.getRemoveTagKeys(),
        c.getResourceGroupId(),
        c.getStepTimeoutSeconds());
  }

  public static DeleteImageCommand toDomain(DeleteImage c) {
    return new DeleteImageCommand(
        c.getCommandId(),
        c.getIssuedAt(),
        c.getRegionId(),
        c.getImageId(),
        c.getForce(),
        c.getDeleteSnapshots(),
        c.getStepTimeoutSeconds(),
        c.getDeleteCopies());
  }
}
