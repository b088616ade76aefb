package com.ecsimagesaga.reliability;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.contract.v1.CopyDestination;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.Distribution;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.ServiceProcess;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run of issue 5: N create commands against a faulty ECS while the service is killed with
 * SIGKILL and restarted several times, the broker is restarted once and PostgreSQL once. Prints the
 * seven figures of {@link ChaosReport} and exits non-zero unless they are N, N, N, N, 0, 0, 0.
 *
 * <p>Run it with {@code mvn -Pchaos -DskipTests package exec:exec -Dchaos.commands=200} (also
 * {@code -Dchaos.kills}, {@code -Dchaos.seed}, {@code -Dchaos.timeout-seconds}, {@code
 * -Dchaos.production-retry}). Logs of every process are under {@code target/chaos/chaos-<time>/}.
 */
public final class ChaosRun {

  /**
   * What to do in a run.
   *
   * @param commands N, the number of create commands
   * @param serviceKills how many times the service is killed with SIGKILL and restarted
   * @param restartBroker whether the broker is restarted once
   * @param restartDatabase whether PostgreSQL is restarted once
   * @param seed seed of the chaos timeline (the simulator's faults draw from their own random
   *     source)
   * @param timeout how long to wait for every outcome once the chaos is over
   * @param productionRetry whether the service keeps its production retry delays (instead of the
   *     stack's short ones) and its production rate budget, sped up as much as the simulator
   * @param copies how many regions each image is copied to once made (a CreateImage distribution);
   *     0 for none
   */
  record Settings(
      int commands,
      int serviceKills,
      boolean restartBroker,
      boolean restartDatabase,
      long seed,
      Duration timeout,
      boolean productionRetry,
      int copies) {

    Settings(
        int commands,
        int serviceKills,
        boolean restartBroker,
        boolean restartDatabase,
        long seed,
        Duration timeout,
        boolean productionRetry) {
      this(
          commands,
          serviceKills,
          restartBroker,
          restartDatabase,
          seed,
          timeout,
          productionRetry,
          0);
    }

    /** The regions each image is copied to. */
    List<String> copyRegions() {
      return COPY_REGIONS.subList(0, copies);
    }

    /** A run with the stack's short retry delays. */
    Settings(
        int commands,
        int serviceKills,
        boolean restartBroker,
        boolean restartDatabase,
        long seed,
        Duration timeout) {
      this(commands, serviceKills, restartBroker, restartDatabase, seed, timeout, false);
    }
  }

  private static final double SPEED_FACTOR = 20.0;

