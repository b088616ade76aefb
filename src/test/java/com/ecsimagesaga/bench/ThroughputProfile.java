package com.ecsimagesaga.bench;

import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service at full pace against a simulator that finishes images at once: the rate budget off,
 * so the figure is the service's own limit rather than the configured ECS quota.
 */
public class ThroughputProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "saga.ecs.rate-limit.per-second",
        "0",
        "saga.tick",
        "50ms",
        "saga.poll.fast-interval",
        "200ms",
        "saga.ecs.listing-reuse",
        "100ms",
        "saga.batch-size",
        "500",
        "saga.relay-interval",
        "50ms",
        "quarkus.log.category.\"com.ecsimagesaga\".level",
        "WARN");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(KafkaBrokerResource.class),
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(EcsSimulatorResource.class, Map.of("speedFactor", "100000")));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
