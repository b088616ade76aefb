package com.ecsimagesaga.reliability;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.testsupport.SagaTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the event topic from its first record, without a consumer group, and keeps for every
 * create command its first outcome: which kind and when it was published (the record's timestamp).
 * Cheap enough to ask once a second while thousands of sagas drain, unlike reading the whole topic.
 */
final class OutcomeWatch implements AutoCloseable {

  private static final Set<Class<?>> CREATE_OUTCOMES =
      Set.of(ImageCreated.class, ImageCreationFailed.class, CommandRejected.class);

  private final Map<String, Class<?>> firstOutcome = new ConcurrentHashMap<>();
  private final AtomicLong lastFirstOutcomeMillis = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AvroCodec codec = new AvroCodec();
  private final Thread poller;

  OutcomeWatch(String bootstrap) {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName()));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(SagaTopics.EVENTS, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(SagaTopics.EVENTS, i.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    poller =
        new Thread(
            () -> {
              try (consumer) {
                while (running.get()) {
                  consumer.poll(Duration.ofMillis(100)).forEach(this::take);
                }
              }
            },
            "outcome-watch");
    poller.setDaemon(true);
    poller.start();
  }

  private void take(ConsumerRecord<String, byte[]> r) {
    SpecificRecord event = codec.decode(r.value());
    if (CREATE_OUTCOMES.contains(event.getClass())
        && firstOutcome.putIfAbsent(Ledger.field(event, "commandId"), event.getClass()) == null) {
      lastFirstOutcomeMillis.accumulateAndGet(r.timestamp(), Math::max);
    }
  }

  /** Commands with an outcome event so far. */
  long completed() {
    return firstOutcome.size();
  }

  /** Commands whose first outcome was {@code ImageCreationFailed}. */
  long failed() {
    return firstOutcome.values().stream().filter(ImageCreationFailed.class::equals).count();
  }

  /** When the last command to get an outcome got it (publish time of that event), if any did. */
  Instant lastOutcomeAt() {
    long millis = lastFirstOutcomeMillis.get();
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  @Override
  public void close() {
    running.set(false);
  }
}
