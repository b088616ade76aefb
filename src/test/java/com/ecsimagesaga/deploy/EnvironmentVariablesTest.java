package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.deploy.DeployFiles.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable and configuration key the manifests and the compose file give the
 * service sets something the service reads: a misspelt name would be ignored without a word and the
 * service would run on its default.
 */
class EnvironmentVariablesTest {

  /** Read by the Alibaba Cloud SDK's credential chain, not by the service's configuration. */
  static final Set<String> SDK_CREDENTIAL_CHAIN =
      Set.of(
          "ALIBABA_CLOUD_ACCESS_KEY_ID",
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
          "ALIBABA_CLOUD_ROLE_ARN",
          "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
          "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
          "ALIBABA_CLOUD_ROLE_SESSION_NAME",
          "ALIBABA_CLOUD_ECS_METADATA_DISABLED");

  /** Read by run-java.sh, the entrypoint of the base image (src/main/docker/Dockerfile.jvm). */
  static final Set<String> BASE_IMAGE = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_OPTS_APPEND");

  private static ConfigurationNames names;

  @BeforeAll
  static void loadNames() {
    names = ConfigurationNames.load();
  }

  @Test
  void theNameCheckKnowsPropertiesAndRejectsMisspellings() {
    assertThat(names.isEnvironmentVariable("SAGA_ECS_RATE_LIMIT_PER_SECOND")).isTrue();
    assertThat(names.isEnvironmentVariable("SAGA_LEASE_TAKEOVER_AFTER")).isTrue();
    assertThat(names.isEnvironmentVariable("KAFKA_SASL_JAAS_CONFIG")).isTrue();
    assertThat(names.isEnvironmentVariable("QUARKUS_CONFIG_LOCATIONS")).isTrue();
    assertThat(names.isEnvironmentVariable("SAGA_DB_PASSWORD")).isTrue();
    assertThat(names.isEnvironmentVariable("SAGA_ECS_ENDPOIN")).isFalse();
    assertThat(names.isEnvironmentVariable("KAFKA_SASL_MECHANISMS")).isFalse();
    assertThat(names.isEnvironmentVariable("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"))
        .isTrue();
    assertThat(names.isEnvironmentVariable("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MOD"))
        .isFalse();
    assertThat(names.isEnvironmentVariable("QUARKUS_CONFIG_LOCATION")).isFalse();
    assertThat(names.isProperty("saga.ecs.rate-limit.actions.CreateImage")).isTrue();
    assertThat(names.isProperty("saga.ecs.rate-limit.per-secnd")).isFalse();
  }

  @Test
  void everyVariableTheDeploymentsSetIsReadByTheServiceTheSdkOrTheImage() {
    List<String> unknown = new ArrayList<>();
    for (Doc doc : DeployFiles.documents(DeployFiles.KUBERNETES)) {
      if (!doc.kind().equals("Deployment")) {
        continue;
      }
      for (JsonNode c : doc.node().path("spec").path("template").path("spec").path("containers")) {
        for (JsonNode env : c.path("env")) {
          check(env.path("name").asText(), doc.toString(), unknown);
        }
        for (JsonNode from : c.path("envFrom")) {
          configMap(from.path("configMapRef").path("name").asText())
              .path("data")
              .fieldNames()
              .forEachRemaining(key -> check(key, "ConfigMap via " + doc, unknown));
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void everyKeyOfTheMountedPropertiesIsAProperty() {
    Properties p =
        properties(
            configMap("ecs-image-saga-config")
                .path("data")
                .path("application.properties")
                .asText());
    assertThat(p).isNotEmpty();
    assertThat(new TreeSet<>(p.stringPropertyNames())).allMatch(names::isProperty);
  }

  @Test
  void composeGivesTheServiceOnlyVariablesItReadsAndTheSimulatorOnlyItsSettings() {
    JsonNode compose = DeployFiles.read(DeployFiles.COMPOSE).get(0).node();
    List<String> unknown = new ArrayList<>();
    compose
        .path("services")
        .path("ecs-image-saga")
        .path("environment")
        .fieldNames()
        .forEachRemaining(name -> check(name, "compose ecs-image-saga", unknown));
    assertThat(unknown).isEmpty();
    Properties users = properties(compose.path("configs").path("users").path("content").asText());
    assertThat(new TreeSet<>(users.stringPropertyNames())).isNotEmpty().allMatch(names::isProperty);
    String simulator = classText("com/ecsimagesaga/simulator/EcsSimulatorMain.class");
    compose
        .path("services")
        .path("ecs-simulator")
        .path("environment")
        .fieldNames()
        .forEachRemaining(
            env ->
                assertThat(simulatorSettings(simulator))
                    .as("simulator setting for " + env)
                    .contains(env));
  }

  @Test
  void theCredentialVariablesAreTheOnesTheSdkReads() {
    String sdk =
        classText("com/aliyuncs/utils/AuthUtils.class")
            + classText("com/aliyuncs/auth/OIDCCredentialsProvider.class");
    assertThat(SDK_CREDENTIAL_CHAIN).allSatisfy(name -> assertThat(sdk).contains(name));
  }

  private static void check(String name, String where, List<String> unknown) {
    if (!names.isEnvironmentVariable(name)
        && !SDK_CREDENTIAL_CHAIN.contains(name)
        && !BASE_IMAGE.contains(name)) {
      unknown.add(name + " (" + where + ")");
    }
  }

  static JsonNode configMap(String name) {
    return DeployFiles.ofKind("ConfigMap").stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name))
        .node();
  }

  private static Properties properties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * The variable names of the simulator's settings (ecs.simulator.api-port:
   * ECS_SIMULATOR_API_PORT).
   */
  private static Set<String> simulatorSettings(String classText) {
    Set<String> settings = new TreeSet<>();
    var m = java.util.regex.Pattern.compile("ecs\\.simulator\\.[a-z-]+").matcher(classText);
    while (m.find()) {
      settings.add(ConfigurationNames.envName(m.group()));
    }
    return settings;
  }

  /** A class file's bytes as text, for the string constants in it. */
  static String classText(String resource) {
    try (InputStream in =
        EnvironmentVariablesTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
