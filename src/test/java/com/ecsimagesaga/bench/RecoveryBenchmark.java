package com.ecsimagesaga.bench;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 7, part 5, and issue 19: N create sagas in flight (images taking 30 minutes, every saga in
 * the 15 s poll phase), then {@code kill -9} of the service: the time until the sagas it held, and
 * every saga, were polled again ({@link PollPassKill} says how that is read from the saga table).
 * First one instance is killed and restarted, twice: right after a 15 s poll instant, as soon as it
 * holds leases on sagas it is polling, and between two poll instants, when it holds none; the
 * baseline is the service's own start time (process launched to HTTP port open), measured at each
 * restart. Then a second instance joins, and the one holding leases right after a poll instant is
 * killed for good: the survivor must poll what the dead one held.
 *
 * <p>{@code mvn -Pbench -DskipTests package exec:exec
 * -Dbench.main=com.ecsimagesaga.bench.RecoveryBenchmark -Dbench.sagas=1000} (also {@code
 * -Dbench.regions}, {@code -Dbench.xmx}). Exits 1 unless every saga was polled again and was still
 * waiting for its image, and every saga a dead instance held was polled again within 10 s of the
 * kill, both when it was restarted and when another instance survived it.
 */
public final class RecoveryBenchmark {

  static final int SAGAS = BenchSettings.integer("bench.sagas", 1_000);
  static final int REGIONS = BenchSettings.integer("bench.regions", 4);
  static final String XMX = BenchSettings.text("bench.xmx", "512m");
  static final Duration CREATING = Duration.ofMinutes(30);
  static final Duration SLOW_POLL = Duration.ofSeconds(15);
  static final Duration FAST_PHASE = Duration.ofMinutes(1);
  static final String FIRST = "recovery-a";
  static final String SECOND = "recovery-b";

  private final long startedAt = System.nanoTime();

  public static void main(String[] args) {
    boolean kept = new RecoveryBenchmark().run();
    System.exit(kept ? 0 : 1);
  }

  boolean run() {
    log(
        "settings: "
            + SAGAS
            + " sagas over "
            + REGIONS
            + " regions, images take "
            + CREATING
            + ", -Xmx"
            + XMX);
    SimulatorConfig config =
        SimulatorConfig.builder()
            .speedFactor(1)
            .creatingDuration(CREATING)
            .imageQuotaPerRegion(SAGAS / REGIONS + 10)
            .build();
    List<ServiceProcess> started = new ArrayList<>();
    try (ProcessStack stack = ProcessStack.start("recovery", config)) {
      // Polls are not paced by progress here (saga.poll.max-interval at the slow interval): the
      // benchmark measures what a restart and a lost lease cost, on the 15 s grid it kills on;
      // paced polls would add the wait for a saga's next due time, which is not a delay.
      Map<String, String> overrides = Map.of("saga.poll.max-interval", SLOW_POLL.toSeconds() + "s");
      ServiceProcess first = stack.service(FIRST, List.of("-Xmx" + XMX), overrides);
      started.add(first);
      first.start();
      log("service up; logs under " + stack.home());
      List<CreateImage> commands = stack.commands(SAGAS, REGIONS, "rc");
      commands.forEach(stack::publishAsync);
      stack.flush();
      stack.awaitSagasAwaitingImages(SAGAS, Duration.ofMinutes(10));
      Instant lastStarted = stack.queryInstant("select max(step_started_at) from saga");
      ProcessStack.pause(
          Duration.between(Instant.now(), lastStarted.plus(FAST_PHASE).plusSeconds(20)));
      log(SAGAS + " sagas wait for their images, every one in the 15 s poll phase");
      List<RecoveryFigures.Cycle> cycles = new ArrayList<>();
      cycles.add(
          killAndRestart(
              stack,
              first,
              "during a poll pass (as soon as it holds leases)",
              Duration.ZERO,
              true));
      ProcessStack.pause(Duration.ofSeconds(20));
      cycles.add(
          killAndRestart(
              stack,
              first,
              "between poll passes (7.5 s after a poll instant)",
              Duration.ofMillis(7_500),
              false));
      ServiceProcess second = stack.service(SECOND, List.of("-Xmx" + XMX), overrides);
      started.add(second);
      second.start();
      log("second instance up; both poll the same sagas from now on");
      ProcessStack.pause(Duration.ofSeconds(20));
      Map<String, ServiceProcess> instances = new LinkedHashMap<>();
      instances.put(FIRST, first);
      instances.put(SECOND, second);
      RecoveryFigures.Takeover takeover = killOneOfTwo(stack, instances);
      long waiting = stack.sagasAwaitingImages();
      log("check: " + waiting + " sagas still waiting for their images (must be " + SAGAS + ")");
      RecoveryFigures figures = new RecoveryFigures(SAGAS, CREATING, waiting, cycles, takeover);
      System.out.println(figures.table());
      System.out.println(figures.verdict());
      return figures.kept();
    } finally {
      started.forEach(ServiceProcess::kill);
    }
  }

