package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sustained throughput: CreateImage commands published at a steady rate for a minute or more (an
 * open loop: the publisher does not wait for the service), images that finish at once. A service
 * that keeps up completes sagas at the offered rate with a flat end-to-end latency; one that does
 * not falls behind, and its latency grows through the run. Beside it, in the same run, the raw
 * rates of the same broker and database. Not part of the test suite: {@code mvn -Pbench test
 * -Dtest=SustainedThroughputBenchmark -Dbench.rate=500 -Dbench.seconds=90
 * -Dbench.warm-up-seconds=60}.
 */
@QuarkusTest
@TestProfile(ThroughputProfile.class)
@Tag("benchmark")
class SustainedThroughputBenchmark {

  /** Commands offered per second. */
  static final int RATE = Integer.getInteger("bench.rate", 500);

  /** How long commands are offered. */
  static final int SECONDS = Integer.getInteger("bench.seconds", 90);

  /** The first seconds are not counted: the service's passes settle on the offered rate. */
  static final int RAMP_SECONDS = 10;

  /**
   * Commands are first offered at the same rate for this long, not counted, and the run waits until
   * all of them are done: on 2 cores the JIT compilers still take most of a core for the first
   * minute or so of load (the broker, the simulator and the service share one JVM), and a service
   * in production runs warm.
   */
  static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 60);

  /** Publishes are spread over slices of this length. */
  static final Duration SLICE = Duration.ofMillis(10);

  @Test
  void sagasCompletedPerSecondAtASteadyOfferedRate() throws Exception {
    if (SECONDS <= RAMP_SECONDS) {
      throw new IllegalArgumentException("bench.seconds must be above " + RAMP_SECONDS);
    }
    EcsSimulator sim = EcsSimulatorResource.simulator();
    AvroCodec codec = new AvroCodec();
    String bootstrap = KafkaBrokerResource.bootstrapServers();
    List<CreateImage> warmUp = ThroughputBenchmark.commands(sim, RATE * WARM_UP_SECONDS);
    List<CreateImage> commands = ThroughputBenchmark.commands(sim, RATE * SECONDS);
    ThroughputBenchmark.ListingPages pages = new ThroughputBenchmark.ListingPages();
    Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    Instant started;
    long commitsBefore;
    List<TimedTopicReader.Received> events;
    try (var producer = new CommandProducer(bootstrap)) {
      if (!warmUp.isEmpty()) {
        warmUp(warmUp, producer, codec, bootstrap);
      }
      sim.counters().reset();
      sim.observeCalls(pages);
      commitsBefore = RawRates.databaseCommits();
      try (var reader = new TimedTopicReader(bootstrap, "ecs.image.events")) {
        started = Instant.now();
        publishSteadily(commands, producer, codec, publishedAt);
        events = awaitOutcomes(reader, codec, publishedAt);
      }
    }
    System.out.printf("%nmeasured run from %s to %s%n", started, Instant.now());
    long ecsCalls = sim.counters().total();
    long commits = RawRates.databaseCommits() - commitsBefore;
    List<Completion> outcomes = outcomes(events, codec, publishedAt);
    List<Completion> done = outcomes.stream().filter(c -> c.failure() == null).toList();
    Map<String, Long> failures =
        outcomes.stream()
            .filter(c -> c.failure() != null)
            .collect(Collectors.groupingBy(Completion::failure, Collectors.counting()));
    double brokerRate = RawRates.broker(bootstrap);
    double dbRate = RawRates.database();
    if (!failures.isEmpty()) {
      System.out.printf("%nsagas that failed, by error code: %s%n", failures);
    }
    Report report = new Report(started, done);
    System.out.print(report.render(ecsCalls, commits, pages, brokerRate, dbRate));
    assertThat(failures).as("sagas that failed, by error code").isEmpty();
    assertThat(done).hasSize(commands.size());
  }

  /**
   * A saga of the measured run: when its command was published and when its ImageCreated arrived,
   * or the error code of its ImageCreationFailed.
   */
  record Completion(Instant publishedAt, Instant createdAt, String failure) {
    Duration latency() {
      return Duration.between(publishedAt, createdAt);
    }
  }

  /** The outcome events of the measured commands, each with its command's publish time. */
  private static List<Completion> outcomes(
      List<TimedTopicReader.Received> received, AvroCodec codec, Map<String, Instant> publishedAt) {
    List<Completion> done = new ArrayList<>();
    for (TimedTopicReader.Received r : received) {
      Object event = codec.decode(r.record().value());
      if (event instanceof ImageCreated c && publishedAt.containsKey(c.getCommandId())) {
        done.add(new Completion(publishedAt.get(c.getCommandId()), r.at(), null));
      } else if (event instanceof ImageCreationFailed f
          && publishedAt.containsKey(f.getCommandId())) {
        done.add(new Completion(publishedAt.get(f.getCommandId()), r.at(), f.getErrorCode()));
      }
    }
    return done;
  }

  /**
   * Waits until every published command has its outcome (ImageCreated or ImageCreationFailed); the
   * events read.
   */
  private static List<TimedTopicReader.Received> awaitOutcomes(
      TimedTopicReader reader, AvroCodec codec, Map<String, Instant> publishedAt) {
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> outcomes(reader.received(), codec, publishedAt).size() >= publishedAt.size());
    return reader.received();
  }

  /**
   * The warm-up: the same steady rate, not counted, waited for until every saga of it is done, so
   * that the measured run starts without a backlog.
   */
  private static void warmUp(
      List<CreateImage> commands, CommandProducer producer, AvroCodec codec, String bootstrap)
      throws InterruptedException {
    Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    try (var reader = new TimedTopicReader(bootstrap, "ecs.image.events")) {
      publishSteadily(commands, producer, codec, publishedAt);
      awaitOutcomes(reader, codec, publishedAt);
    }
    System.out.printf(
        "%n(warm-up: %d sagas offered at %d/s, all done after %.1f s, not counted)%n",
        commands.size(), RATE, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Publishes the commands at {@link #RATE} per second: every slice, as many as are due by then.
   * Returns once the last one was handed to the producer.
   */
  private static void publishSteadily(
      List<CreateImage> commands,
      CommandProducer producer,
      AvroCodec codec,
      Map<String, Instant> publishedAt)
      throws InterruptedException {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger sent = new AtomicInteger();
    long t0 = System.nanoTime();
    clock.scheduleAtFixedRate(
        () -> {
          long due = Math.min(commands.size(), (System.nanoTime() - t0) * RATE / 1_000_000_000L);
          while (sent.get() < due) {
            CreateImage c = commands.get(sent.getAndIncrement());
            publishedAt.put(c.getCommandId(), Instant.now());
            producer.sendAsync(
                "ecs.image.commands", "cn-hangzhou/" + c.getImageName(), codec.encode(c));
          }
          if (sent.get() >= commands.size()) {
            clock.shutdown();
          }
        },
        0,
        SLICE.toMillis(),
        TimeUnit.MILLISECONDS);
    if (!clock.awaitTermination(commands.size() / RATE + 60L, TimeUnit.SECONDS)) {
      clock.shutdownNow();
      throw new IllegalStateException("the publisher did not finish in time");
    }
    producer.flush();
  }

  /** The figures of one run. */
  private record Report(Instant started, List<Completion> done) {

    /** Sagas completed in [from, to) seconds after the start. */
    long completedBetween(int from, int to) {
      Instant a = started.plusSeconds(from);
      Instant b = started.plusSeconds(to);
      return done.stream()
          .filter(c -> !c.createdAt().isBefore(a) && c.createdAt().isBefore(b))
          .count();
    }

    /** Latencies of the sagas published in [from, to) seconds after the start. */
    Percentiles latencyOfPublished(int from, int to) {
      Instant a = started.plusSeconds(from);
      Instant b = started.plusSeconds(to);
      return Percentiles.of(
          done.stream()
              .filter(c -> !c.publishedAt().isBefore(a) && c.publishedAt().isBefore(b))
              .map(Completion::latency)
              .toList());
    }

    String render(
        long ecsCalls,
        long commits,
        ThroughputBenchmark.ListingPages pages,
        double brokerRate,
        double dbRate) {
      int n = done.size();
      double steady = completedBetween(RAMP_SECONDS, SECONDS) / (double) (SECONDS - RAMP_SECONDS);
      Instant last = done.stream().map(Completion::createdAt).max(Instant::compareTo).orElseThrow();
      double drain = Duration.between(started.plusSeconds(SECONDS), last).toMillis() / 1000.0;
      Percentiles all = Percentiles.of(done.stream().map(Completion::latency).toList());
      Percentiles early = latencyOfPublished(RAMP_SECONDS, RAMP_SECONDS + 20);
      Percentiles late = latencyOfPublished(SECONDS - 20, SECONDS);
      boolean keptUp = steady >= 0.98 * RATE && late.p99().compareTo(Duration.ofSeconds(5)) < 0;
      StringBuilder out = new StringBuilder();
      for (int s = 0; s < SECONDS; s += 10) {
        out.append(
            FigureTable.format(
                "%s%d", s == 0 ? "" : " ", completedBetween(s, Math.min(s + 10, SECONDS))));
      }
      FigureTable table =
          new FigureTable(
                  FigureTable.format(
                      "Sustained throughput: %d CreateImage/s offered for %d s (%d sagas), images finish at once, rate budget off",
                      RATE, SECONDS, n))
              .add(
                  FigureTable.format("sagas completed per second, s %d-%d", RAMP_SECONDS, SECONDS),
                  FigureTable.format("%.1f", steady),
                  FigureTable.format("%d offered", RATE),
                  ">= 500/s, kept up with the offered rate",
                  steady >= 500 && keptUp)
              .add("sagas completed in each 10 s", out.toString(), "-")
              .add(
                  "end to end latency p50 / p99 / max, all",
                  millis(all.p50()) + " / " + millis(all.p99()) + " / " + millis(all.max()),
                  "-")
              .add(
                  FigureTable.format(
                      "latency p50 / p99 of commands published in s %d-%d",
                      RAMP_SECONDS, RAMP_SECONDS + 20),
                  millis(early.p50()) + " / " + millis(early.p99()),
                  "-")
              .add(
                  FigureTable.format(
                      "latency p50 / p99 of commands published in s %d-%d", SECONDS - 20, SECONDS),
                  millis(late.p50()) + " / " + millis(late.p99()),
                  "the early ones: flat when the service keeps up")
              .add(
                  "s from the last publish to the last ImageCreated",
                  FigureTable.format("%.1f", drain),
                  "-")
              .add("ECS calls per saga", FigureTable.format("%.2f", ecsCalls / (double) n), "-")
              .add(
                  "DescribeImages pages read: 1 / 2-5 / 6+ (deepest)",
                  pages.histogram() + " (" + pages.deepest() + ")",
                  "-")
              .add(
                  "database transactions per saga (all commits)",
                  FigureTable.format("%.2f", commits / (double) n),
                  "-")
              .add(
                  "sagas/s divided by the raw database rate",
                  FigureTable.format("%.4f", steady / dbRate),
                  FigureTable.format("%.0f insert tx/s, 8 clients", dbRate))
              .add(
                  "sagas/s divided by the raw broker rate",
                  FigureTable.format("%.4f", steady / brokerRate),
                  FigureTable.format("%.0f records/s produce+consume", brokerRate));
      return table.render();
    }

    private static String millis(Duration d) {
      return Percentiles.millis(d);
    }
  }
}
