package com.ecsimagesaga.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning in the background and keeps every record for assertions. */
public final class EventTopicRecorder implements AutoCloseable {

  private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;

  public EventTopicRecorder(String bootstrap, String topic) {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName()));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
    poller =
        new Thread(
            () -> {
              try (consumer) {
                while (running.get()) {
                  // One copy of the list per poll, not one per record.
                  List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
                  consumer.poll(Duration.ofMillis(100)).forEach(polled::add);
                  if (!polled.isEmpty()) {
                    records.addAll(polled);
                  }
                }
              }
            },
            "recorder-" + topic);
    poller.setDaemon(true);
    poller.start();
  }

  public List<ConsumerRecord<String, byte[]>> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    running.set(false);
  }
}
