package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Issue 7, part 4: latencies at a steady command rate of half the measured maximum throughput
 * ({@code bench.max-throughput}, default 120 sagas/s, so 60 commands/s):
 *
 * <ul>
 *   <li>from the moment the simulator makes an image usable to {@code ImageCreated} received from
 *       the event topic, p50 and p99;
 *   <li>from a command published to the first ECS call of its saga (the DescribeInstances of its
 *       source instance, which no other saga shares), p50 and p99.
 * </ul>
 *
 * The baseline is the raw produce-to-consume latency of the same broker at the same rate, measured
 * the same way (send time here, receive time here). The first 10 s of commands warm the service up
 * and are not counted.
 *
 * <p>{@code mvn -Pbench -DskipTests package exec:exec
 * -Dbench.main=com.ecsimagesaga.bench.LatencyBenchmark} (also {@code -Dbench.max-throughput},
 * {@code -Dbench.seconds}, {@code -Dbench.creating-seconds}, {@code -Dbench.regions}, {@code
 * -Dbench.xmx}). Exits 1 unless every command ended in ImageCreated.
 */
public final class LatencyBenchmark {

  static final double MAX_THROUGHPUT = BenchSettings.decimal("bench.max-throughput", 120);
  static final double RATE = MAX_THROUGHPUT / 2;
  static final int SECONDS = BenchSettings.integer("bench.seconds", 60);
  static final int WARM_UP_SECONDS = 10;
  static final int CREATING_SECONDS = BenchSettings.integer("bench.creating-seconds", 30);
  static final int REGIONS = BenchSettings.integer("bench.regions", 4);
  static final String XMX = BenchSettings.text("bench.xmx", "512m");
  static final int RAW_SECONDS = 20;
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[A-Za-z0-9]+");

  private final long startedAt = System.nanoTime();

  public static void main(String[] args) throws Exception {
    boolean happened = new LatencyBenchmark().run();
    System.exit(happened ? 0 : 1);
  }

