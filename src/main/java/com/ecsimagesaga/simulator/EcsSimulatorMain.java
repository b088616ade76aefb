package com.ecsimagesaga.simulator;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Runs the simulator standalone until the process is killed. Settings come from system properties,
 * or from the environment variable of the same name upper-cased with dots and dashes as underscores
 * ({@code ecs.simulator.api-port} = {@code ECS_SIMULATOR_API_PORT}):
 *
 * <ul>
 *   <li>{@code ecs.simulator.api-port} (8089), {@code ecs.simulator.control-port} (8090)
 *   <li>{@code ecs.simulator.bind-address} (127.0.0.1), {@code ecs.simulator.speed-factor} (10)
 *   <li>{@code ecs.simulator.access-key-id}, {@code ecs.simulator.access-key-secret} (the simulator
 *       defaults)
 * </ul>
 *
 * Seeds instance {@code i-local0001} (Running) in {@code cn-hangzhou}, again after every reset.
 * Everything else (rate limits, regions, the alternative answers) is set over the control API.
 */
public final class EcsSimulatorMain {
  /** Region of the seeded instance. */
  public static final String LOCAL_REGION = "cn-hangzhou";

  /** Id of the seeded instance. */
  public static final String LOCAL_INSTANCE = "i-local0001";

  private EcsSimulatorMain() {}

  /** Starts the simulator and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    EcsSimulator sim = start(EcsSimulatorMain::setting, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                },
                "ecs-sim-shutdown"));
    stopped.await();
  }

  /**
   * Starts a simulator from {@code settings} (name to value or null), seeds it and prints its
   * addresses.
   */
  static EcsSimulator start(UnaryOperator<String> settings, PrintStream out) {
    SimulatorConfig defaults = SimulatorConfig.defaults();
    SimulatorConfig config =
        SimulatorConfig.builder()
            .bindAddress(value(settings, "ecs.simulator.bind-address", defaults.bindAddress()))
            .apiPort(Integer.parseInt(value(settings, "ecs.simulator.api-port", "8089")))
            .controlPort(Integer.parseInt(value(settings, "ecs.simulator.control-port", "8090")))
            .speedFactor(Double.parseDouble(value(settings, "ecs.simulator.speed-factor", "10")))
            .accessKeyId(value(settings, "ecs.simulator.access-key-id", defaults.accessKeyId()))
            .accessKeySecret(
                value(settings, "ecs.simulator.access-key-secret", defaults.accessKeySecret()))
            .build();
    EcsSimulator sim = EcsSimulator.start(config);
    // A reset over the control API goes back to this seeded state (POST /reset?empty=true does
    // not).
    sim.seed(world -> world.seedInstance(LOCAL_REGION, LOCAL_INSTANCE, InstanceStatus.Running));
    out.printf(
        Locale.ROOT,
        "ECS simulator API      http://%s (AccessKeyId %s)%n",
        sim.endpoint(),
        config.accessKeyId());
    out.printf(
        Locale.ROOT,
        "ECS simulator control  http://%s:%d%n",
        config.bindAddress(),
        sim.controlPort());
    out.printf(
        Locale.ROOT,
        "Seeded %s (Running) in %s, speed factor %s%n",
        LOCAL_INSTANCE,
        LOCAL_REGION,
        sim.speedFactor());
    return sim;
  }

  private static String value(UnaryOperator<String> settings, String name, String fallback) {
    String value = settings.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String setting(String name) {
    String property = System.getProperty(name);
    if (property != null) {
      return property;
    }
    return System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
  }
}
