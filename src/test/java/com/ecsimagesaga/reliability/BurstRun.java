package com.ecsimagesaga.reliability;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A burst: N create commands for one region published at once, drained by one service process
 * against its CreateImage budget while ECS throttles part of the calls. Prints the drain time
 * against the quota's lower bound (N / budget), how steady the CreateImage calls were, the
 * service's CPU and the database commits per saga; writes the per-second samples as CSV (beside the
 * run's logs) and as a chart.
 *
 * <p>{@code mvn -Pchaos -DskipTests package exec:exec
 * -Dchaos.main=com.ecsimagesaga.reliability.BurstRun -Dburst.commands=10000} (also {@code
 * -Dburst.create-rate}, {@code -Dburst.throttle}, {@code -Dburst.timeout-seconds}, {@code
 * -Dburst.chart}). Exits 1 unless every command succeeded once, the drain took at most 1.2 times
 * the bound and the service used less than one core.
 */
public final class BurstRun {

  private static final double SPEED_FACTOR = 20.0;
  private static final String COMMITS =
      "select xact_commit from pg_stat_database where datname = current_database()";

  /**
   * What to do in a run.
   *
   * @param commands N, the number of create commands
   * @param createRate the service's CreateImage budget, calls per second
   * @param throttle share of CreateImage calls ECS answers {@code Throttling.User}
   * @param timeout how long to wait for every outcome after the burst
   * @param chart where the PNG chart is written
   */
  record Settings(int commands, double createRate, double throttle, Duration timeout, Path chart) {}

  private final Settings settings;
  private final long startedAt = System.nanoTime();

  BurstRun(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    Settings settings =
        new Settings(
            Integer.getInteger("burst.commands", 10_000),
            Double.parseDouble(System.getProperty("burst.create-rate", "100")),
            Double.parseDouble(System.getProperty("burst.throttle", "0.20")),
            Duration.ofSeconds(Long.getLong("burst.timeout-seconds", 1_800)),
            Path.of(System.getProperty("burst.chart", "docs/burst-drain.png")));
    BurstReport report = new BurstRun(settings).run();
    System.out.println(report.print());
    System.exit(report.asPromised() ? 0 : 1);
  }

  /** Runs the burst on a fresh stack and returns the figures. */
  BurstReport run() throws Exception {
    log("settings " + settings);
    try (ReliabilityStack stack =
            ReliabilityStack.start("burst", SPEED_FACTOR, settings.commands() + 50);
        OutcomeWatch outcomes = new OutcomeWatch(stack.broker().bootstrapServers())) {
      log("stack up in " + stack.home());
      stack
          .simulator()
          .faults()
          .probability("CreateImage", settings.throttle(), Fault.throttling());
      ServiceProcess service =
          stack.service(
              "burst-service",
              Map.of(
                  "saga.ecs.rate-limit.actions.CreateImage",
                  String.valueOf(settings.createRate())));
      service.start();
      log("service up");
      List<CreateImage> burst = new ArrayList<>();
      for (int i = 0; i < settings.commands(); i++) {
        burst.add(ReliabilityStack.aCreateImage());
      }
      List<String> ids = burst.stream().map(CreateImage::getCommandId).toList();
      Drain drain = publishAndDrain(stack, outcomes, service.pid(), burst);
      Ledger ledger = new Ledger(stack);
      log("every command has an outcome: " + ledger.allHaveOutcomes(ids));
      CallCounters counters = stack.simulator().counters();
      log("simulator calls " + counters.snapshot());
      BurstReport report =
          new BurstReport(
              ledger.report(ids),
              outcomes.failed(),
              drain.time(),
              settings.createRate(),
              counters.count("CreateImage"),
              counters.count("CreateImage", CallCounters.OK),
              drain.cpuCores(),
              (double) drain.commits() / ids.size(),
              drain.samples());
      Path csv = stack.home().resolve("burst-drain.csv");
      DrainSampler.writeCsv(drain.samples(), csv);
      DrainChart.write(drain.samples(), ids.size(), settings.createRate(), settings.chart());
      log("samples in " + csv + ", chart in " + settings.chart().toAbsolutePath());
      return report;
    }
  }

  /** What was measured from the first command published until every outcome (or the timeout). */
  private record Drain(
      Duration time, double cpuCores, long commits, List<DrainSampler.Sample> samples) {}

  /**
   * Publishes the whole burst as fast as the producer takes it and samples the drain once a second
   * until every command has an outcome event or the timeout is over.
   */
  private Drain publishAndDrain(
      ReliabilityStack stack, OutcomeWatch outcomes, long pid, List<CreateImage> burst)
      throws SQLException {
    List<byte[]> encoded = burst.stream().map(stack.codec()::encode).toList();
    long commitsBefore = commits(stack);
    Duration cpuBefore = DrainSampler.cpu(pid);
    long start = System.nanoTime();
    Instant firstPublish = Instant.now();
    DrainSampler sampler = new DrainSampler(stack.simulator(), outcomes, pid, burst.size(), start);
    try (CommandProducer producer = new CommandProducer(stack.broker().bootstrapServers())) {
      for (int i = 0; i < burst.size(); i++) {
        CreateImage c = burst.get(i);
        producer.sendAsync(
            SagaTopics.COMMANDS, c.getRegionId() + "/" + c.getImageName(), encoded.get(i));
      }
      producer.flush();
      log(burst.size() + " commands published; waiting for every outcome");
      try {
        await("an outcome event for every command")
            .atMost(settings.timeout())
            .pollInterval(Duration.ofMillis(200))
            .until(() -> outcomes.completed() >= burst.size());
      } catch (ConditionTimeoutException e) {
        log("not every command has an outcome: " + e.getMessage());
      }
    } finally {
      sampler.stop();
    }
    long end = System.nanoTime();
    double cpuCores = DrainSampler.cpu(pid).minus(cpuBefore).toNanos() / (double) (end - start);
    long commits = commits(stack) - commitsBefore;
    Instant last = outcomes.lastOutcomeAt();
    Duration time =
        last == null ? Duration.ofNanos(end - start) : Duration.between(firstPublish, last);
    return new Drain(time, cpuCores, commits, sampler.samples());
  }

  /** Transactions committed in the service's database so far. */
  private static long commits(ReliabilityStack stack) throws SQLException {
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(COMMITS)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void log(String line) {
    System.out.printf(
        "[burst %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
