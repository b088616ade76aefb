package com.ecsimagesaga.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics the saga service reads and writes, and a way to create them on any broker.
 *
 * <p>Both the in-JVM test broker and the local-run broker call {@link #createOn(String)}, so tests
 * and local runs see the same partition layout as the service's configuration expects.
 */
public final class SagaTopics {

  /** Commands to the saga service ({@code CreateImage}, {@code DeleteImage}). */
  public static final String COMMANDS = "ecs.image.commands";

  /** Events published by the saga service ({@code ImageCreated}, ...). */
  public static final String EVENTS = "ecs.image.events";

  /** Dead-letter topic for commands the service cannot decode. */
  public static final String COMMANDS_DLQ = "ecs.image.commands.dlq";

  /** Partition count of every topic, by name. */
  public static final Map<String, Integer> PARTITIONS =
      Map.of(COMMANDS, 3, EVENTS, 3, COMMANDS_DLQ, 1);

  private static final long TIMEOUT_SECONDS = 30;

  private SagaTopics() {}

  /**
   * Creates every saga topic on the broker at {@code bootstrapServers}, with replication factor 1.
   * Topics that already exist are left as they are, because an external or persistent local broker
   * keeps them from an earlier run.
   *
   * @param bootstrapServers the broker's bootstrap address, {@code host:port[,host:port]}
   * @throws IllegalStateException if the broker does not create the topics within 30 seconds
   */
  public static void createOn(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing =
          PARTITIONS.entrySet().stream()
              .filter(topic -> !existing.contains(topic.getKey()))
              .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
              .toList();
      admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Another process may create the same topic between our listing and our request.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create saga topics on " + bootstrapServers, e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Broker " + bootstrapServers + " did not create the saga topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating saga topics", e);
    }
  }
}
