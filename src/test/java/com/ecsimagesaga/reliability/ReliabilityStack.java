package com.ecsimagesaga.reliability;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a reliability run needs, each part on its own free ports and restartable: PostgreSQL
 * (data under {@code target/chaos/<run>/postgres}), a Kafka broker in its own JVM, the ECS
 * simulator in this JVM, and any number of packaged service processes pointed at them. With {@code
 * -Dtest.stack=containers} PostgreSQL and Kafka are Docker containers instead ({@link StackParts}),
 * stopped and started again the same way.
 */
public final class ReliabilityStack implements AutoCloseable {

  static final String REGION = "cn-hangzhou";
  static final String INSTANCE = "i-chaos0001";

  private final Path home;
  private final RestartableDatabase postgres;
  private final RestartableBroker broker;
  private final EcsSimulator simulator;
  private final CommandProducer producer;
  private final AvroCodec codec = new AvroCodec();
  private final List<ServiceProcess> services = new ArrayList<>();

  private ReliabilityStack(Path home, double speedFactor, int imageQuota)
      throws IOException, InterruptedException {
    this.home = home;
    postgres = StackParts.database(home.resolve("postgres"));
    postgres.start();
    broker = StackParts.broker(home.resolve("kafka"));
    broker.start();
    simulator =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .speedFactor(speedFactor)
                .imageQuotaPerRegion(imageQuota)
                .build());
    simulator.world().seedInstance(REGION, INSTANCE, InstanceStatus.Running);
    producer = new CommandProducer(broker.bootstrapServers());
  }

  /**
   * Starts PostgreSQL, the broker and the simulator for a run named {@code name}, in a fresh
   * directory {@code target/chaos/<name>-<time>}.
   */
  static ReliabilityStack start(String name, double speedFactor, int imageQuota) {
    try {
      Path home =
          Files.createDirectories(
              Path.of("target", "chaos", name + "-" + System.currentTimeMillis()).toAbsolutePath());
      return new ReliabilityStack(home, speedFactor, imageQuota);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Settings of every service process: the stack's addresses and a fast pace, so a saga takes
   * seconds, a dead instance's lease runs out in 5 s and its consumer-group membership in 6 s.
   */
  Map<String, String> serviceProperties() {
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
    p.put("saga.ecs.connect-timeout", "2s");
    p.put("saga.ecs.read-timeout", "2s");
    p.put("saga.tick", "100ms");
    p.put("saga.relay-interval", "100ms");
    p.put("saga.start-delay", "0s");
    p.put("saga.lease", "5s");
    p.put("saga.poll.fast-interval", "200ms");
    p.put("saga.poll.slow-interval", "500ms");
    for (String policy : List.of("throttled", "transient-errors", "state-wait")) {
      p.put("saga.retry." + policy + ".initial-delay", "200ms");
      p.put("saga.retry." + policy + ".max-delay", "2s");
    }
    p.put("mp.messaging.incoming.commands.session.timeout.ms", "6000");
    p.put("mp.messaging.incoming.commands.heartbeat.interval.ms", "1000");
    return p;
  }

  /** A service process with the stack's settings, changed by {@code overrides}; not started yet. */
  ServiceProcess service(String name, Map<String, String> overrides) {
    Map<String, String> properties = serviceProperties();
    properties.putAll(overrides);
    ServiceProcess service = new ServiceProcess(name, properties, home);
    services.add(service);
    return service;
  }

  /** A valid CreateImage from the seeded instance, with an image name unique to the command. */
  static CreateImage aCreateImage() {
    String commandId = UUID.randomUUID().toString();
    return CreateImage.newBuilder()
        .setCommandId(commandId)
        .setIssuedAt(Instant.now())
        .setRegionId(REGION)
        .setInstanceId(INSTANCE)
        .setImageName("chaos-" + commandId.substring(0, 8))
        .build();
  }

  /**
   * Publishes a command the way any producer does: Avro single-object encoding, keyed by region and
   * name.
   */
  void publish(CreateImage c) {
    producer.send(SagaTopics.COMMANDS, c.getRegionId() + "/" + c.getImageName(), codec.encode(c));
  }

  /** Publishes raw bytes (or a tombstone, for {@code null}) to the command topic. */
  void publishRaw(String key, byte[] value) {
    producer.send(SagaTopics.COMMANDS, key, value);
  }

  Path home() {
    return home;
  }

  RestartableDatabase postgres() {
    return postgres;
  }

  RestartableBroker broker() {
    return broker;
  }

  EcsSimulator simulator() {
    return simulator;
  }

  AvroCodec codec() {
    return codec;
  }

  /**
   * Kills every service (SIGKILL, it is a test), then stops the broker, the database and the
   * simulator.
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
