package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
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

/**
 * A steady-rate run against the service of a {@link ThroughputProfile} test: CreateImage commands
 * offered at a steady rate (an open loop: the publisher does not wait for the service), after a
 * warm-up at the same rate that is waited for until it is done, and every saga's outcome read from
 * the event topic with the moment it arrived.
 */
final class SteadyRate {

  /** Publishes are spread over slices of this length. */
  static final Duration SLICE = Duration.ofMillis(10);

  private SteadyRate() {}

  /**
   * @param rate commands offered per second
   * @param seconds how long they are offered
   * @param warmUpSeconds how long the same rate is offered first, not counted
   */
  record Settings(int rate, int seconds, int warmUpSeconds) {
    Settings {
      if (rate < 1 || seconds < 3 || warmUpSeconds < 0) {
        throw new IllegalArgumentException(
            "a steady run needs a rate of at least 1/s for at least 3 s, not "
                + rate
                + "/s for "
                + seconds
                + " s");
      }
    }

    /** The first seconds are not counted: the service's passes settle on the offered rate. */
    int ramp() {
      return Math.min(10, seconds / 3);
    }
  }

  /** What a run measured: its table, and the sagas that failed by error code (none expected). */
  record Result(
      String table,
      int offered,
      int created,
      Map<String, Long> failures,
      StallRecovery recovery,
      boolean keptUp) {}

  /**
   * A stall of the database in the measured run: it starts {@code at} after the run's first command
   * and lasts {@code length}.
   */
  record Stall(Duration at, Duration length) {}

  /** Runs the warm-up, then the measured run, then the raw broker and database rates. */
  static Result measure(Settings settings) throws Exception {
    return measure(settings, null);
  }

  /**
   * {@link #measure(Settings)} with the database stalled once in the measured run; the table then
   * ends with the latency before the stall and the time the run took to come back to it.
   */
  static Result measure(Settings settings, Stall stall) throws Exception {
    EcsSimulator sim = EcsSimulatorResource.simulator();
    AvroCodec codec = new AvroCodec();
    String bootstrap = KafkaBrokerResource.bootstrapServers();
    int rate = settings.rate();
    List<CreateImage> warmUp = ThroughputBenchmark.commands(sim, rate * settings.warmUpSeconds());
    List<CreateImage> commands = ThroughputBenchmark.commands(sim, rate * settings.seconds());
    ThroughputBenchmark.ListingPages pages = new ThroughputBenchmark.ListingPages();
    Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    Instant started;
    DatabaseStall stalls = null;
    long commitsBefore;
    List<Completion> outcomes;
    CpuAccount.Snapshot cpuBefore;
    CpuAccount.Snapshot cpuAfter;
    ProfileSummary profile = null;
    String profiled = "";
    // A recording starts before the warm-up: its start holds the JVM up for seconds, which the
    // measured run would pay for. Only the measured window's samples are summed.
    if (Boolean.getBoolean("bench.jfr")) {
      profile = ProfileSummary.start();
    }
    try (var producer = new CommandProducer(bootstrap)) {
      if (!warmUp.isEmpty()) {
        warmUp(rate, warmUp, producer, codec, bootstrap);
      }
      sim.counters().reset();
      sim.observeCalls(pages);
      commitsBefore = RawRates.databaseCommits();
      try (var reader = new TimedTopicReader(bootstrap, "ecs.image.events")) {
        cpuBefore = CpuAccount.take();
        started = Instant.now();
        if (stall != null) {
          stalls = DatabaseStall.ofTestDatabase();
          stalls.schedule(stall.at(), stall.length());
        }
        publishSteadily(rate, commands, producer, codec, publishedAt);
        outcomes = new Outcomes(reader, codec, publishedAt).awaitAll();
        cpuAfter = CpuAccount.take();
        if (profile != null) {
          try (ProfileSummary recording = profile) {
            profiled = recording.stopAndSummarize(started);
          }
        }
      }
    }
    Instant ended = Instant.now();
    System.out.printf("%nmeasured run from %s to %s%n", started, ended);
    long ecsCalls = sim.counters().total();
    long commits = RawRates.databaseCommits() - commitsBefore;
    List<Completion> done = outcomes.stream().filter(c -> c.failure() == null).toList();
    Map<String, Long> failures =
        outcomes.stream()
            .filter(c -> c.failure() != null)
            .collect(Collectors.groupingBy(Completion::failure, Collectors.counting()));
    double brokerRate = RawRates.broker(bootstrap);
    double dbRate = RawRates.database();
    SteadyRateReport report = new SteadyRateReport(settings, started, done);
    String table =
        done.isEmpty()
            ? "no saga succeeded"
            : report.render(
                ecsCalls,
                commits,
                pages,
                brokerRate,
                dbRate,
                CpuAccount.perSaga(
                    cpuBefore,
                    cpuAfter,
                    done.size(),
                    Duration.between(started, ended).toMillis() / 1000.0));
    StallRecovery recovery = null;
    if (stalls != null && !done.isEmpty()) {
      recovery =
          StallRecovery.of(
              done, started.plusSeconds(settings.ramp()), stalls.stoppedAt(), stalls.continuedAt());
      table =
          table
              + String.format(
                  "%ndatabase stalled (SIGSTOP) from %s to %s%n%s",
                  stalls.stoppedAt(), stalls.continuedAt(), recovery.print());
    }
    table = table + profiled;
    return new Result(
        table,
        commands.size(),
        done.size(),
        failures,
        recovery,
        !done.isEmpty() && report.keptUp());
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

  /**
   * The outcome events of the published commands, each with its command's publish time; each record
   * is decoded once, when first read (the benchmark's own work shares the JVM with the service it
   * measures).
   */
  static final class Outcomes {
    private final TimedTopicReader reader;
    private final AvroCodec codec;
    private final Map<String, Instant> publishedAt;
    private final List<Completion> read = new ArrayList<>();
    private int records;

    Outcomes(TimedTopicReader reader, AvroCodec codec, Map<String, Instant> publishedAt) {
      this.reader = reader;
      this.codec = codec;
      this.publishedAt = publishedAt;
    }

    /** The outcomes read so far, after reading what arrived since the last call. */
    List<Completion> read() {
      for (TimedTopicReader.Received r : reader.receivedAfter(records)) {
        records++;
        Object event = codec.decode(r.record().value());
        if (event instanceof ImageCreated c && publishedAt.containsKey(c.getCommandId())) {
          read.add(new Completion(publishedAt.get(c.getCommandId()), r.at(), null));
        } else if (event instanceof ImageCreationFailed f
            && publishedAt.containsKey(f.getCommandId())) {
          read.add(new Completion(publishedAt.get(f.getCommandId()), r.at(), f.getErrorCode()));
        }
      }
      return read;
    }

    /** Waits until every published command has its outcome; all of them. */
    List<Completion> awaitAll() {
      await()
          .atMost(Duration.ofMinutes(20))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> read().size() >= publishedAt.size());
      return List.copyOf(read);
    }
  }

