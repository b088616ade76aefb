package com.ecsimagesaga.testsupport;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the in-JVM broker's own log lines out of test output.
 *
 * <p>The broker shares the test JVM's logging, and at INFO it writes hundreds of lines per start
 * and stop that bury the lines of the code under test. Only the broker's categories are raised to
 * WARNING; the Kafka client categories ({@code org.apache.kafka.clients}) keep their level, because
 * the service's own consumers and producers log there.
 */
final class BrokerLogging {

  private static final List<String> BROKER_CATEGORIES =
      List.of(
          "kafka",
          "state.change.logger",
          "org.apache.kafka.common.test",
          "org.apache.kafka.controller",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.image",
          "org.apache.kafka.metadata",
          "org.apache.kafka.queue",
          "org.apache.kafka.raft",
          "org.apache.kafka.security",
          "org.apache.kafka.server",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.storage");

  // java.util.logging holds loggers weakly, and a collected logger forgets its level: keep them
  // here.
  private static final List<Logger> QUIETED =
      BROKER_CATEGORIES.stream().map(Logger::getLogger).toList();

  private BrokerLogging() {}

  /** Raises every broker-side logging category to WARNING. */
  static void quiet() {
    QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
  }
}
