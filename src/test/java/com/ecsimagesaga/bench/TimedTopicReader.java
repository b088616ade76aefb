package com.ecsimagesaga.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of a topic from its current end, without a consumer group (so no rebalance
 * delays the first record), and keeps each record with the moment this JVM received it.
 */
final class TimedTopicReader implements AutoCloseable {

  /** A record and when it arrived here. */
  record Received(ConsumerRecord<String, byte[]> record, Instant at) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;

  TimedTopicReader(String bootstrap, String topic) {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "latest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName()));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(i -> new TopicPartition(topic, i.partition()))
            .toList();
    consumer.assign(partitions);
    // Resolves each partition's end now, in the constructor: records sent after it returns are
    // read.
    partitions.forEach(consumer::position);
    poller =
        new Thread(
            () -> {
              try (consumer) {
                while (running.get()) {
                  // One copy of the list per poll, not one per record.
                  List<Received> polled = new ArrayList<>();
                  for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    polled.add(new Received(r, Instant.now()));
                  }
                  if (!polled.isEmpty()) {
                    received.addAll(polled);
                  }
                }
              }
            },
            "bench-timed-reader-" + topic);
    poller.setDaemon(true);
    poller.start();
  }

  /** Every record received so far, in order of arrival. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** The records received after the first {@code from}, in order of arrival. */
  List<Received> receivedAfter(int from) {
    // One snapshot of the list: a sublist of it would fail while the poller appends.
    Received[] all = received.toArray(new Received[0]);
    return from >= all.length ? List.of() : Arrays.asList(all).subList(from, all.length);
  }

  @Override
  public void close() {
    running.set(false);
  }
}