  boolean run() throws Exception {
    int warmUp = (int) Math.round(RATE * WARM_UP_SECONDS);
    int measured = (int) Math.round(RATE * SECONDS);
    int total = warmUp + measured;
    log(
        FigureTable.format(
            "settings: %.1f commands/s (half of %.0f) over %d regions, %d s warm-up (%d commands) then %d s "
                + "measured (%d commands); images take %d s; -Xmx%s",
            RATE,
            MAX_THROUGHPUT,
            REGIONS,
            WARM_UP_SECONDS,
            warmUp,
            SECONDS,
            measured,
            CREATING_SECONDS,
            XMX));
    SimulatorConfig config =
        SimulatorConfig.builder()
            .speedFactor(1)
            .creatingDuration(Duration.ofSeconds(CREATING_SECONDS))
            .imageQuotaPerRegion(total / REGIONS + 10)
            .build();
    try (ProcessStack stack = ProcessStack.start("latency", config)) {
      ServiceProcess service = stack.service("latency-service", List.of("-Xmx" + XMX), Map.of());
      service.start();
      log("service up; logs under " + stack.home());
      ProcessStack.pause(Duration.ofSeconds(10));
      List<CreateImage> commands = stack.commands(total, REGIONS, "la");
      Map<String, Instant> firstCall = new ConcurrentHashMap<>();
      stack
          .simulator()
          .observeCalls(
              (action, params, at) -> {
                String ids = params.getOrDefault("InstanceIds", params.get("InstanceId"));
                if (ids != null) {
                  Matcher m = INSTANCE_ID.matcher(ids);
                  while (m.find()) {
                    firstCall.putIfAbsent(m.group(), at);
                  }
                }
              });
      Map<String, Instant> published = new ConcurrentHashMap<>();
      Map<String, ImageCreated> created = new ConcurrentHashMap<>();
      Map<String, Instant> createdAt = new ConcurrentHashMap<>();
      Duration sending;
      try (TimedTopicReader events =
          new TimedTopicReader(stack.broker().bootstrapServers(), SagaTopics.EVENTS)) {
        sending =
            atSteadyRate(
                commands.size(),
                i -> {
                  CreateImage c = commands.get(i);
                  published.put(c.getInstanceId(), Instant.now());
                  stack.publishAsync(c);
                });
        stack.flush();
        log(
            FigureTable.format(
                "%d commands sent in %.1f s (%.1f/s); waiting for every ImageCreated",
                total, sending.toMillis() / 1000.0, (total - 1) * 1000.0 / sending.toMillis()));
        await("ImageCreated for every command")
            .atMost(Duration.ofSeconds(CREATING_SECONDS).plusMinutes(10))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  for (TimedTopicReader.Received r : events.received()) {
                    SpecificRecord event = stack.codec().decode(r.record().value());
                    if (event instanceof ImageCreated ic
                        && created.putIfAbsent(ic.getCommandId(), ic) == null) {
                      createdAt.put(ic.getCommandId(), r.at());
                    }
                  }
                  return created.size() >= total;
                });
      }
      log("every command has its ImageCreated");
      List<Duration> toFirstCall = new ArrayList<>();
      List<Duration> usableToEvent = new ArrayList<>();
      int missingUsableAt = 0;
      for (CreateImage c : commands.subList(warmUp, total)) {
        toFirstCall.add(
            Duration.between(published.get(c.getInstanceId()), firstCall.get(c.getInstanceId())));
        ImageCreated ic = created.get(c.getCommandId());
        ImageView image =
            stack.simulator().world().image(ic.getRegionId(), ic.getImageId()).orElseThrow();
        if (image.usableAt() == null) {
          missingUsableAt++;
          continue;
        }
        usableToEvent.add(Duration.between(image.usableAt(), createdAt.get(c.getCommandId())));
      }
      log("baseline: raw broker produce to consume at the same rate for " + RAW_SECONDS + " s");
      Percentiles raw = rawBrokerLatency(stack.broker().bootstrapServers());
      boolean happened =
          created.size() == total && missingUsableAt == 0 && usableToEvent.size() == measured;
      print(
          Percentiles.of(usableToEvent),
          Percentiles.of(toFirstCall),
          raw,
          total * 1000.0 / sending.toMillis(),
          measured);
      System.out.println(
          happened
              ? "RESULT: the run happened as described"
              : "RESULT: NOT as described; figures are not valid");
      return happened;
    }
  }

  /**
   * Runs {@code send} for 0..n-1 at {@link #RATE} per second, on a fixed-rate schedule; returns how
   * long it took.
   */
  private static Duration atSteadyRate(int n, java.util.function.IntConsumer send)
      throws InterruptedException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    long t0 = System.nanoTime();
    timer.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          if (i < n) {
            send.accept(i);
          }
          if (i >= n - 1) {
            done.countDown();
          }
        },
        0,
        Math.round(1e9 / RATE),
        TimeUnit.NANOSECONDS);
    try {
      if (!done.await((long) Math.ceil(n / RATE) + 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("could not send at the requested rate");
      }
      return Duration.ofNanos(System.nanoTime() - t0);
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * The same broker, a fresh topic with the command topic's partitions, records of a command's
   * size, same rate.
   */
  private static Percentiles rawBrokerLatency(String bootstrap) throws Exception {
    String topic = "bench-raw-latency";
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin a = Admin.create(admin)) {
      a.createTopics(
              List.of(
                  new NewTopic(topic, SagaTopics.PARTITIONS.get(SagaTopics.COMMANDS), (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    int n = (int) Math.round(RATE * RAW_SECONDS);
    Map<String, Instant> sent = new ConcurrentHashMap<>();
    byte[] value = new byte[200];
    try (CommandProducer producer = new CommandProducer(bootstrap);
        TimedTopicReader reader = new TimedTopicReader(bootstrap, topic)) {
      atSteadyRate(
          n,
          i -> {
            sent.put("k" + i, Instant.now());
            producer.sendAsync(topic, "k" + i, value);
          });
      producer.flush();
      await("every raw record read back")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> reader.received().size() >= n);
      return Percentiles.of(
          reader.received().stream()
              .map(r -> Duration.between(sent.get(r.record().key()), r.at()))
              .toList());
    }
  }

  private static void print(
      Percentiles usable, Percentiles firstCall, Percentiles raw, double rate, int measured) {
    FigureTable t =
        new FigureTable(
            FigureTable.format(
                "Latency: %.1f commands/s (half of the %.0f sagas/s maximum) over %d regions, %d measured sagas, images of %d s, "
                    + "production polling, ECS budget %s/s per region and action",
                rate,
                MAX_THROUGHPUT,
                REGIONS,
                measured,
                CREATING_SECONDS,
                BenchSettings.text("bench.rate-limit", "20 (production)")));
    String rawP50 = Percentiles.millis(raw.p50()) + " raw broker";
    String rawP99 = Percentiles.millis(raw.p99()) + " raw broker";
    t.add("image usable -> ImageCreated received, p50", Percentiles.millis(usable.p50()), rawP50);
    t.add("image usable -> ImageCreated received, p99", Percentiles.millis(usable.p99()), rawP99);
    t.add(
        "image usable -> ImageCreated received, max",
        Percentiles.millis(usable.max()),
        Percentiles.millis(raw.max()) + " raw broker");
    t.add("command published -> first ECS call, p50", Percentiles.millis(firstCall.p50()), rawP50);
    t.add("command published -> first ECS call, p99", Percentiles.millis(firstCall.p99()), rawP99);
    t.add(
        "command published -> first ECS call, max",
        Percentiles.millis(firstCall.max()),
        Percentiles.millis(raw.max()) + " raw broker");
    System.out.println(t.render());
  }

  private void log(String line) {
    System.out.printf(
        "[latency %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
