package com.ecsimagesaga.bench;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale out: several instances of the packaged service (each its own JVM) against one broker and
 * one durable PostgreSQL, CreateImage commands offered at a steady rate (images finish at once, the
 * rate budget off, the pace of {@link ThroughputProfile}). It shows how the work spreads (each
 * instance's share of the CreateImage calls, one per saga), that nothing is done twice (CreateImage
 * calls at the simulator equal the sagas, one ImageCreated per command), and where the database
 * becomes the limit: its raw commit rate, measured in the same run, divided by the service's
 * commits per saga.
 *
 * <p>{@code mvn -Pbench -DskipTests package exec:exec
 * -Dbench.main=com.ecsimagesaga.bench.ScaleOutBenchmark -Dbench.instances=2 -Dbench.rate=200} (also
 * {@code -Dbench.seconds}, {@code -Dbench.warm-up-seconds}, {@code -Dbench.regions}, {@code
 * -Dbench.xmx}). Exits 1 unless every saga succeeded, every instance did at least half of its fair
 * share, and no CreateImage call or ImageCreated event was made twice.
 */
public final class ScaleOutBenchmark {

  static final int INSTANCES = BenchSettings.integer("bench.instances", 2);
  static final int RATE = BenchSettings.integer("bench.rate", 200);
  static final int SECONDS = BenchSettings.integer("bench.seconds", 60);
  static final int WARM_UP_SECONDS = BenchSettings.integer("bench.warm-up-seconds", 30);
  static final int REGIONS = BenchSettings.integer("bench.regions", 4);
  static final String XMX = BenchSettings.text("bench.xmx", "512m");

  /** A sample line of the counter, perhaps followed by an exemplar ({@code # {trace_id=...}}). */
  private static final Pattern CREATE_IMAGE_CALLS =
      Pattern.compile("(?m)^ecs_calls_total\\{[^}]*action=\"CreateImage\"[^}]*}\\s+([0-9.eE+]+)");

  public static void main(String[] args) throws Exception {
    System.exit(run() ? 0 : 1);
  }

