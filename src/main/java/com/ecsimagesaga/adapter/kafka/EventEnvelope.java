package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The fields every saga event record carries, written in one place: the envelope (event id, saga
 * id, command id, when) and, on failure events, the failure. Each event's own mapping fills only
 * its own fields.
 */
public final class EventEnvelope {

  private EventEnvelope() {}

  /** {@code record} with the envelope of {@code event}. */
  public static SpecificRecord wrap(SpecificRecord record, SagaEvent event) {
    SpecificRecordBase r = (SpecificRecordBase) record;
    r.put("eventId", event.eventId().toString());
    r.put("sagaId", event.sagaId().toString());
    r.put("commandId", event.commandId());
    r.put("occurredAt", event.occurredAt());
    return r;
  }

  /** Sets the failure fields of a failure event's record. */
  public static <R extends SpecificRecordBase> R failure(R record, Failure f) {
    record.put("failedStep", f.step().name());
    record.put("errorKind", f.kind());
    record.put("errorCode", f.code());
    record.put("errorMessage", f.message());
    record.put("requestId", f.requestId());
    return record;
  }
}
