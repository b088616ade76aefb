package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerResourceTest {

  private static String bootstrap;

  @BeforeAll
  static void startBroker() {
    bootstrap = new KafkaBrokerResource().start().get("kafka.bootstrap.servers");
  }

  @Test
  void startReturnsTheBootstrapServersOfTheSharedBroker() {
    Map<String, String> secondStart = new KafkaBrokerResource().start();

    assertThat(bootstrap).isNotBlank().isEqualTo(KafkaBrokerResource.bootstrapServers());
    assertThat(secondStart).containsExactly(Map.entry("kafka.bootstrap.servers", bootstrap));
  }

  @Test
  void recordProducedToCommandsIsConsumedAndCommittedByAConsumerGroup() throws Exception {
    String key = "saga-" + UUID.randomUUID();
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      sent =
          producer
              .send(new ProducerRecord<>(SagaTopics.COMMANDS, key, "create-image"))
              .get(30, TimeUnit.SECONDS);
    }

    TopicPartition partition = new TopicPartition(SagaTopics.COMMANDS, sent.partition());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig("smoke-" + key))) {
      consumer.subscribe(List.of(SagaTopics.COMMANDS));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      // The consumer is not thread-safe, so Awaitility must poll it on this thread.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(r -> r.key().equals(key));
              });
      consumer.commitSync(Duration.ofSeconds(30));

      ConsumerRecord<String, String> record =
          received.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
      assertThat(record.value()).isEqualTo("create-image");
      assertThat(record.partition()).isEqualTo(sent.partition());
      // A committed offset can only come from the group coordinator, so this proves groups work.
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(Set.of(partition), Duration.ofSeconds(30));
      assertThat(committed.get(partition).offset()).isEqualTo(sent.offset() + 1);
    }
  }

  @Test
  void sagaTopicsExistWithTheirPartitionCounts() throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(config)) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(SagaTopics.PARTITIONS.keySet())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);

      Map<String, Integer> partitions =
          topics.values().stream()
              .collect(Collectors.toMap(TopicDescription::name, t -> t.partitions().size()));
      assertThat(partitions)
          .isEqualTo(
              Map.of("ecs.image.commands", 3, "ecs.image.events", 3, "ecs.image.commands.dlq", 1));
    }
  }

  private static Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  private static Properties consumerConfig(String groupId) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return config;
  }
}
