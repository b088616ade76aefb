package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;

/**
 * Starts the ECS API simulator inside the launcher's JVM, with one running instance to take images
 * of. Kept apart from {@link LocalStack} because it is the launcher's only use of the simulator's
 * API.
 */
final class LocalSimulator {

  /** Port of the simulated ECS OpenAPI endpoint. */
  static final int API_PORT = LocalPorts.port(8089);

  /** Port of the simulator's control API (faults, time, inspection). */
  static final int CONTROL_PORT = LocalPorts.port(8090);

  /** Region and instance seeded for local runs. */
  static final String REGION = "cn-hangzhou";

  static final String INSTANCE_ID = "i-local0001";

  private LocalSimulator() {}

  /**
   * Starts the simulator ten times faster than real ECS and seeds {@value #INSTANCE_ID} (again
   * after every reset). It runs on the launcher's threads, so it ends with the launcher's JVM and
   * needs no explicit stop.
   */
  static void start() {
    EcsSimulator simulator =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .apiPort(API_PORT)
                .controlPort(CONTROL_PORT)
                .speedFactor(10.0)
                .build());
    // Seeded again after every POST /reset of the control API, so the README's example keeps
    // working after a reset.
    simulator.seed(world -> world.seedInstance(REGION, INSTANCE_ID, InstanceStatus.Running));
  }
}
