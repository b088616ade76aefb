package com.ecsimagesaga.adapter.kafka.copy;

import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.adapter.kafka.WireValues;
import com.ecsimagesaga.contract.v1.CopyImage;
import com.ecsimagesaga.contract.v1.ImageCopied;
import com.ecsimagesaga.contract.v1.ImageCopyFailed;
import com.ecsimagesaga.contract.v1.ImageCopyProgressed;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.copy.CopyDestination;
import com.ecsimagesaga.saga.copy.CopyEvents;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** CopyImage and the events of a copy, on the wire. */
public final class CopyImageWire implements KindWire {

  @Override
  public List<Schema> schemas() {
    return List.of(
        CopyImage.getClassSchema(),
        ImageCopyProgressed.getClassSchema(),
        ImageCopied.getClassSchema(),
        ImageCopyFailed.getClassSchema());
  }

  @Override
  public Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    if (!(record instanceof CopyImage c)) {
      return Optional.empty();
    }
    return Optional.of(
        new CopyImageCommand(
            c.getCommandId(),
            c.getIssuedAt(),
            c.getSourceRegionId(),
            c.getSourceImageId(),
            c.getDestinations().stream().map(CopyImageWire::toDomain).toList(),
            c.getShareWith(),
            c.getTimeoutSeconds()));
  }

  @Override
  public Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    if (!(command instanceof CopyImageCommand c)) {
      return Optional.empty();
    }
    return Optional.of(
        CopyImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setSourceRegionId(c.sourceRegionId())
            .setSourceImageId(c.sourceImageId())
            .setDestinations(c.destinations().stream().map(CopyImageWire::toAvro).toList())
            .setShareWith(c.shareWith())
            .setTimeoutSeconds(c.timeoutSeconds())
            .build());
  }

  /** One destination of a copy, as the contract's CopyDestination. */
  /** One destination of a copy, as the kind takes it. */
  public static CopyDestination toDomain(com.ecsimagesaga.contract.v1.CopyDestination d) {
    return new CopyDestination(
        d.getRegionId(),
        d.getImageName(),
        d.getDescription(),
        d.getEncrypted(),
        d.getKmsKeyId(),
        WireValues.tags(d.getTags()));
  }

  public static com.ecsimagesaga.contract.v1.CopyDestination toAvro(CopyDestination d) {
    return com.ecsimagesaga.contract.v1.CopyDestination.newBuilder()
        .setRegionId(d.regionId())
        .setImageName(d.imageName())
        .setDescription(d.description())
        .setEncrypted(d.encrypted())
        .setKmsKeyId(d.kmsKeyId())
        .setTags(
            d.tags().stream()
                .map(t -> Tag.newBuilder().setKey(t.key()).setValue(t.value()).build())
                .toList())
        .build();
  }

  @Override
  public Optional<SpecificRecord> toAvro(SagaEvent event) {
    if (event instanceof CopyEvents.ImageCopyProgressed e) {
      var r = new ImageCopyProgressed();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setSourceRegionId(e.sourceRegionId());
      r.setSourceImageId(e.sourceImageId());
      r.setStatus(e.status());
      r.setProgress(e.progress());
      return Optional.of(r);
    }
    if (event instanceof CopyEvents.ImageCopied e) {
      var r = new ImageCopied();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setSourceRegionId(e.sourceRegionId());
      r.setSourceImageId(e.sourceImageId());
      r.setImageName(e.imageName());
      r.setStatus(e.status());
      r.setUsable(e.usable());
      return Optional.of(r);
    }
    if (event instanceof CopyEvents.ImageCopyFailed e) {
      Failure f = e.failure();
      var r = new ImageCopyFailed();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setSourceRegionId(e.sourceRegionId());
      r.setSourceImageId(e.sourceImageId());
      r.setFailedStep(f.step().name());
      r.setErrorKind(f.kind());
      r.setErrorCode(f.code());
      r.setErrorMessage(f.message());
      r.setRequestId(f.requestId());
      r.setCompensation(e.compensation());
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
