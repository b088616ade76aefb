package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.ecsimagesaga.deploy.StrimziModel.Acl;
import com.ecsimagesaga.deploy.StrimziModel.KafkaTopic;
import com.ecsimagesaga.deploy.StrimziModel.KafkaUser;
import com.ecsimagesaga.deploy.StrimziModel.Operation;
import com.ecsimagesaga.deploy.StrimziModel.PatternType;
import com.ecsimagesaga.deploy.StrimziModel.ResourceType;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Strimzi topics and user: exactly what the service's channels read and write. */
class KafkaResourcesTest {

  private final Properties service = ConfigurationNames.load().applicationPropertiesFile();

  @Test
  void everyTopicOfTheServiceHasAKafkaTopicAndEveryKafkaTopicIsAServiceTopic() {
    Set<String> declared = new TreeSet<>();
    topics().forEach(t -> declared.add(t.spec().topicName()));
    assertThat(declared).isEqualTo(serviceTopics());
  }

  @Test
  void topicsKeepEveryAcknowledgedRecordOnTwoBrokersAndNeverCompact() {
    for (KafkaTopic t : topics()) {
      assertThat(t.apiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
      assertThat(t.metadata().labels()).containsEntry("strimzi.io/cluster", "platform-kafka");
      assertThat(t.spec().replicas()).as(t.spec().topicName()).isEqualTo(3);
      assertThat(t.spec().config())
          .as(t.spec().topicName())
          .containsEntry("min.insync.replicas", "2")
          .containsEntry("cleanup.policy", "delete")
          .containsKey("retention.ms");
      assertThat(t.spec().partitions()).isPositive();
    }
    assertThat(service.getProperty("mp.messaging.outgoing.events.acks")).isEqualTo("all");
    assertThat(service.getProperty("mp.messaging.outgoing.command-gateway.acks")).isEqualTo("all");
  }

  @Test
  void theCommandTopicHasAPartitionForEveryConsumerOfThreeReplicas() {
    int consumers =
        Integer.parseInt(service.getProperty("mp.messaging.incoming.commands.concurrency")) * 3;
    KafkaTopic commands =
        topics().stream()
            .filter(t -> t.spec().topicName().equals(topic("incoming", "commands")))
            .findFirst()
            .orElseThrow();
    assertThat(commands.spec().partitions()).isGreaterThanOrEqualTo(consumers);
  }

  @Test
  void theUserMayDoExactlyWhatTheChannelsDo() {
    Map<String, Set<Operation>> expected = new TreeMap<>();
    for (String channel : channels("incoming")) {
      grant(expected, "topic:" + topic("incoming", channel), Operation.Read, Operation.Describe);
      String group = service.getProperty("mp.messaging.incoming." + channel + ".group.id");
      int expression = group.indexOf("${");
      grant(
          expected,
          expression < 0 ? "group:" + group : "group:" + group.substring(0, expression) + "*",
          Operation.Read);
      String dlq =
          service.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic");
      if (dlq != null) {
        grant(expected, "topic:" + dlq, Operation.Write, Operation.Describe);
      }
    }
    for (String channel : channels("outgoing")) {
      grant(expected, "topic:" + topic("outgoing", channel), Operation.Write, Operation.Describe);
    }
    assertThat(service.stringPropertyNames()).noneMatch(k -> k.endsWith("transactional.id"));

    KafkaUser user = user();
    assertThat(user.spec().authentication().type()).isEqualTo("scram-sha-512");
    assertThat(user.spec().authorization().type()).isEqualTo("simple");
    Map<String, Set<Operation>> granted = new TreeMap<>();
    for (Acl acl : user.spec().authorization().acls()) {
      assertThat(acl.resource().type()).isIn(ResourceType.topic, ResourceType.group);
      String name =
          acl.resource().type()
              + ":"
              + acl.resource().name()
              + (acl.resource().patternType() == PatternType.prefix ? "*" : "");
      grant(granted, name, acl.operations().toArray(Operation[]::new));
    }
    assertThat(granted).isEqualTo(expected);
  }

  @Test
  void theDeploymentUsesTheUsersSecretAndMechanismAndTheClustersCa() {
    KafkaUser user = user();
    Deployment deployment =
        TypedModel.read(
            Kustomize.build(KubernetesManifestsTest.PRODUCTION).deployment(), Deployment.class);
    var env = KubernetesManifestsTest.env(KubernetesManifestsTest.container(deployment));
    assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(user.metadata().name());
    var data = EnvironmentVariablesTest.configMap("ecs-image-saga-env").path("data");
    assertThat(data.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
    String cluster = user.metadata().labels().get("strimzi.io/cluster");
    assertThat(data.path("KAFKA_BOOTSTRAP_SERVERS").asText())
        .startsWith(cluster + "-kafka-bootstrap.");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getSecret()).isNotNull();
              assertThat(v.getSecret().getSecretName()).isEqualTo(cluster + "-cluster-ca-cert");
            });
  }

  @Test
  void composeCreatesTheSameTopicsWithTheSamePartitions() {
    String script =
        DeployFiles.read(DeployFiles.COMPOSE)
            .get(0)
            .node()
            .path("services")
            .path("kafka-topics")
            .path("command")
            .get(0)
            .asText();
    Set<String> created = new TreeSet<>();
    var m = java.util.regex.Pattern.compile("(ecs\\.[a-z.]+):([0-9]+)").matcher(script);
    while (m.find()) {
      created.add(m.group(1) + ":" + m.group(2));
    }
    Set<String> declared = new TreeSet<>();
    topics().forEach(t -> declared.add(t.spec().topicName() + ":" + t.spec().partitions()));
    assertThat(created).isEqualTo(declared);
  }

  private static void grant(Map<String, Set<Operation>> acls, String resource, Operation... ops) {
    acls.computeIfAbsent(resource, r -> EnumSet.noneOf(Operation.class)).addAll(Set.of(ops));
  }

  private Set<String> serviceTopics() {
    Set<String> topics = new TreeSet<>();
    for (String key : service.stringPropertyNames()) {
      if (key.startsWith("mp.messaging.")
          && (key.endsWith(".topic") || key.endsWith(".dead-letter-queue.topic"))) {
        topics.add(service.getProperty(key));
      }
    }
    return topics;
  }

  private Set<String> channels(String direction) {
    Set<String> channels = new TreeSet<>();
    String prefix = "mp.messaging." + direction + ".";
    for (String key : service.stringPropertyNames()) {
      if (key.startsWith(prefix) && key.endsWith(".connector")) {
        channels.add(key.substring(prefix.length(), key.length() - ".connector".length()));
      }
    }
    return channels;
  }

  private String topic(String direction, String channel) {
    return service.getProperty("mp.messaging." + direction + "." + channel + ".topic", channel);
  }

  static java.util.List<KafkaTopic> topics() {
    return DeployFiles.ofKind("KafkaTopic").stream().map(d -> strict(d, KafkaTopic.class)).toList();
  }

  static KafkaUser user() {
    return strict(DeployFiles.ofKind("KafkaUser").get(0), KafkaUser.class);
  }

  static <T> T strict(Doc doc, Class<T> type) {
    try {
      return DeployFiles.YAML.treeToValue(doc.node(), type);
    } catch (Exception e) {
      throw new AssertionError(doc + " does not read as " + type.getSimpleName() + ": " + e, e);
    }
  }
}