  /** Where copies go, in this order. */
  static final List<String> COPY_REGIONS =
      List.of("cn-beijing", "cn-shanghai", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou");

  private final Settings settings;
  private final Random random;
  private final long startedAt = System.nanoTime();

  ChaosRun(Settings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  public static void main(String[] args) throws Exception {
    Settings settings =
        new Settings(
            Integer.getInteger("chaos.commands", 200),
            Integer.getInteger("chaos.kills", 4),
            true,
            true,
            Long.getLong("chaos.seed", System.currentTimeMillis()),
            Duration.ofSeconds(Long.getLong("chaos.timeout-seconds", 600)),
            Boolean.getBoolean("chaos.production-retry"),
            Integer.getInteger("chaos.copies", 0));
    ChaosReport report = new ChaosRun(settings).run();
    System.out.println(report.print());
    System.out.println(
        report.asPromised()
            ? "RESULT: as promised (N, N, N, N, 0, 0, 0)"
            : "RESULT: NOT as promised");
    System.exit(report.asPromised() ? 0 : 1);
  }

  /** Runs the whole scenario on a fresh stack and returns the figures. */
  ChaosReport run() throws Exception {
    log("settings " + settings);
    try (ReliabilityStack stack =
        ReliabilityStack.start("chaos", SPEED_FACTOR, settings.commands() + 50)) {
      log("stack up in " + stack.home());
      faultMix(stack.simulator());
      ServiceProcess service = service(stack);
      try {
        return publishDisruptAndReconcile(stack, service);
      } finally {
        service.kill();
      }
    }
  }

  private ChaosReport publishDisruptAndReconcile(ReliabilityStack stack, ServiceProcess service)
      throws Exception {
    service.start();
    log("service up");
    Queue<String> sent = new ConcurrentLinkedQueue<>();
    ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    // Commands trickle in over the first part of the run, so some arrive during each outage.
    long spacingMillis = Math.max(10, 8_000L / settings.commands());
    for (int i = 0; i < settings.commands(); i++) {
      CreateImage command = withCopies(ReliabilityStack.aCreateImage());
      publisher.schedule(
          () -> publishUntilAcknowledged(stack, command, sent),
          i * spacingMillis,
          TimeUnit.MILLISECONDS);
    }
    chaos(stack, service);
    publisher.shutdown();
    if (!publisher.awaitTermination(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("commands could not be published");
    }
    log(
        sent.size()
            + " commands published; waiting for every outcome (at most "
            + settings.timeout()
            + ")");
    Ledger ledger = new Ledger(stack);
    List<String> ids = List.copyOf(sent);
    try {
      await("an outcome event for every command")
          .atMost(settings.timeout())
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> ledger.allHaveOutcomes(ids, settings.copies()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      log("not every command has an outcome: " + e.getMessage());
    }
    log("outcomes complete; simulator calls " + stack.simulator().counters().snapshot());
    return ledger.report(ids, settings.copyRegions());
  }

  /** The command with a copy in each of the run's copy regions, when it asks for copies. */
  private CreateImage withCopies(CreateImage command) {
    if (settings.copies() == 0) {
      return command;
    }
    return CreateImage.newBuilder(command)
        .setDistribution(
            Distribution.newBuilder()
                .setDestinations(
                    settings.copyRegions().stream()
                        .map(
                            region ->
                                CopyDestination.newBuilder()
                                    .setRegionId(region)
                                    .setTags(List.of())
                                    .build())
                        .toList())
                .setAccounts(List.of())
                .build())
        .build();
  }

  /**
   * The service under test: the stack's settings, or with {@link Settings#productionRetry()} the
   * same without the short retry delays (so the production ones apply) and with the production rate
   * budget per region and action multiplied by the simulator's speed factor, as everything else in
   * ECS runs that much faster.
   */
  private ServiceProcess service(ReliabilityStack stack) throws ReflectiveOperationException {
    if (!settings.productionRetry()) {
      return stack.service("chaos-service", Map.of());
    }
    Map<String, String> properties = stack.serviceProperties();
    properties.keySet().removeIf(key -> key.startsWith("saga.retry."));
    double budget =
        Double.parseDouble(
            EcsConfig.RateLimit.class
                .getMethod("perSecond")
                .getAnnotation(WithDefault.class)
                .value());
    properties.put("saga.ecs.rate-limit.per-second", String.valueOf(budget * SPEED_FACTOR));
    log("production retry delays; rate budget " + budget * SPEED_FACTOR + " calls/s");
    return new ServiceProcess("chaos-service", properties, stack.home());
  }

  /**
   * Throttling, 500 and 503 before the call commits, and answers lost after CreateImage and
   * DescribeImages committed, which leave the service not knowing what happened.
   */
  static void faultMix(EcsSimulator simulator) {
    simulator
        .faults()
        .probability("DescribeInstances", 0.10, Fault.throttling())
        .probability("DescribeInstances", 0.05, Fault.serviceUnavailable())
        .probability("CreateImage", 0.10, Fault.throttling())
        .probability("CreateImage", 0.05, Fault.internalError())
        .probability("CreateImage", 0.05, Fault.serviceUnavailable())
        .probability("CreateImage", 0.10, Fault.lostResponseAfterCommit())
        .probability("DescribeImages", 0.05, Fault.throttling())
        .probability("DescribeImages", 0.05, Fault.serviceUnavailable())
        .probability("DescribeImages", 0.05, Fault.internalError())
        .probability("DescribeImages", 0.05, Fault.lostResponseAfterCommit())
        .probability("CopyImage", 0.10, Fault.throttling())
        .probability("CopyImage", 0.05, Fault.serviceUnavailable())
        .probability("CopyImage", 0.10, Fault.lostResponseAfterCommit());
  }

  /** One disruption: steps run one after the other, each after its own pause. */
  private record Disruption(List<Step> steps) {}

  private record Step(Duration pause, Runnable action) {}

  /**
   * Runs the disruptions one after the other, in random order, each after a random pause of 1 to 5
   * s. PostgreSQL stays down for 2 to 6 s, long enough for commands and saga steps to fail against
   * it.
   */
  private void chaos(ReliabilityStack stack, ServiceProcess service)
      throws InterruptedException, ExecutionException {
    List<Disruption> disruptions = new ArrayList<>();
    for (int i = 0; i < settings.serviceKills(); i++) {
      disruptions.add(
          new Disruption(
              List.of(
                  new Step(
                      gap(),
                      () -> {
                        service.kill();
                        log("service killed with SIGKILL");
                        service.start();
                        log("service restarted");
                      }))));
    }
    if (settings.restartBroker()) {
      disruptions.add(
          new Disruption(
              List.of(
                  new Step(
                      gap(),
                      () -> {
                        stack.broker().close();
                        log("broker stopped");
                        startBroker(stack);
                        log("broker restarted");
                      }))));
    }
    if (settings.restartDatabase()) {
      disruptions.add(
          new Disruption(
              List.of(
                  new Step(
                      gap(),
                      () -> {
                        stack.postgres().stop();
                        log("PostgreSQL stopped");
                      }),
                  new Step(
                      Duration.ofMillis(2_000 + random.nextInt(4_000)),
                      () -> {
                        stack.postgres().start();
                        log("PostgreSQL restarted");
                      }))));
    }
    Collections.shuffle(disruptions, random);
    ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor();
    try {
      for (Disruption disruption : disruptions) {
        for (Step step : disruption.steps()) {
          chaos.schedule(step.action(), step.pause().toMillis(), TimeUnit.MILLISECONDS).get();
        }
      }
    } finally {
      chaos.shutdownNow();
    }
  }

  private Duration gap() {
    return Duration.ofMillis(1_000 + random.nextInt(4_000));
  }

  private static void startBroker(ReliabilityStack stack) {
    try {
      stack.broker().start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A producer retries on its own for a while; a broker restart can outlast that, so the run
   * retries too.
   */
  private void publishUntilAcknowledged(
      ReliabilityStack stack, CreateImage command, Queue<String> sent) {
    for (int attempt = 1; ; attempt++) {
      try {
        stack.publish(command);
        sent.add(command.getCommandId());
        return;
      } catch (IllegalStateException e) {
        if (attempt == 10) {
          throw e;
        }
        log("publishing " + command.getCommandId() + " failed (" + e.getMessage() + "); again");
      }
    }
  }

  private void log(String line) {
    System.out.printf(
        "[chaos %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
