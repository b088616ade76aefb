package com.ecsimagesaga.bench;

import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service at full pace against a simulator that finishes images at once: the rate budget off,
 * so the figure is the service's own limit rather than the configured ECS quota, and a faster pace
 * (tick, first poll, relay, batch) than the defaults. Everything else is set back to the production
 * defaults that the test profile shortens for the tests' sake: the listing reuse, the stuck-saga
 * check (which in the test profile reports every saga due for more than 3 s, thousands of extra
 * events in a backlog), the gauges' refresh and the ECS timeouts.
 */
public class ThroughputProfile implements QuarkusTestProfile {

  /**
   * The service's own log at WARN: a saga move is an INFO line, thousands a second here. A logger's
   * level outlives the application in the JVM, so the smoke form in the test suite, which later
   * tests follow, keeps the default ({@link Smoke}).
   */
  static final String QUIET_LOG = "quarkus.log.category.\"com.ecsimagesaga\".level";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.ofEntries(
        Map.entry("saga.ecs.rate-limit.per-second", "0"),
        Map.entry("saga.tick", "50ms"),
        Map.entry("saga.poll.fast-interval", "200ms"),
        Map.entry("saga.batch-size", "500"),
        Map.entry("saga.relay-interval", "50ms"),
        Map.entry("saga.ecs.listing-reuse", "10s"),
        Map.entry("saga.stuck-after", "5m"),
        Map.entry("saga.stuck-check-interval", "30s"),
        Map.entry("ops.metrics.refresh", "15s"),
        Map.entry("saga.ecs.read-timeout", "10s"),
        Map.entry("saga.ecs.connect-timeout", "5s"),
        Map.entry(QUIET_LOG, "WARN"));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(KafkaBrokerResource.class),
        new TestResourceEntry(PostgresResource.class),
        // A sustained run makes hundreds of thousands of images in one region: the quota is raised
        // so that it measures the service, not the account's image quota.
        new TestResourceEntry(
            EcsSimulatorResource.class, Map.of("speedFactor", "100000", "imageQuota", "10000000")));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }

  /** The same, with the service's log left at its level, for the smoke form in the test suite. */
  public static class Smoke extends ThroughputProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
      overrides.remove(QUIET_LOG);
      return overrides;
    }
  }
}
