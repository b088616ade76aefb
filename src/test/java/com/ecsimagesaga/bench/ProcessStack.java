package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.RestartableBroker;
import com.ecsimagesaga.testsupport.RestartableDatabase;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import com.ecsimagesaga.testsupport.stack.StackParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real stack of the process benchmarks (scale, latency, recovery): PostgreSQL, a Kafka broker
 * in its own JVM, the ECS simulator in this JVM at real speed, and the packaged service as a child
 * JVM with its production settings (poll 2 s for a minute then 15 s, tick 200 ms, lease 60 s, rate
 * budget 20 calls/s per region and action), so the heap, memory and CPU figures are the service's
 * own. Everything lives under {@code target/bench/<name>-<time>/}, the service's log included. With
 * {@code -Dtest.stack=containers} PostgreSQL and Kafka are Docker containers instead ({@link
 * StackParts}).
 */
final class ProcessStack implements AutoCloseable {

  /** Regions commands are spread over, round robin, in this order. */
  static final List<String> REGIONS =
      List.of(
          "cn-hangzhou",
          "cn-shanghai",
          "cn-beijing",
          "cn-shenzhen",
          "cn-qingdao",
          "cn-zhangjiakou",
          "cn-huhehaote",
          "cn-wulanchabu",
          "cn-chengdu",
          "cn-hongkong",
          "ap-southeast-1",
          "ap-southeast-5",
          "ap-northeast-1",
          "eu-central-1",
          "us-west-1",
          "us-east-1");

  private final Path home;
  private final RestartableDatabase postgres;
  private final RestartableBroker broker;
  private final EcsSimulator simulator;
  private final CommandProducer producer;
  private final AvroCodec codec = new AvroCodec();
  private final List<ServiceProcess> services = new java.util.ArrayList<>();

  private ProcessStack(Path home, SimulatorConfig simulatorConfig)
      throws IOException, InterruptedException {
    this.home = home;
    postgres = StackParts.database(home.resolve("postgres"));
    postgres.start();
    broker = StackParts.broker(home.resolve("kafka"));
    broker.start();
    simulator = EcsSimulator.start(simulatorConfig);
    producer = new CommandProducer(broker.bootstrapServers());
  }

  /**
   * Starts PostgreSQL, the broker and the simulator in a fresh {@code target/bench/<name>-<time>}.
   */
  static ProcessStack start(String name, SimulatorConfig simulatorConfig) {
    try {
      Path home =
          Files.createDirectories(
              Path.of("target", "bench", name + "-" + System.currentTimeMillis()).toAbsolutePath());
      return new ProcessStack(home, simulatorConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The service process with production settings except the addresses of this stack (and the
   * simulator's HTTP protocol and keys), changed by {@code overrides}; not started yet. The system
   * property {@code bench.log-level} (for example WARN) sets the level of the service's own
   * loggers, which otherwise log every saga transition at INFO; {@code bench.rate-limit} the
   * service's own ECS budget in calls per second per region and action (production: 20; 0 switches
   * it off).
   */
  ServiceProcess service(String name, List<String> jvmOptions, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
    p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
    p.put("quarkus.datasource.username", "postgres");
    p.put("quarkus.datasource.password", "postgres");
    p.put("kafka.bootstrap.servers", broker.bootstrapServers());
    p.put("saga.ecs.endpoint", simulator.endpoint());
    p.put("saga.ecs.protocol", "HTTP");
    p.put("saga.ecs.access-key-id", simulator.config().accessKeyId());
    p.put("saga.ecs.access-key-secret", simulator.config().accessKeySecret());
    String logLevel = BenchSettings.text("bench.log-level", "");
    if (!logLevel.isEmpty()) {
      p.put("quarkus.log.category.\"com.ecsimagesaga\".level", logLevel);
    }
    String rateLimit = BenchSettings.text("bench.rate-limit", "");
    if (!rateLimit.isEmpty()) {
      p.put("saga.ecs.rate-limit.per-second", rateLimit);
    }
    p.putAll(overrides);
    ServiceProcess service = new ServiceProcess(name, p, home, jvmOptions);
    services.add(service);
    return service;
  }

  /**
   * N valid CreateImage commands spread round robin over the first {@code regions} regions, each
   * from its own instance, which is seeded Running in the simulator; the instance id ties a saga's
   * ECS calls to its command.
   */
  List<CreateImage> commands(int n, int regions, String prefix) {
    List<CreateImage> commands = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String region = REGIONS.get(i % regions);
      String instanceId = String.format("i-%s%08d", prefix, i);
      simulator.world().seedInstance(region, instanceId, InstanceStatus.Running);
      commands.add(
          CreateImage.newBuilder()
              .setCommandId(UUID.randomUUID().toString())
              .setIssuedAt(Instant.now())
              .setRegionId(region)
              .setInstanceId(instanceId)
              .setImageName(prefix + "-" + i)
              .build());
    }
    return commands;
  }

  /** Sends a command without waiting for the acknowledgement, keyed as every producer keys it. */
  void publishAsync(CreateImage c) {
    producer.sendAsync(
        SagaTopics.COMMANDS, c.getRegionId() + "/" + c.getImageName(), codec.encode(c));
  }

  /** Waits for the acknowledgement of everything sent so far. */
  void flush() {
    producer.flush();
  }

  /** A new connection to the stack's database. */
  Connection connect() throws SQLException {
    return postgres.connect();
  }

  /** A single number from the saga table, such as a count. */
  long queryLong(String sql) {
    try (Connection c = postgres.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  /** The first column of every row, as text (such as the ids of some sagas). */
  List<String> queryStrings(String sql) {
    try (Connection c = postgres.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<String> values = new java.util.ArrayList<>();
      while (r.next()) {
        values.add(r.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  /** A single timestamp from the saga table, or {@code null}. */
  Instant queryInstant(String sql) {
    try (Connection c = postgres.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      java.sql.Timestamp t = r.getTimestamp(1);
      return t == null ? null : t.toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  /**
   * Sagas waiting for their image to be usable, with an image id: the "in flight" state of a create
   * saga.
   */
  long sagasAwaitingImages() {
    return queryLong(
        "select count(*) from saga where status = 'WAITING' and step = 'AWAIT_IMAGE_USABLE' and image_id is not null");
  }

  /**
   * Waits (polling once a second) until {@code n} sagas wait for their images, at most {@code
   * atMost}.
   */
  void awaitSagasAwaitingImages(long n, Duration atMost) {
    await(n + " sagas waiting for their images")
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> sagasAwaitingImages() >= n);
  }

  /** Lets {@code duration} pass (bench pacing: a window, a grid instant), without busy waiting. */
  static void pause(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }

  Path home() {
    return home;
  }

  EcsSimulator simulator() {
    return simulator;
  }

  RestartableBroker broker() {
    return broker;
  }

  AvroCodec codec() {
    return codec;
  }

  /**
   * Kills the services (SIGKILL, its state is in the database anyway), stops the broker, database
   * and simulator.
   */
  @Override
  public void close() {
    services.forEach(ServiceProcess::kill);
    producer.close();
    broker.close();
    postgres.close();
    simulator.close();
  }
}
