package com.ecsimagesaga.config;

import com.ecsimagesaga.adapter.kafka.KindWire;
import com.ecsimagesaga.adapter.kafka.copy.CopyImageWire;
import com.ecsimagesaga.adapter.kafka.create.CreateImageWire;
import com.ecsimagesaga.adapter.kafka.delete.DeleteImageWire;
import com.ecsimagesaga.adapter.kafka.share.ShareImageWire;
import com.ecsimagesaga.adapter.kafka.update.UpdateImageWire;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.copy.CopyImageKind;
import com.ecsimagesaga.saga.create.CreateImageKind;
import com.ecsimagesaga.saga.delete.DeleteImageKind;
import com.ecsimagesaga.saga.share.ShareImageKind;
import com.ecsimagesaga.saga.update.UpdateImageKind;
import java.util.List;

/**
 * Every saga kind the service runs, each with the Avro mapping of its commands and events: adding a
 * kind is one line here (ADR 0025). The saga core cannot name its Avro side, so the pair is made
 * here, where the service is put together; the intake, coordinator and replay get the kinds through
 * {@link SagaKinds}, the Kafka adapter its wires through {@code KindWires}.
 */
public final class KindRegistry {

  /** One saga kind and the Avro side of it. */
  public record Entry(SagaKind<?> kind, KindWire wire) {}

  public static final List<Entry> ALL =
      List.of(
          new Entry(new CreateImageKind(), new CreateImageWire()),
          new Entry(new DeleteImageKind(), new DeleteImageWire()),
          new Entry(new UpdateImageKind(), new UpdateImageWire()),
          new Entry(new CopyImageKind(), new CopyImageWire()),
          new Entry(new ShareImageKind(), new ShareImageWire()));

  private static final SagaKinds KINDS = new SagaKinds(ALL.stream().map(Entry::kind).toList());

  private KindRegistry() {}

  /** Every registered kind, in the order registered. */
  public static SagaKinds kinds() {
    return KINDS;
  }

  /** The Avro side of every registered kind, in the order registered. */
  public static List<KindWire> wires() {
    return ALL.stream().map(Entry::wire).toList();
  }
}
