package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 7, part 5: N create sagas in flight (images taking 30 minutes, every saga in the 15 s poll
 * phase), then {@code kill -9} of the service and a restart: the time until every saga was polled
 * again. "Polled again" is read from the saga table: a saga's {@code updated_at} is written only
 * when a poll's result is stored, so the run is over when no waiting saga has an {@code updated_at}
 * from before the kill; the last saga's first {@code updated_at} after the kill is the moment
 * recovery completed. Two kills: one right after a 15 s poll instant, as soon as the old process
 * holds leases on sagas it is polling, and one between two poll instants, when it holds none. The
 * baseline is the service's own start time (process launched to HTTP port open), measured at each
 * restart.
 *
 * <p>{@code mvn -Pbench -DskipTests package exec:exec
 * -Dbench.main=com.ecsimagesaga.bench.RecoveryBenchmark -Dbench.sagas=1000} (also {@code
 * -Dbench.regions}, {@code -Dbench.xmx}). Exits 1 unless every saga was polled again and was still
 * waiting for its image.
 */
public final class RecoveryBenchmark {

  static final int SAGAS = BenchSettings.integer("bench.sagas", 1_000);
  static final int REGIONS = BenchSettings.integer("bench.regions", 4);
  static final String XMX = BenchSettings.text("bench.xmx", "512m");
  static final Duration CREATING = Duration.ofMinutes(30);
  static final Duration SLOW_POLL = Duration.ofSeconds(15);
  static final Duration FAST_PHASE = Duration.ofMinutes(1);

  private final long startedAt = System.nanoTime();

  /** One kill and restart. */
  record Cycle(
      String when,
      long leasedAtKill,
      Duration fromKill,
      Duration fromLaunch,
      Duration fromListening,
      Duration startup) {}

  public static void main(String[] args) {
    boolean happened = new RecoveryBenchmark().run();
    System.exit(happened ? 0 : 1);
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
    try (ProcessStack stack = ProcessStack.start("recovery", config)) {
      // Polls are not paced by progress here (saga.poll.max-interval at the slow interval): the
      // benchmark measures what a restart and a lost lease cost, on the 15 s grid it kills on;
      // paced polls would add the wait for a saga's next due time, which is not a delay.
      ServiceProcess service =
          stack.service(
              "recovery-service",
              List.of("-Xmx" + XMX),
              Map.of("saga.poll.max-interval", SLOW_POLL.toSeconds() + "s"));
      service.start();
      log("service up; logs under " + stack.home());
      List<CreateImage> commands = stack.commands(SAGAS, REGIONS, "rc");
      commands.forEach(stack::publishAsync);
      stack.flush();
      stack.awaitSagasAwaitingImages(SAGAS, Duration.ofMinutes(10));
      Instant lastStarted = stack.queryInstant("select max(step_started_at) from saga");
      ProcessStack.pause(
          Duration.between(Instant.now(), lastStarted.plus(FAST_PHASE).plusSeconds(20)));
      log(SAGAS + " sagas wait for their images, every one in the 15 s poll phase");
      List<Cycle> cycles = new ArrayList<>();
      cycles.add(
          killAndRestart(
              stack,
              service,
              "during a poll pass (as soon as it holds leases)",
              Duration.ZERO,
              true));
      ProcessStack.pause(Duration.ofSeconds(20));
      cycles.add(
          killAndRestart(
              stack,
              service,
              "between poll passes (7.5 s after a poll instant)",
              Duration.ofMillis(7_500),
              false));
      long waiting = stack.sagasAwaitingImages();
      boolean happened = waiting == SAGAS && cycles.size() == 2;
      log("check: " + waiting + " sagas still waiting for their images (must be " + SAGAS + ")");
      print(cycles);
      System.out.println(
          happened
              ? "RESULT: the run happened as described"
              : "RESULT: NOT as described; figures are not valid");
      return happened;
    }
  }

  private Cycle killAndRestart(
      ProcessStack stack,
      ServiceProcess service,
      String when,
      Duration afterPollInstant,
      boolean whileLeased) {
    long slow = SLOW_POLL.toMillis();
    long now = System.currentTimeMillis();
    long killAtMillis = Math.floorDiv(now, slow) * slow + afterPollInstant.toMillis();
    if (killAtMillis <= now) {
      killAtMillis += slow;
    }
    ProcessStack.pause(Duration.ofMillis(killAtMillis - System.currentTimeMillis()));
    if (whileLeased) {
      // Kill as soon as the pass after the poll instant holds leases, wherever that pass is.
      String leasedNow = "select count(*) from saga where lease_until > now()";
      try {
        await("a poll pass holding leases")
            .atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> stack.queryLong(leasedNow) > 0);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        log("no lease seen within 3 s of the poll instant; killing anyway");
      }
    }
    Instant kill = Instant.now();
    service.kill();
    Instant dead = Instant.now();
    long leased =
        stack.queryLong(
            "select count(*) from saga where lease_until > '" + dead + "'::timestamptz");
    log("killed with SIGKILL " + when + "; " + leased + " sagas leased by the dead process");
    Instant launch = Instant.now();
    service.start();
    Instant listening = Instant.now();
    log(
        FigureTable.format(
            "restarted: HTTP port open after %.1f s",
            Duration.between(launch, listening).toMillis() / 1000.0));
    String stale =
        "select count(*) from saga where status = 'WAITING' and updated_at <= '"
            + dead
            + "'::timestamptz";
    await("every saga polled again")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.queryLong(stale) == 0);
    Instant done = stack.queryInstant("select max(updated_at) from saga where status = 'WAITING'");
    Cycle c =
        new Cycle(
            when,
            leased,
            Duration.between(kill, done),
            Duration.between(launch, done),
            Duration.between(listening, done),
            Duration.between(launch, listening));
    log("every saga polled again: " + c);
    return c;
  }

  private static void print(List<Cycle> cycles) {
    FigureTable t =
        new FigureTable(
            FigureTable.format(
                "Recovery: %,d sagas in flight (images of %d min, 15 s polls, lease 60 s), kill -9 and restart",
                SAGAS, CREATING.toMinutes()));
    for (Cycle c : cycles) {
      String startup = seconds(c.startup()) + " service start";
      t.add(
          "kill " + c.when() + ": sagas leased by the dead process",
          String.valueOf(c.leasedAtKill()),
          "-");
      t.add("  every saga polled again, from the kill", seconds(c.fromKill()), startup);
      t.add(
          "  every saga polled again, from the restart (process launched)",
          seconds(c.fromLaunch()),
          startup);
      t.add("  every saga polled again, from the HTTP port open", seconds(c.fromListening()), "-");
    }
    System.out.println(t.render());
  }

  private static String seconds(Duration d) {
    return FigureTable.format("%.1f s", d.toMillis() / 1000.0);
  }

  private void log(String line) {
    System.out.printf(
        "[recovery %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
