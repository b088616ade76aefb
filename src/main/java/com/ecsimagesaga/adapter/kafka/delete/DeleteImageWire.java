package com.ecsimagesaga.adapter.kafka.delete;

import com.ecsimagesaga.adapter.kafka.EventEnvelope;
import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.adapter.kafka.WireValues;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.contract.v1.ImageDeletionFailed;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.delete.DeleteEvents;
import com.ecsimagesaga.saga.delete.DeleteImageCommand;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** DeleteImage and the events of a delete, on the wire. */
public final class DeleteImageWire implements KindWire {

  @Override
  public List<Schema> schemas() {
    return List.of(
        DeleteImage.getClassSchema(),
        ImageDeleted.getClassSchema(),
        ImageDeletionFailed.getClassSchema());
  }

  @Override
  public Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    if (!(record instanceof DeleteImage c)) {
      return Optional.empty();
    }
    return Optional.of(
        new DeleteImageCommand(
            c.getCommandId(),
            c.getIssuedAt(),
            c.getRegionId(),
            c.getImageId(),
            c.getForce(),
            c.getDeleteSnapshots(),
            c.getStepTimeoutSeconds(),
            c.getDeleteCopies()));
  }

  @Override
  public Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    if (!(command instanceof DeleteImageCommand c)) {
      return Optional.empty();
    }
    return Optional.of(
        DeleteImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setImageId(c.imageId())
            .setForce(c.force())
            .setDeleteSnapshots(c.deleteSnapshots())
            .setDeleteCopies(c.deleteCopies())
            .setStepTimeoutSeconds(WireValues.stepTimeouts(c.stepTimeoutSeconds()))
            .build());
  }

  @Override
  public Optional<SpecificRecord> toAvro(SagaEvent event) {
    if (event instanceof DeleteEvents.ImageDeleted e) {
      var r = new ImageDeleted();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setAlreadyAbsent(e.alreadyAbsent());
      r.setDeletedSnapshotIds(e.deletedSnapshotIds());
      return Optional.of(r);
    }
    if (event instanceof DeleteEvents.ImageDeletionFailed e) {
      var r = EventEnvelope.failure(new ImageDeletionFailed(), e.failure());
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
