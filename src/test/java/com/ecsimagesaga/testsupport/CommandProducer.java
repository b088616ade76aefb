package com.ecsimagesaga.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes raw records to a topic and waits for the broker's acknowledgement. */
public final class CommandProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public CommandProducer(String bootstrap) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
  }

  public void send(String topic, String key, byte[] value) {
    send(topic, key, value, Map.of());
  }

  /** Sends with the given headers, as a producer that propagates a trace context does. */
  public void send(String topic, String key, byte[] value, Map<String, String> headers) {
    var record = new ProducerRecord<>(topic, key, value);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }

  /** Sends without waiting; {@link #flush()} waits for everything sent so far. */
  public void sendAsync(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /**
   * Sends to one partition without waiting, as a producer whose keys hash to the same partition
   * would.
   */
  public void sendAsync(String topic, int partition, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, partition, key, value));
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
