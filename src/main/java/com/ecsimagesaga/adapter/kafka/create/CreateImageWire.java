package com.ecsimagesaga.adapter.kafka.create;

import com.ecsimagesaga.adapter.kafka.EventEnvelope;
import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.adapter.kafka.WireValues;
import com.ecsimagesaga.adapter.kafka.copy.CopyImageWire;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DiskDeviceMapping;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageCreationProgressed;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.copy.Distribution;
import com.ecsimagesaga.saga.create.CreateEvents;
import com.ecsimagesaga.saga.create.CreateImageCommand;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * CreateImage and the events of a create, on the wire. Values are passed through unchecked;
 * validation is the kind's job.
 */
public final class CreateImageWire implements KindWire {

  @Override
  public List<Schema> schemas() {
    return List.of(
        CreateImage.getClassSchema(),
        ImageCreated.getClassSchema(),
        ImageCreationFailed.getClassSchema(),
        ImageCreationProgressed.getClassSchema());
  }

  @Override
  public Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    if (!(record instanceof CreateImage c)) {
      return Optional.empty();
    }
    return Optional.of(
        new CreateImageCommand(
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
            WireValues.tags(c.getTags()),
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
                        .map(CopyImageWire::toDomain)
                        .toList(),
                    c.getDistribution().getAccounts())));
  }

  @Override
  public Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    if (!(command instanceof CreateImageCommand c)) {
      return Optional.empty();
    }
    return Optional.of(
        CreateImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setInstanceId(c.instanceId())
            .setSnapshotId(c.snapshotId())
            .setDiskDeviceMappings(
                c.diskDeviceMappings().stream()
                    .map(
                        m ->
                            DiskDeviceMapping.newBuilder()
                                .setDevice(m.device())
                                .setDiskType(m.diskType() == null ? "data" : m.diskType())
                                .setSnapshotId(m.snapshotId())
                                .setSizeGiB(m.sizeGiB())
                                .build())
                    .toList())
            .setImageName(c.imageName())
            .setName(c.deprecatedName())
            .setDescription(c.description())
            .setArchitecture(c.architecture())
            .setPlatform(c.platform())
            .setResourceGroupId(c.resourceGroupId())
            .setTags(WireValues.avroTags(c.tags()))
            .setBootMode(c.bootMode())
            .setImageFamily(c.imageFamily())
            .setImageVersion(c.imageVersion())
            .setDetectionStrategy(c.detectionStrategy())
            .setTimeoutSeconds(c.timeoutSeconds())
            .setDeleteSnapshotsOnFailure(c.deleteSnapshotsOnFailure())
            .setStepTimeoutSeconds(WireValues.stepTimeouts(c.stepTimeoutSeconds()))
            .setDistribution(distribution(c.distribution()))
            .build());
  }

  private static com.ecsimagesaga.contract.v1.Distribution distribution(Distribution d) {
    if (d == null) {
      return null;
    }
    return com.ecsimagesaga.contract.v1.Distribution.newBuilder()
        .setDestinations(d.destinations().stream().map(CopyImageWire::toAvro).toList())
        .setAccounts(d.accounts())
        .build();
  }

  @Override
  public Optional<SpecificRecord> toAvro(SagaEvent event) {
    if (event instanceof CreateEvents.ImageCreated e) {
      var r = new ImageCreated();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setImageName(e.imageName());
      r.setStatus(e.status());
      r.setUsable(e.usable());
      r.setSnapshotIds(e.snapshotIds());
      return Optional.of(r);
    }
    if (event instanceof CreateEvents.ImageCreationFailed e) {
      var r = EventEnvelope.failure(new ImageCreationFailed(), e.failure());
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setCompensation(e.compensation());
      return Optional.of(r);
    }
    if (event instanceof CreateEvents.ImageCreationProgressed e) {
      var r = new ImageCreationProgressed();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setStatus(e.status());
      r.setProgress(e.progress());
      r.setPhase(e.phase());
      r.setQuotaWaitUntil(e.quotaWaitUntil());
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
