package com.ecsimagesaga.adapter.kafka.share;

import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.contract.v1.ImageShareFailed;
import com.ecsimagesaga.contract.v1.ImageShared;
import com.ecsimagesaga.contract.v1.ShareImage;
import com.ecsimagesaga.contract.v1.UnshareImage;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.share.ShareEvents;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** ShareImage, UnshareImage and the events of a share, on the wire. */
public final class ShareImageWire implements KindWire {

  @Override
  public List<Schema> schemas() {
    return List.of(
        ShareImage.getClassSchema(),
        UnshareImage.getClassSchema(),
        ImageShared.getClassSchema(),
        ImageShareFailed.getClassSchema());
  }

  @Override
  public Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    if (record instanceof ShareImage c) {
      return Optional.of(
          new ShareImageCommand(
              c.getCommandId(),
              c.getIssuedAt(),
              c.getRegionId(),
              c.getImageId(),
              c.getAccounts(),
              List.of()));
    }
    if (record instanceof UnshareImage c) {
      return Optional.of(
          new ShareImageCommand(
              c.getCommandId(),
              c.getIssuedAt(),
              c.getRegionId(),
              c.getImageId(),
              List.of(),
              c.getAccounts()));
    }
    return Optional.empty();
  }

  /**
   * A command that adds accounts is a ShareImage, one that removes them an UnshareImage; the wire
   * has no record that does both (no producer can send one, and the gateway never makes one).
   */
  @Override
  public Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    if (!(command instanceof ShareImageCommand c)) {
      return Optional.empty();
    }
    if (!c.addAccounts().isEmpty() && !c.removeAccounts().isEmpty()) {
      throw new IllegalArgumentException(
          "command "
              + c.commandId()
              + " both adds and removes accounts: publish a ShareImage and an UnshareImage");
    }
    if (c.removeAccounts().isEmpty()) {
      return Optional.of(
          ShareImage.newBuilder()
              .setCommandId(c.commandId())
              .setIssuedAt(c.issuedAt())
              .setRegionId(c.regionId())
              .setImageId(c.imageId())
              .setAccounts(c.addAccounts())
              .build());
    }
    return Optional.of(
        UnshareImage.newBuilder()
            .setCommandId(c.commandId())
            .setIssuedAt(c.issuedAt())
            .setRegionId(c.regionId())
            .setImageId(c.imageId())
            .setAccounts(c.removeAccounts())
            .build());
  }

  @Override
  public Optional<SpecificRecord> toAvro(SagaEvent event) {
    if (event instanceof ShareEvents.ImageShared e) {
      var r = new ImageShared();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setAddedAccounts(e.addedAccounts());
      r.setRemovedAccounts(e.removedAccounts());
      r.setSharedWith(e.sharedWith());
      r.setVerified(e.verified());
      return Optional.of(r);
    }
    if (event instanceof ShareEvents.ImageShareFailed e) {
      Failure f = e.failure();
      var r = new ImageShareFailed();
      r.setRegionId(e.regionId());
      r.setImageId(e.imageId());
      r.setAddedAccounts(e.addedAccounts());
      r.setRemovedAccounts(e.removedAccounts());
      r.setFailedStep(f.step().name());
      r.setErrorKind(f.kind());
      r.setErrorCode(f.code());
      r.setErrorMessage(f.message());
      r.setRequestId(f.requestId());
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