  /**
   * The warm-up: the same steady rate, not counted, waited for until every saga of it is done, so
   * that the measured run starts without a backlog.
   */
  private static void warmUp(
      int rate,
      List<CreateImage> commands,
      CommandProducer producer,
      AvroCodec codec,
      String bootstrap)
      throws InterruptedException {
    Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    try (var reader = new TimedTopicReader(bootstrap, "ecs.image.events")) {
      publishSteadily(rate, commands, producer, codec, publishedAt);
      new Outcomes(reader, codec, publishedAt).awaitAll();
    }
    System.out.printf(
        "%n(warm-up: %d sagas offered at %d/s, all done after %.1f s, not counted)%n",
        commands.size(), rate, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Publishes the commands at {@code rate} per second: every slice, as many as are due by then.
   * Returns once the last one was handed to the producer.
   */
  private static void publishSteadily(
      int rate,
      List<CreateImage> commands,
      CommandProducer producer,
      AvroCodec codec,
      Map<String, Instant> publishedAt)
      throws InterruptedException {
    publishSteadily(
        rate,
        commands,
        c ->
            producer.sendAsync(
                "ecs.image.commands", "cn-hangzhou/" + c.getImageName(), codec.encode(c)),
        publishedAt);
    producer.flush();
  }

  /**
   * Hands the commands to {@code send} at {@code rate} per second: every slice, as many as are due
   * by then, each with its publish time. Returns once the last one was handed over.
   */
  static void publishSteadily(
      int rate,
      List<CreateImage> commands,
      java.util.function.Consumer<CreateImage> send,
      Map<String, Instant> publishedAt)
      throws InterruptedException {
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-publisher"));
    AtomicInteger sent = new AtomicInteger();
    long t0 = System.nanoTime();
    clock.scheduleAtFixedRate(
        () -> {
          long due = Math.min(commands.size(), (System.nanoTime() - t0) * rate / 1_000_000_000L);
          while (sent.get() < due) {
            CreateImage c = commands.get(sent.getAndIncrement());
            publishedAt.put(c.getCommandId(), Instant.now());
            send.accept(c);
          }
          if (sent.get() >= commands.size()) {
            clock.shutdown();
          }
        },
        0,
        SLICE.toMillis(),
        TimeUnit.MILLISECONDS);
    if (!clock.awaitTermination(commands.size() / rate + 60L, TimeUnit.SECONDS)) {
      clock.shutdownNow();
      throw new IllegalStateException("the publisher did not finish in time");
    }
  }
}
