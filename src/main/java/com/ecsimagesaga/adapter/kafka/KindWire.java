package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro side of a saga kind, in a package of its own: the records it reads from the command
 * topic and writes to the event topic, and the mapping between them and the kind's commands and
 * events. Paired with its kind in one line of the kind registry ({@code config.KindRegistry}).
 */
public interface KindWire {

  /** The schema of each record of the kind, commands and events. */
  List<Schema> schemas();

  /** The kind's command for a record read from the command topic, if the record is one. */
  Optional<SagaKind.Command> toCommand(SpecificRecord record);

  /**
   * The record to publish on the command topic for one of the kind's commands, if the command is
   * one; the reverse of {@link #toCommand}.
   */
  Optional<SpecificRecord> toRecord(SagaKind.Command command);

  /** The record of one of the kind's events, if the event is one; without its envelope fields. */
  Optional<SpecificRecord> toAvro(SagaEvent event);
}
