package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaKind;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** The Avro side of every saga kind, as the kind registry pairs it with the kind. */
public final class KindWires {

  public static final List<KindWire> ALL = KindRegistry.wires();

  private KindWires() {}

  public static Optional<SagaKind.Command> toCommand(SpecificRecord record) {
    return ALL.stream().flatMap(w -> w.toCommand(record).stream()).findFirst();
  }

  /** The record of a command of a registered kind, to publish as any producer would. */
  public static Optional<SpecificRecord> toRecord(SagaKind.Command command) {
    return ALL.stream().flatMap(w -> w.toRecord(command).stream()).findFirst();
  }

  public static Optional<SpecificRecord> toAvro(SagaEvent event) {
    return ALL.stream().flatMap(w -> w.toAvro(event).stream()).findFirst();
  }
}
