package com.ecsimagesaga.e2e;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EventTopicRecorder;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Publishing commands and reading events the way a client of the service does: over Kafka. */
abstract class SagaTestSupport {

  static final String COMMANDS = "ecs.image.commands";
  static final String EVENTS = "ecs.image.events";
  static final String DLQ = "ecs.image.commands.dlq";
  static final String REGION = "cn-hangzhou";

  static final AvroCodec CODEC = new AvroCodec();
  static EventTopicRecorder events;
  static EventTopicRecorder deadLetters;
  static CommandProducer producer;

  static synchronized void connect() {
    if (producer == null) {
      String bootstrap = KafkaBrokerResource.bootstrapServers();
      producer = new CommandProducer(bootstrap);
      events = new EventTopicRecorder(bootstrap, EVENTS);
      deadLetters = new EventTopicRecorder(bootstrap, DLQ);
    }
  }

  static com.ecsimagesaga.simulator.EcsSimulator sim() {
    return com.ecsimagesaga.testsupport.EcsSimulatorResource.simulator();
  }

  /** A new Running instance in the simulator. */
  static String seededInstance() {
    String id = "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    sim().world().seedInstance(REGION, id, com.ecsimagesaga.simulator.InstanceStatus.Running);
    return id;
  }

  static CreateImage.Builder createFromInstance(String instanceId) {
    String commandId = UUID.randomUUID().toString();
    return CreateImage.newBuilder()
        .setCommandId(commandId)
        .setIssuedAt(Instant.now())
        .setRegionId(REGION)
        .setInstanceId(instanceId)
        .setImageName("img-" + commandId.substring(0, 8));
  }

  static DeleteImage deleteCommand(String imageId, boolean force) {
    return DeleteImage.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setIssuedAt(Instant.now())
        .setRegionId(REGION)
        .setImageId(imageId)
        .setForce(force)
        .build();
  }

  static void publish(CreateImage c) {
    producer.send(COMMANDS, c.getRegionId() + "/" + c.getImageName(), CODEC.encode(c));
  }

  static void publish(DeleteImage d) {
    producer.send(COMMANDS, d.getRegionId() + "/" + d.getImageId(), CODEC.encode(d));
  }

  /** Every decoded event whose commandId matches; records that are not events are passed over. */
  static List<SpecificRecord> eventsFor(String commandId) {
    return events.records().stream()
        .map(r -> decodeOrNull(r.value()))
        .filter(java.util.Objects::nonNull)
        .filter(
            e -> commandId.equals(String.valueOf(e.get(e.getSchema().getField("commandId").pos()))))
        .toList();
  }

  static List<ConsumerRecord<String, byte[]>> recordsFor(String commandId) {
    return events.records().stream()
        .filter(
            r -> {
              var e = decodeOrNull(r.value());
              return e != null
                  && commandId.equals(
                      String.valueOf(e.get(e.getSchema().getField("commandId").pos())));
            })
        .toList();
  }

  static SpecificRecord decodeOrNull(byte[] value) {
    try {
      return CODEC.decode(value);
    } catch (com.ecsimagesaga.adapter.kafka.UndecodableRecordException e) {
      return null;
    }
  }

  /** Waits for the one outcome event of a command and returns it. */
  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> T awaitEvent(String commandId, Class<T> type) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventsFor(commandId).stream().anyMatch(type::isInstance));
    return (T) eventsFor(commandId).stream().filter(type::isInstance).findFirst().orElseThrow();
  }
}
