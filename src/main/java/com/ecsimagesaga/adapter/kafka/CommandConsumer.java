package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.app.IntakeResult;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.UpdateImage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads commands: decode, hand to the intake use case, acknowledge once its effect is durable.
 * A record that cannot be decoded is nacked, which sends it to the dead-letter topic with the
 * reason and its origin in the headers; the partition moves on.
 */
@ApplicationScoped
public class CommandConsumer {

  private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

  private final AvroCodec codec = new AvroCodec();

  @Inject CommandIntake intake;

  @Incoming("commands")
  public Uni<Void> consume(Message<byte[]> message) {
    SpecificRecord record;
    try {
      record = codec.decode(message.getPayload());
    } catch (UndecodableRecordException e) {
      LOG.warnf("EIS-1100 record at %s is not a command: %s", origin(message), e.getMessage());
      return Uni.createFrom().completionStage(message.nack(e));
    }
    return handle(record)
        .chain(result -> Uni.createFrom().completionStage(message.ack()))
        .onFailure().recoverWithUni(e -> {
          LOG.errorf(e, "EIS-1101 command at %s could not be taken in", origin(message));
          return Uni.createFrom().completionStage(message.nack(e));
        });
  }

  private Uni<IntakeResult> handle(SpecificRecord record) {
    if (record instanceof CreateImage c) {
      return intake.createImage(CommandMapper.toDomain(c));
    }
    if (record instanceof DeleteImage d) {
      return intake.deleteImage(CommandMapper.toDomain(d));
    }
    if (record instanceof UpdateImage u) {
      return intake.updateImage(CommandMapper.toDomain(u));
    }
    // An event or another known record on the command topic is not a command.
    throw new UndecodableRecordException(record.getSchema().getName() + " is not a command", null);
  }

  private static String origin(Message<byte[]> message) {
    return message.getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> m.getTopic() + "/" + m.getPartition() + "@" + m.getOffset())
        .orElse("?");
  }
}
