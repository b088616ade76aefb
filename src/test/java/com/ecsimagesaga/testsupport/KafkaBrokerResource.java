package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.testsupport.stack.ContainerImages;
import com.ecsimagesaga.testsupport.stack.ContainerKafka;
import com.ecsimagesaga.testsupport.stack.CurrentTestStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A real Kafka broker for tests: one combined KRaft controller and broker running inside the test
 * JVM, or, when the test stack is {@code containers} ({@code -Dtest.stack=containers}, see {@link
 * CurrentTestStack}), in a Docker container started by Testcontainers ({@link ContainerKafka}).
 *
 * <p>The broker starts on first use and then serves every test class and every Quarkus test profile
 * of the JVM; it is closed by a JVM shutdown hook. When the environment variable {@value
 * #EXTERNAL_BOOTSTRAP_ENV} is set, that broker is used instead and nothing is started, whatever the
 * test stack. Either way the saga topics ({@link SagaTopics}) exist before the first test runs.
 *
 * <p>Use it with {@code @QuarkusTestResource(KafkaBrokerResource.class)}, or call {@link
 * #bootstrapServers()} from plain tests.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

  /** Environment variable naming an external broker's bootstrap servers, e.g. {@code host:9092}. */
  public static final String EXTERNAL_BOOTSTRAP_ENV = "ECS_SAGA_TEST_KAFKA_BOOTSTRAP";

  /**
   * Records the running broker's address for the whole JVM. Quarkus may load this class in a fresh
   * class loader for each test profile, so a static field alone would start one broker per profile;
   * a system property is the one place every class loader shares.
   */
  private static final String RUNNING_BOOTSTRAP_PROPERTY = "ecs-saga.testsupport.kafka-bootstrap";

  private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

  /**
   * Starts the broker if this JVM has none yet and points the application at it.
   *
   * @return {@code kafka.bootstrap.servers} set to the broker's address
   */
  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", bootstrapServers());
  }

  /**
   * Leaves the broker running: the next test profile reuses it, and the shutdown hook closes it
   * when the JVM exits.
   */
  @Override
  public void stop() {
    // Nothing to do; see the method's Javadoc.
  }

  /**
   * The bootstrap address of this JVM's test broker, starting it and creating the topics on first
   * call.
   *
   * @return {@code host:port} of the broker
   */
  public static String bootstrapServers() {
    // System properties are one object across class loaders, so they also serve as the JVM-wide
    // lock.
    synchronized (System.getProperties()) {
      String running = System.getProperty(RUNNING_BOOTSTRAP_PROPERTY);
      if (running != null) {
        return running;
      }
      String external = System.getenv(EXTERNAL_BOOTSTRAP_ENV);
      String bootstrap;
      if (external != null && !external.isBlank()) {
        LOG.infof("Kafka test broker: %s from %s", external, EXTERNAL_BOOTSTRAP_ENV);
        bootstrap = external;
      } else if (CurrentTestStack.containers()) {
        bootstrap = startContainer();
      } else {
        bootstrap = startInJvmBroker();
      }
      SagaTopics.createOn(bootstrap);
      System.setProperty(RUNNING_BOOTSTRAP_PROPERTY, bootstrap);
      return bootstrap;
    }
  }

  /** A Kafka container for the rest of the JVM's life; removed when the JVM exits. */
  private static String startContainer() {
    ContainerKafka kafka = new ContainerKafka(ContainerImages.fromSystemProperties().kafka());
    kafka.start();
    return kafka.bootstrapServers();
  }

  private static String startInJvmBroker() {
    long startedAt = System.nanoTime();
    BrokerLogging.quiet();
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              // Without a base directory the test kit registers its own shutdown hook that deletes
              // the data directory while our hook is still closing the broker; the broker then
              // logs storage errors. With our own directory, close() deletes it after shutdown.
              .setBaseDirectory(Files.createTempDirectory("ecs-saga-kafka-"))
              .setCombined(true)
              .setNumControllerNodes(1)
              .setNumBrokerNodes(1)
              .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      SingleNodeKafkaConfig.SETTINGS.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      closeQuietly(cluster);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Could not start the in-JVM Kafka broker", e);
    }
    KafkaClusterTestKit started = cluster;
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeQuietly(started), "kafka-test-broker-stop"));
    LOG.infof(
        "Kafka test broker ready at %s after %d ms",
        started.bootstrapServers(), (System.nanoTime() - startedAt) / 1_000_000);
    return started.bootstrapServers();
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      // Closing also deletes the broker's temporary data directories.
      cluster.close();
    } catch (Exception e) {
      LOG.warn("Kafka test broker did not close cleanly", e);
    }
  }
}
