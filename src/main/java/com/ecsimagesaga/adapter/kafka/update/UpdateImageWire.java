package com.ecsimagesaga.adapter.kafka.update;

import com.ecsimagesaga.adapter.kafka.EventEnvelope;
import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.adapter.kafka.WireValues;
import com.ecsimagesaga.contract.v1.ImageUpdateFailed;
import com.ecsimagesaga.contract.v1.ImageUpdated;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.update.UpdateEvents;
import com.ecsimagesaga.saga.update.UpdateImageCommand;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** UpdateImage and the events of an update, on the wire. */
public final class UpdateImageWire implements KindWire {

  @Override
  public List<Schema> schemas() {
    return List.of(
        UpdateImage.getClassSchema(),
        ImageUpdated.getClassSchema(),
        ImageUpdateFailed.getClassSchema());
  }

  @Override
  public Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    if (!(record instanceof UpdateImage c)) {
      return Optional.empty();
    }
    return Optional.of(
        new UpdateImageCommand(
            c.getCommandId(),
            c.getIssuedAt(),
            c.getRegionId(),
            c.getImageId(),
            c.getImageName(),
            c.getDescription(),
            c.getImageFamily(),
            c.getBootMode(),
            c.getDeprecated(),
            WireValues.tags(c.getAddTags()),
            c.getRemoveTagKeys(),
            c.getResourceGroupId(),
            c.getStepTimeoutSeconds()));
  }

  @Override
  public Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    if (!(command instanceof UpdateImageCommand c)) {
      return Optional.empty();
    }
    return Optional.of(
        UpdateImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setImageId(c.imageId())
            .setImageName(c.imageName())
            .setDescription(c.description())
            .setImageFamily(c.imageFamily())
            .setBootMode(c.bootMode())
            .setDeprecated(c.deprecated())
            .setAddTags(WireValues.avroTags(c.addTags()))
            .setRemoveTagKeys(c.removeTagKeys())
            .setResourceGroupId(c.resourceGroupId())
            .setStepTimeoutSeconds(WireValues.stepTimeouts(c.stepTimeoutSeconds()))
            .build());
  }

  @Override
  public Optional<SpecificRecord> toAvro(SagaEvent event) {
    if (event instanceof UpdateEvents.ImageUpdated e) {
      var r = new ImageUpdated();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setChanges(e.changes());
      return Optional.of(r);
    }
    if (event instanceof UpdateEvents.ImageUpdateFailed e) {
      var r = EventEnvelope.failure(new ImageUpdateFailed(), e.failure());
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setAppliedChanges(e.appliedChanges());
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
