package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.port.CommandSubmitter;
import com.ecsimagesaga.saga.SagaKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes commands in the same Avro form and with the same keys as any other producer. */
@ApplicationScoped
public class KafkaCommandSubmitter implements CommandSubmitter {

  private final AvroCodec codec = new AvroCodec();

  @Inject
  @Channel("command-gateway")
  MutinyEmitter<byte[]> emitter;

  /**
   * A command as its kind's wire writes it, under the key the kind expects (the key the intake
   * checks).
   */
  @Override
  public Uni<Void> submit(SagaKind.Command c) {
    SpecificRecord avro =
        KindWires.toRecord(c)
            .orElseThrow(
                () -> new IllegalArgumentException("no wire writes a " + c.getClass().getName()));
    return send(c.expectedKey(), codec.encode(avro));
  }

  private Uni<Void> send(String key, byte[] payload) {
    var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
    return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
  }
}
