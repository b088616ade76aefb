package com.ecsimagesaga.testsupport;

import java.util.Map;

/**
 * Broker settings shared by the in-JVM test broker and the local-run broker.
 *
 * <p>Kafka's defaults assume three brokers: internal topics ask for replication factor 3 and the
 * group coordinator waits before the first rebalance. On a single node those defaults either fail
 * (no three replicas) or cost seconds per test, so every single-node broker of this project uses
 * these values.
 */
final class SingleNodeKafkaConfig {

  /** Server properties for a one-node cluster; keys are Kafka broker configuration names. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "offsets.topic.replication.factor", "1",
          // One partition means one coordinator to elect, so the first consumer group forms faster.
          "offsets.topic.num.partitions", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "share.coordinator.state.topic.replication.factor", "1",
          "share.coordinator.state.topic.min.isr", "1",
          "group.initial.rebalance.delay.ms", "0",
          "auto.create.topics.enable", "true");

  private SingleNodeKafkaConfig() {}
}
