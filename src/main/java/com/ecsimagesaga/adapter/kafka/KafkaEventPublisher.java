package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.adapter.CallerContext;
import com.ecsimagesaga.port.EventPublisher;
import com.ecsimagesaga.port.OutboxMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox messages to the event topic and waits for the broker's acknowledgement of each.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

  @Inject WireFormat wire;

  @Inject
  @Channel("events")
  MutinyEmitter<byte[]> emitter;

  @Override
  public Uni<List<OutboxMessage>> publish(List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Uni<Void>> sends = messages.stream().map(this::send).toList();
    return CallerContext.returnTo(Uni.join().all(sends).andFailFast().replaceWith(messages));
  }

  private Uni<Void> send(OutboxMessage m) {
    RecordHeaders headers = new RecordHeaders();
    m.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
    var metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(m.key()).withHeaders(headers).build();
    return emitter.sendMessage(Message.of(wire.outgoing(m.payload())).addMetadata(metadata));
  }
}
