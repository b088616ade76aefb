package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageCreationProgressed;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.contract.v1.ImageDeletionFailed;
import com.ecsimagesaga.contract.v1.ImageUpdateFailed;
import com.ecsimagesaga.contract.v1.ImageUpdated;
import com.ecsimagesaga.contract.v1.SagaStateReported;
import com.ecsimagesaga.contract.v1.SagaStuck;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Domain events to Avro records in single-object encoding, with CloudEvents binary-mode headers.
 * Saga events are keyed by saga id, so every event of one saga stays in order on one partition.
 */
@ApplicationScoped
public class AvroEventEncoder implements EventEncoder {

  static final String CE_SOURCE = "/ecs-image-saga";
  static final String CE_TYPE_PREFIX = "com.ecsimagesaga.";

  private final AvroCodec codec = new AvroCodec();

  @Override
  public OutboxMessage encode(SagaEvent event) {
    SpecificRecord record = toAvro(event);
    String type = record.getSchema().getName();
    return message(
        event.eventId(),
        event.sagaId(),
        type,
        event.sagaId().toString(),
        record,
        event.occurredAt());
  }

  @Override
  public OutboxMessage encodeRejection(
      UUID eventId,
      String commandId,
      String commandType,
      Instant occurredAt,
      List<Violation> violations) {
    var record =
        CommandRejected.newBuilder()
            .setEventId(eventId.toString())
            .setSagaId(null)
            .setCommandId(commandId)
            .setCommandType(commandType)
            .setOccurredAt(occurredAt)
            .setViolations(
                violations.stream()
                    .map(
                        v ->
                            com.ecsimagesaga.contract.v1.Violation.newBuilder()
                                .setField(v.field())
                                .setRule(v.rule())
                                .setValue(v.value())
                                .setMessage(v.message())
                                .build())
                    .toList())
            .build();
    return message(eventId, null, "CommandRejected", commandId, record, occurredAt);
  }

  private OutboxMessage message(
      UUID eventId, UUID sagaId, String type, String key, SpecificRecord record, Instant at) {
    Map<String, String> headers =
        Map.of(
            "ce_specversion",
            "1.0",
            "ce_id",
            eventId.toString(),
            "ce_type",
            CE_TYPE_PREFIX + type + ".v1",
            "ce_source",
            CE_SOURCE,
            "ce_time",
            at.toString(),
            "content-type",
            "application/avro");
    return new OutboxMessage(0, eventId, sagaId, type, key, codec.encode(record), headers, at);
  }

  static SpecificRecord toAvro(SagaEvent event) {
    if (event instanceof SagaEvent.ImageCreated e) {
      return ImageCreated.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setImageName(e.imageName())
          .setStatus(e.status())
          .setUsable(e.usable())
          .setSnapshotIds(e.snapshotIds())
          .build();
    }
    if (event instanceof SagaEvent.ImageCreationFailed e) {
      Failure f = e.failure();
      return ImageCreationFailed.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setFailedStep(f.step().name())
          .setErrorKind(f.kind())
          .setErrorCode(f.code())
          .setErrorMessage(f.message())
          .setRequestId(f.requestId())
          .setCompensation(e.compensation())
          .build();
    }
    if (event instanceof SagaEvent.ImageCreationProgressed e) {
      return ImageCreationProgressed.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setStatus(e.status())
          .setProgress(e.progress())
          .setPhase(e.phase())
          .setQuotaWaitUntil(e.quotaWaitUntil())
          .build();
    }
    if (event instanceof SagaEvent.ImageUpdated e) {
      return ImageUpdated.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setChanges(e.changes())
          .build();
    }
    if (event instanceof SagaEvent.ImageUpdateFailed e) {
      Failure f = e.failure();
      return ImageUpdateFailed.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setFailedStep(f.step().name())
          .setErrorKind(f.kind())
          .setErrorCode(f.code())
          .setErrorMessage(f.message())
          .setRequestId(f.requestId())
          .setAppliedChanges(e.appliedChanges())
          .build();
    }
    if (event instanceof SagaEvent.SagaStateReported e) {
      return SagaStateReported.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setSagaType(e.sagaType())
          .setStatus(e.status())
          .setStep(e.step())
          .setImageId(e.imageId())
          .setProgress(e.progress())
          .setErrorCode(e.errorCode())
          .build();
    }
    if (event instanceof SagaEvent.SagaStuck e) {
      return SagaStuck.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setSagaType(e.sagaType())
          .setStatus(e.status())
          .setStep(e.step())
          .setAttempt(e.attempt())
          .setReason(e.reason())
          .build();
    }
    if (event instanceof SagaEvent.ImageDeleted e) {
      return ImageDeleted.newBuilder()
          .setEventId(e.eventId().toString())
          .setSagaId(e.sagaId().toString())
          .setCommandId(e.commandId())
          .setOccurredAt(e.occurredAt())
          .setRegionId(e.regionId())
          .setImageId(e.imageId())
          .setAlreadyAbsent(e.alreadyAbsent())
          .setDeletedSnapshotIds(e.deletedSnapshotIds())
          .build();
    }
    var e = (SagaEvent.ImageDeletionFailed) event;
    Failure f = e.failure();
    return ImageDeletionFailed.newBuilder()
        .setEventId(e.eventId().toString())
        .setSagaId(e.sagaId().toString())
        .setCommandId(e.commandId())
        .setOccurredAt(e.occurredAt())
        .setRegionId(e.regionId())
        .setImageId(e.imageId())
        .setFailedStep(f.step().name())
        .setErrorKind(f.kind())
        .setErrorCode(f.code())
        .setErrorMessage(f.message())
        .setRequestId(f.requestId())
        .build();
  }
}
