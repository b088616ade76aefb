package com.ecsimagesaga.testsupport;

import java.io.IOException;

/**
 * A Kafka broker that can be stopped and started again at the same address with the same data, so a
 * client configured once sees an outage and a recovery, not a new broker. {@link LocalKafkaBroker}
 * runs one in a child JVM; {@code stack.ContainerKafka} in a Docker container.
 */
public interface RestartableBroker extends AutoCloseable {

  /**
   * @return {@code host:port} clients use, the same across restarts
   */
  String bootstrapServers();

  /**
   * Starts the broker (again), waits until it answers and creates the saga topics ({@link
   * SagaTopics}) that are missing.
   */
  void start() throws IOException, InterruptedException;

  /** Stops the broker, keeping its data for the next {@link #start()}. Safe to call twice. */
  @Override
  void close();
}
