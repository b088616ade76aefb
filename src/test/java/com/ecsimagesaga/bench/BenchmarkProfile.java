package com.ecsimagesaga.bench;

import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service with its production polling and rate settings (not the fast test pace), against a
 * simulator whose images take {@code bench.creating-seconds} (default 300) at real speed.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

  static final int CREATING_SECONDS = Integer.getInteger("bench.creating-seconds", 300);

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "saga.poll.fast-interval",
        "2s",
        "saga.poll.fast-phase",
        "1m",
        "saga.poll.slow-interval",
        "15s",
        "saga.ecs.listing-reuse",
        "10s",
        "saga.tick",
        "200ms",
        "saga.ecs.rate-limit.per-second",
        "20",
        "saga.timeouts.create-from-instance",
        "60m");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(KafkaBrokerResource.class),
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(
            EcsSimulatorResource.class,
            Map.of("speedFactor", "1", "creatingSeconds", String.valueOf(CREATING_SECONDS))));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
