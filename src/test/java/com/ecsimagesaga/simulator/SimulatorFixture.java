package com.ecsimagesaga.simulator;

import com.aliyuncs.DefaultAcsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the simulator tests: a fresh simulator on a hand-moved clock and an SDK client per test.
 */
abstract class SimulatorFixture {
  static final String REGION = SdkClients.REGION;
  protected MutableClock clock;
  protected EcsSimulator sim;
  protected DefaultAcsClient client;

  /** Settings of the simulator under test; subclasses may adjust them. */
  protected SimulatorConfigBuilder configure(SimulatorConfigBuilder builder) {
    return builder;
  }

  @BeforeEach
  void startSimulator() {
    clock = MutableClock.atWallTime();
    sim =
        EcsSimulator.start(
            configure(SimulatorConfig.builder().clock(clock).controlPort(-1)).build());
    client = SdkClients.client(sim);
  }

  @AfterEach
  void stopSimulator() {
    client.shutdown();
    sim.close();
  }
}