  static boolean run() throws Exception {
    System.out.printf(
        "settings: %d instances, %d CreateImage/s for %d s after %d s of warm-up, %d regions,"
            + " -Xmx%s each%n",
        INSTANCES, RATE, SECONDS, WARM_UP_SECONDS, REGIONS, XMX);
    SimulatorConfig config =
        SimulatorConfig.builder().speedFactor(100_000).imageQuotaPerRegion(10_000_000).build();
    try (ProcessStack stack = ProcessStack.start("scale-out", config)) {
      List<ServiceProcess> services = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        ServiceProcess s =
            stack.service(
                "replica-" + i,
                List.of("-Xmx" + XMX),
                new ThroughputProfile().getConfigOverrides());
        s.start();
        services.add(s);
      }
      System.out.println("services up; logs under " + stack.home());
      String bootstrap = stack.broker().bootstrapServers();
      if (WARM_UP_SECONDS > 0) {
        List<CreateImage> warmUp = stack.commands(RATE * WARM_UP_SECONDS, REGIONS, "w");
        try (var reader = new TimedTopicReader(bootstrap, SagaTopics.EVENTS)) {
          offer(stack, warmUp, reader);
        }
        System.out.printf("(warm-up of %d sagas done, not counted)%n", warmUp.size());
      }
      List<CreateImage> commands = stack.commands(RATE * SECONDS, REGIONS, "m");
      Map<String, Long> cpuBefore = new HashMap<>();
      Map<String, Double> callsBefore = new HashMap<>();
      for (ServiceProcess s : services) {
        cpuBefore.put(s.name(), ProcessStats.cpuTicks(s.pid()));
        callsBefore.put(s.name(), createImageCalls(s));
      }
      long simCallsBefore = stack.simulator().counters().count("CreateImage");
      long commitsBefore = RawRates.databaseCommits(stack::connect);
      Instant started = Instant.now();
      List<SteadyRate.Completion> done;
      Map<String, Integer> createdPerCommand = new HashMap<>();
      try (var reader = new TimedTopicReader(bootstrap, SagaTopics.EVENTS)) {
        done = offer(stack, commands, reader);
        for (TimedTopicReader.Received r : reader.received()) {
          if (stack.codec().decode(r.record().value()) instanceof ImageCreated c) {
            createdPerCommand.merge(c.getCommandId(), 1, Integer::sum);
          }
        }
      }
      Instant ended = Instant.now();
      double seconds = Duration.between(started, ended).toMillis() / 1000.0;
      long sagas = commands.size();
      long commits = RawRates.databaseCommits(stack::connect) - commitsBefore;
      long simCalls = stack.simulator().counters().count("CreateImage") - simCallsBefore;
      long failed = done.stream().filter(c -> c.failure() != null).count();
      long twice = createdPerCommand.values().stream().filter(n -> n > 1).count();
      Percentiles latency =
          Percentiles.of(
              done.stream()
                  .filter(c -> c.failure() == null)
                  .map(SteadyRate.Completion::latency)
                  .toList());
      double dbRate = RawRates.database(stack::connect);
      double commitsPerSaga = commits / (double) sagas;

      FigureTable table =
          new FigureTable(
              FigureTable.format(
                  "Scale out: %d instances, %d CreateImage/s offered for %d s (%d sagas), durable"
                      + " PostgreSQL, images finish at once, rate budget off",
                  INSTANCES, RATE, SECONDS, sagas));
      table.add(
          "sagas completed per second (measured run, last outcome included)",
          FigureTable.format("%.1f", sagas / seconds),
          FigureTable.format("%d offered", RATE));
      table.add(
          "end to end latency p50 / p99 / max",
          Percentiles.millis(latency.p50())
              + " / "
              + Percentiles.millis(latency.p99())
              + " / "
              + Percentiles.millis(latency.max()),
          "-");
      boolean spread = true;
      double fair = sagas / (double) INSTANCES;
      for (ServiceProcess s : services) {
        double calls = createImageCalls(s) - callsBefore.get(s.name());
        double cpuMs =
            (ProcessStats.cpuTicks(s.pid()) - cpuBefore.get(s.name()))
                * 1000.0
                / ProcessStats.TICKS_PER_SECOND;
        spread &= calls >= fair / 2;
        table.add(
            s.name() + ": share of the sagas (its CreateImage calls)",
            FigureTable.format("%.0f (%.1f %%)", calls, 100 * calls / sagas),
            FigureTable.format("%.0f, a fair share", fair),
            "at least half of a fair share",
            calls >= fair / 2);
        table.add(
            s.name() + ": CPU ms per saga it ran (cores used)",
            FigureTable.format(
                "%.2f (%.2f cores)", calls == 0 ? 0 : cpuMs / calls, cpuMs / 1000 / seconds),
            "-");
      }
      table.add(
          "CreateImage calls at the simulator",
          String.valueOf(simCalls),
          sagas + " sagas",
          "one per saga",
          simCalls == sagas);
      table.add(
          "commands with more than one ImageCreated",
          String.valueOf(twice),
          "-",
          "none",
          twice == 0);
      table.add("sagas failed", String.valueOf(failed), "-", "none", failed == 0);
      table.add(
          "database transactions per saga (all commits, all instances)",
          FigureTable.format("%.2f", commitsPerSaga),
          "-");
      table.add(
          "database raw insert rate, same run",
          FigureTable.format("%.0f tx/s", dbRate),
          "8 JDBC clients, one-row insert transactions");
      table.add(
          "where the database would be the limit (raw rate / commits per saga)",
          FigureTable.format("%.0f sagas/s", dbRate / commitsPerSaga),
          "-");
      System.out.println(table.render());
      boolean kept = spread && simCalls == sagas && twice == 0 && failed == 0;
      System.out.println(kept ? "RESULT: as promised" : "RESULT: PROMISE BROKEN");
      return kept;
    }
  }

  /** Offers the commands at the steady rate and waits for every outcome. */
  private static List<SteadyRate.Completion> offer(
      ProcessStack stack, List<CreateImage> commands, TimedTopicReader reader)
      throws InterruptedException {
    Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    SteadyRate.publishSteadily(RATE, commands, stack::publishAsync, publishedAt);
    stack.flush();
    return new SteadyRate.Outcomes(reader, stack.codec(), publishedAt).awaitAll();
  }

  /** The CreateImage calls an instance made so far, every outcome, from its Prometheus metrics. */
  private static double createImageCalls(ServiceProcess service)
      throws IOException, InterruptedException {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(service.managementAddress() + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double total = 0;
    Matcher m = CREATE_IMAGE_CALLS.matcher(metrics.body());
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
