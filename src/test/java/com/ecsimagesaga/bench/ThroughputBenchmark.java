package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.CallObserver;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.EventTopicRecorder;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput: create sagas completed per second end to end (command published to ImageCreated
 * consumed) with images that finish at once, beside the raw rates of the same broker and database
 * measured in the same run. Not part of the test suite: {@code mvn -Pbench test
 * -Dtest=ThroughputBenchmark}.
 */
@QuarkusTest
@TestProfile(ThroughputProfile.class)
@Tag("benchmark")
class ThroughputBenchmark {

  static final int SAGAS = Integer.getInteger("bench.sagas", 5000);

  /**
   * Sagas run through the whole stack before the measured ones, so that the figure is the rate of a
   * service whose code the JIT has compiled (the JVM was started just before): 0 measures a cold
   * start.
   */
  static final int WARM_UP = Integer.getInteger("bench.warm-up-sagas", 3000);

  @Test
  void sagasPerSecondAgainstTheRawBrokerAndDatabaseRates() throws Exception {
    EcsSimulator sim = EcsSimulatorResource.simulator();
    AvroCodec codec = new AvroCodec();
    String bootstrap = KafkaBrokerResource.bootstrapServers();
    List<CreateImage> warmUp = commands(sim, WARM_UP);
    List<CreateImage> commands = commands(sim, SAGAS);
    ListingPages pages = new ListingPages();
    double sagasPerSecond;
    double warmUpRate = 0;
    Instant started;
    long commitsBefore;
    try (var producer = new CommandProducer(bootstrap);
        var events = new EventTopicRecorder(bootstrap, "ecs.image.events")) {
      CreatedCounter created = new CreatedCounter(codec, events);
      if (WARM_UP > 0) {
        warmUpRate = run(warmUp, producer, codec, created);
      }
      sim.counters().reset();
      sim.observeCalls(pages);
      commitsBefore = RawRates.databaseCommits();
      started = Instant.now();
      sagasPerSecond = run(commands, producer, codec, created);
    }
    // The measured window, to cut a profile recording of the whole JVM down to it.
    System.out.printf("%nmeasured run from %s to %s%n", started, Instant.now());
    long ecsCalls = sim.counters().total();
    long commits = RawRates.databaseCommits() - commitsBefore;
    if (WARM_UP > 0) {
      System.out.printf(
          "%n(warm-up before the measured run: %d sagas at %.1f/s, not counted below)%n",
          WARM_UP, warmUpRate);
    }
    Phases phases = phases(started);
    double brokerRate = RawRates.broker(bootstrap);
    double dbRate = RawRates.database();
    System.out.printf(
        "%n=== Throughput: %d create sagas, images finish at once, rate budget off ===%n", SAGAS);
    System.out.printf("%-44s %12.1f%n", "sagas completed per second (end to end)", sagasPerSecond);
    System.out.printf("%-44s %12.1f%n", "ECS calls per saga", ecsCalls / (double) SAGAS);
    System.out.printf(
        "%-44s %12.1f%n", "database transactions per saga (all commits)", commits / (double) SAGAS);
    System.out.printf(
        "%-44s %12.1f%n", "s until the last command was taken in", phases.lastTakenIn());
    System.out.printf("%-44s %12.1f%n", "s until the last saga succeeded", phases.lastSucceeded());
    System.out.printf(
        "%-44s %12.1f%n", "s until the last event was published", phases.lastPublished());
    System.out.printf("%-44s %12.0f%n", "raw broker rate (records/s produce+consume)", brokerRate);
    System.out.printf("%-44s %12.0f%n", "raw database rate (insert tx/s, 8 clients)", dbRate);
    System.out.printf(
        "%-44s %12.4f%n", "sagas/s divided by database tx/s", sagasPerSecond / dbRate);
    System.out.printf("%-44s %12s%n", "DescribeImages pages read: 1 / 2-5 / 6+", pages.histogram());
    System.out.printf("%-44s %12d%n", "deepest DescribeImages page read", pages.deepest());
    assertThat(sagasPerSecond).isPositive();
  }

  /** CreateImage commands for {@code count} source instances seeded running in the simulator. */
  static List<CreateImage> commands(EcsSimulator sim, int count) {
    List<CreateImage> commands = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String instance = "i-tp" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
      sim.world().seedInstance("cn-hangzhou", instance, InstanceStatus.Running);
      commands.add(
          CreateImage.newBuilder()
              .setCommandId(UUID.randomUUID().toString())
              .setIssuedAt(Instant.now())
              .setRegionId("cn-hangzhou")
              .setInstanceId(instance)
              .setImageName("tp-" + instance.substring(2))
              .build());
    }
    return commands;
  }

  /** The page numbers of the DescribeImages calls of the measured run. */
  static final class ListingPages implements CallObserver {
    private final AtomicLongArray byBucket = new AtomicLongArray(3);
    private final AtomicInteger deepest = new AtomicInteger();

    @Override
    public void called(String action, Map<String, String> params, Instant arrivedAt) {
      if (!"DescribeImages".equals(action)) {
        return;
      }
      int page = Integer.parseInt(params.getOrDefault("PageNumber", "1"));
      byBucket.incrementAndGet(page == 1 ? 0 : page <= 5 ? 1 : 2);
      deepest.accumulateAndGet(page, Math::max);
    }

    String histogram() {
      return byBucket.get(0) + " / " + byBucket.get(1) + " / " + byBucket.get(2);
    }

    int deepest() {
      return deepest.get();
    }
  }

  /** ImageCreated events seen on the topic so far; each event is decoded once, when first seen. */
  static final class CreatedCounter {
    private final AvroCodec codec;
    private final EventTopicRecorder events;
    private int read;
    private long created;

    CreatedCounter(AvroCodec codec, EventTopicRecorder events) {
      this.codec = codec;
      this.events = events;
    }

    long created() {
      var all = events.records();
      for (int k = read; k < all.size(); k++) {
        if (codec.decode(all.get(k).value()) instanceof ImageCreated) {
          created++;
        }
      }
      read = all.size();
      return created;
    }
  }

  /**
   * Publishes the commands at once and waits for one more ImageCreated each; sagas completed per
   * second.
   */
  private static double run(
      List<CreateImage> commands,
      CommandProducer producer,
      AvroCodec codec,
      CreatedCounter created) {
    long target = created.created() + commands.size();
    long start = System.nanoTime();
    commands.forEach(
        c ->
            producer.sendAsync(
                "ecs.image.commands", "cn-hangzhou/" + c.getImageName(), codec.encode(c)));
    producer.flush();
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> created.created() >= target);
    return commands.size() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Seconds from the first publish until the last command was stored, the last saga finished, the
   * last event left.
   */
  record Phases(double lastTakenIn, double lastSucceeded, double lastPublished) {}

  private static Phases phases(Instant started) throws SQLException {
    try (Connection c = RawRates.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select extract(epoch from (select max(received_at) from processed_command)),"
                        + " extract(epoch from (select max(updated_at) from saga where status = 'SUCCEEDED')),"
                        + " extract(epoch from (select max(published_at) from outbox))")) {
      rs.next();
      double t0 = started.toEpochMilli() / 1000.0;
      return new Phases(rs.getDouble(1) - t0, rs.getDouble(2) - t0, rs.getDouble(3) - t0);
    }
  }
}