  private RecoveryFigures.Cycle killAndRestart(
      ProcessStack stack,
      ServiceProcess service,
      String when,
      Duration afterPollInstant,
      boolean whileLeased) {
    PollPassKill.pauseUntil(SLOW_POLL, afterPollInstant);
    if (whileLeased && !PollPassKill.awaitLeases(stack)) {
      log("no lease seen within 3 s of the poll instant; killing anyway");
    }
    Instant kill = Instant.now();
    service.kill();
    Instant dead = Instant.now();
    List<String> held = PollPassKill.heldBy(stack, FIRST, dead);
    log("killed with SIGKILL " + when + "; " + held.size() + " sagas leased by the dead process");
    Instant launch = Instant.now();
    service.start();
    Instant listening = Instant.now();
    log(
        FigureTable.format(
            "restarted: HTTP port open after %.1f s",
            Duration.between(launch, listening).toMillis() / 1000.0));
    Instant heldDone = PollPassKill.awaitPolledAgain(stack, held, dead);
    Instant done = PollPassKill.awaitAllPolledAgain(stack, dead);
    RecoveryFigures.Cycle c =
        new RecoveryFigures.Cycle(
            when,
            held.size(),
            heldDone == null ? null : Duration.between(kill, heldDone),
            Duration.between(kill, done),
            Duration.between(launch, done),
            Duration.between(listening, done),
            Duration.between(launch, listening));
    log("every saga polled again: " + c);
    return c;
  }

  /**
   * Kills, right after a poll instant, the instance holding the most leases, and waits until the
   * survivor polled what it held, and every saga.
   */
  private RecoveryFigures.Takeover killOneOfTwo(
      ProcessStack stack, Map<String, ServiceProcess> instances) {
    PollPassKill.pauseUntil(SLOW_POLL, Duration.ZERO);
    if (!PollPassKill.awaitLeases(stack)) {
      log("no lease seen within 3 s of the poll instant; killing anyway");
    }
    String victim =
        PollPassKill.leasedByOwner(stack, Instant.now()).keySet().stream()
            .filter(instances::containsKey)
            .findFirst()
            .orElse(FIRST);
    Instant kill = Instant.now();
    instances.get(victim).kill();
    Instant dead = Instant.now();
    Map<String, Long> leased = PollPassKill.leasedByOwner(stack, dead);
    List<String> held = PollPassKill.heldBy(stack, victim, dead);
    log("killed " + victim + " with SIGKILL during a poll pass; leases at the kill: " + leased);
    Instant heldDone = PollPassKill.awaitPolledAgain(stack, held, dead);
    Instant done = PollPassKill.awaitAllPolledAgain(stack, dead);
    RecoveryFigures.Takeover t =
        new RecoveryFigures.Takeover(
            victim,
            leased,
            held.size(),
            heldDone == null ? null : Duration.between(kill, heldDone),
            Duration.between(kill, done));
    log("the survivor polled every saga again: " + t);
    return t;
  }

  private void log(String line) {
    System.out.printf(
        "[recovery %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
