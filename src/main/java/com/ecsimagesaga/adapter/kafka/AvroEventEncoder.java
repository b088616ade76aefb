package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.SagaStateReported;
import com.ecsimagesaga.contract.v1.SagaStuck;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.OutboxMessage;
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
    SpecificRecord own = sharedEvent(event);
    if (own == null) {
      own =
          KindWires.toAvro(event)
              .orElseThrow(
                  () -> new IllegalArgumentException("no record for event " + event.getClass()));
    }
    return EventEnvelope.wrap(own, event);
  }

  /** The record of an event every kind's sagas emit, with its own fields set, or null. */
  private static SpecificRecord sharedEvent(SagaEvent event) {
    if (event instanceof SagaEvent.SagaStateReported e) {
      var r = new SagaStateReported();
      r.setRegionId(e.regionId());
      r.setSagaType(e.sagaType());
      r.setStatus(e.status());
      r.setStep(e.step());
      r.setImageId(e.imageId());
      r.setProgress(e.progress());
      r.setErrorCode(e.errorCode());
      return r;
    }
    if (event instanceof SagaEvent.SagaStuck e) {
      var r = new SagaStuck();
      r.setRegionId(e.regionId());
      r.setSagaType(e.sagaType());
      r.setStatus(e.status());
      r.setStep(e.step());
      r.setAttempt(e.attempt());
      r.setReason(e.reason());
      return r;
    }
    return null;
  }
}
