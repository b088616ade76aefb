package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the ECS simulator for {@code @QuarkusTest}s on ephemeral ports and points the saga's ECS
 * settings at it. Speed factor 1000 by default (an image is Available within a few tens of
 * milliseconds); override with the init argument {@code speedFactor}. Tests reach the running
 * instance through {@link #simulator()} to seed instances, script faults and read counters.
 */
public class EcsSimulatorResource implements QuarkusTestResourceLifecycleManager {
  private static volatile EcsSimulator simulator;
  private double speedFactor = 1000;
  private int imageQuota = 100_000;
  private Duration creating = Duration.ofSeconds(20);

  /** The simulator of the running test resource. */
  public static EcsSimulator simulator() {
    EcsSimulator current = simulator;
    if (current == null) {
      throw new IllegalStateException("EcsSimulatorResource is not started");
    }
    return current;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    String configured = initArgs.get("speedFactor");
    if (configured != null) {
      speedFactor = Double.parseDouble(configured);
    }
    String quota = initArgs.get("imageQuota");
    if (quota != null) {
      imageQuota = Integer.parseInt(quota);
    }
    String creatingSeconds = initArgs.get("creatingSeconds");
    if (creatingSeconds != null) {
      creating = Duration.ofSeconds(Long.parseLong(creatingSeconds));
    }
  }

  @Override
  public Map<String, String> start() {
    SimulatorConfig config =
        SimulatorConfig.builder()
            .apiPort(0)
            .controlPort(0)
            .speedFactor(speedFactor)
            .creatingDuration(creating)
            // The suite creates hundreds of images in one region; the real default quota is 100.
            .imageQuotaPerRegion(imageQuota)
            .build();
    EcsSimulator started = EcsSimulator.start(config);
    simulator = started;
    return Map.of(
        "saga.ecs.endpoint", started.endpoint(),
        "saga.ecs.protocol", "HTTP",
        "saga.ecs.access-key-id", config.accessKeyId(),
        "saga.ecs.access-key-secret", config.accessKeySecret());
  }

  @Override
  public void stop() {
    EcsSimulator current = simulator;
    simulator = null;
    if (current != null) {
      current.close();
    }
  }
}
