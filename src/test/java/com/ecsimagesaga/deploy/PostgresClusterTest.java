package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.ecsimagesaga.deploy.Kustomize.Build;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CloudNativePG cluster and what the Deployment expects of it. */
class PostgresClusterTest {

  private static final Set<String> SPEC_FIELDS =
      Set.of(
          "instances",
          "primaryUpdateStrategy",
          "bootstrap",
          "postgresql",
          "storage",
          "resources",
          "monitoring",
          "backup");

  @Test
  void theClusterDeclaresItsDatabaseOwnerStorageAndInstances() {
    for (var overlay : List.of(KubernetesManifestsTest.PRODUCTION, KubernetesManifestsTest.DEV)) {
      Build build = Kustomize.build(overlay);
      JsonNode cluster = cluster(build).node();
      assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
      JsonNode spec = cluster.path("spec");
      spec.fieldNames().forEachRemaining(f -> assertThat(SPEC_FIELDS).as("spec field").contains(f));
      assertThat(spec.path("bootstrap").path("initdb").path("database").asText()).isNotEmpty();
      assertThat(spec.path("bootstrap").path("initdb").path("owner").asText()).isNotEmpty();
      assertThat(spec.path("storage").path("size").asText()).matches("[0-9]+Gi");
      assertThat(spec.path("instances").asInt())
          .isEqualTo(overlay == KubernetesManifestsTest.DEV ? 1 : 3);
    }
  }

  @Test
  void theDeploymentReadsTheClustersAppSecretAndConnectsToItsPrimary() {
    Build production = Kustomize.build(KubernetesManifestsTest.PRODUCTION);
    Doc cluster = cluster(production);
    String name = cluster.name();
    String database =
        cluster.node().path("spec").path("bootstrap").path("initdb").path("database").asText();
    var env =
        KubernetesManifestsTest.env(
            KubernetesManifestsTest.container(
                TypedModel.read(production.deployment(), Deployment.class)));
    assertThat(env.get("SAGA_DB_USER").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(name + "-app");
    assertThat(env.get("SAGA_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(name + "-app");
    JsonNode data = EnvironmentVariablesTest.configMap("ecs-image-saga-env").path("data");
    assertThat(data.path("SAGA_DB_JDBC_URL").asText())
        .startsWith("jdbc:postgresql://" + name + "-rw:5432/" + database + "?sslmode=verify-full&")
        .endsWith(
            "sslrootcert="
                + data.path("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS").asText());
    assertThat(data.path("SAGA_DB_REACTIVE_URL").asText())
        .isEqualTo("postgresql://" + name + "-rw:5432/" + database);
    assertThat(data.path("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE").asText())
        .isEqualTo("verify-full");
    Deployment deployment = TypedModel.read(production.deployment(), Deployment.class);
    var ca =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(
                v -> v.getSecret() != null && v.getSecret().getSecretName().equals(name + "-ca"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the cluster's CA secret is not mounted"));
    assertThat(ca.getSecret().getItems()).extracting(i -> i.getKey()).containsExactly("ca.crt");
    var mount =
        KubernetesManifestsTest.container(deployment).getVolumeMounts().stream()
            .filter(m -> m.getName().equals(ca.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(data.path("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS").asText())
        .isEqualTo(mount.getMountPath() + "/ca.crt");
  }

  @Test
  void threeReplicasFitInTheConnectionLimit() {
    Build production = Kustomize.build(KubernetesManifestsTest.PRODUCTION);
    int poolPerReplica =
        Integer.parseInt(
            ConfigurationNames.load()
                .applicationPropertiesFile()
                .getProperty("quarkus.datasource.reactive.max-size"));
    int maxConnections =
        Integer.parseInt(
            cluster(production)
                .node()
                .path("spec")
                .path("postgresql")
                .path("parameters")
                .path("max_connections")
                .asText());
    int replicas =
        TypedModel.read(production.deployment(), Deployment.class).getSpec().getReplicas();
    // Twice the replicas: a rolling update runs old and new pods side by side (maxSurge 1), and a
    // few connections stay for the migration at start, CloudNativePG and an operator.
    assertThat(maxConnections).isGreaterThan(2 * replicas * poolPerReplica + 20);
  }

  @Test
  void productionBacksUpDailyToAnObjectStoreWithCredentialsFromASecret() {
    Build production = Kustomize.build(KubernetesManifestsTest.PRODUCTION);
    Doc cluster = cluster(production);
    JsonNode store = cluster.node().path("spec").path("backup").path("barmanObjectStore");
    assertThat(store.path("destinationPath").asText()).startsWith("s3://");
    assertThat(store.path("s3Credentials").path("accessKeyId").path("name").asText()).isNotEmpty();
    Doc schedule = production.ofKind("ScheduledBackup").get(0);
    assertThat(schedule.node().path("spec").path("cluster").path("name").asText())
        .isEqualTo(cluster.name());
    assertThat(schedule.node().path("spec").path("schedule").asText().split(" ")).hasSize(6);
  }

  private static Doc cluster(Build build) {
    return build.ofKind("Cluster").get(0);
  }
}
