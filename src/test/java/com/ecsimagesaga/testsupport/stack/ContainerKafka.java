package com.ecsimagesaga.testsupport.stack;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.testsupport.FreePorts;
import com.ecsimagesaga.testsupport.RestartableBroker;
import com.ecsimagesaga.testsupport.SagaTopics;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.ConfluentKafkaContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka (combined KRaft broker and controller) in a Docker container, started by
 * Testcontainers' Kafka module.
 *
 * <p>The container's port 9092 is bound to a fixed host port chosen when this object is made, and
 * {@link #close()} stops the container without removing it, so {@link #start()} brings back the
 * same broker, with its data, at the same address: what a client configured once needs to see an
 * outage and a recovery. Testcontainers advertises that address to clients; the starter script it
 * writes into the container stays there and runs again on every start. The container is removed
 * when the JVM exits (by a shutdown hook, and by Testcontainers' reaper if the JVM is killed).
 */
public final class ContainerKafka implements RestartableBroker {

  private static final int KAFKA_PORT = 9092;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Logger LOG = Logger.getLogger(ContainerKafka.class);

  private final String image;
  private final int hostPort;
  private final GenericContainer<?> container;
  // Volatile: the chaos scheduler stops and starts it while the main thread reads it.
  private volatile boolean created;
  private volatile boolean running;

  /**
   * @param image an {@code apache/kafka} or {@code apache/kafka-native} image, or a Confluent
   *     {@code cp-kafka} image; a name under another registry or repository is taken as a copy of
   *     the one its last path element names
   */
  public ContainerKafka(String image) {
    this.image = image;
    this.hostPort = FreePorts.next();
    this.container = kafkaContainer(image);
    container.setPortBindings(List.of(hostPort + ":" + KAFKA_PORT));
    container.withStartupTimeout(READY_TIMEOUT);
    Runtime.getRuntime().addShutdownHook(new Thread(this::remove, "kafka-container-remove"));
  }

  private static GenericContainer<?> kafkaContainer(String image) {
    DockerImageName name = DockerImageName.parse(image);
    if (name.getRepository().endsWith("cp-kafka")) {
      return new ConfluentKafkaContainer(name.asCompatibleSubstituteFor("confluentinc/cp-kafka"));
    }
    if (name.getRepository().endsWith("kafka-native")) {
      return new KafkaContainer(name.asCompatibleSubstituteFor("apache/kafka-native"));
    }
    return new KafkaContainer(name.asCompatibleSubstituteFor("apache/kafka"));
  }

  /**
   * @return {@code <docker host>:<fixed port>}, the same across restarts
   */
  @Override
  public String bootstrapServers() {
    return container.getHost() + ":" + hostPort;
  }

  /**
   * Creates and starts the container on first call (pulling the image if needed), starts the
   * stopped container on later calls; then waits until the broker lists its topics and creates the
   * saga topics that are missing. No-op while running.
   */
  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    long startedAt = System.nanoTime();
    if (!created) {
      container.start();
      created = true;
    } else {
      DockerContainers.start(container.getContainerId());
    }
    String bootstrap = bootstrapServers();
    await("Kafka container " + image + " answers at " + bootstrap)
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              SagaTopics.createOn(bootstrap);
              return true;
            });
    running = true;
    LOG.infof(
        "Kafka container %s (%s) ready at %s after %d ms",
        shortId(), image, bootstrap, (System.nanoTime() - startedAt) / 1_000_000);
  }

  /** Stops the container (the broker shuts down cleanly), keeping it for {@link #start()}. */
  @Override
  public synchronized void close() {
    if (running) {
      DockerContainers.stop(container.getContainerId());
      running = false;
    }
  }

  /**
   * @return the container's id, for {@link DockerContainers}
   */
  public String containerId() {
    return container.getContainerId();
  }

  private void remove() {
    if (!created) {
      return;
    }
    try {
      DockerContainers.remove(container.getContainerId());
    } catch (RuntimeException e) {
      // The reaper removes it anyway when this JVM's connection to it closes.
      LOG.debugf("Kafka container %s not removed at exit: %s", shortId(), e.getMessage());
    }
  }

  private String shortId() {
    String id = container.getContainerId();
    return id == null ? "(not created)" : id.substring(0, Math.min(12, id.length()));
  }
}
