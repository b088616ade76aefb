package com.ecsimagesaga.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The containers stack runs the images the project deploys unless told otherwise. */
class ContainerImagesTest {

  private static final Path COMPOSE = Path.of("deploy", "compose", "compose.yaml");

  @Test
  void theDefaultsAreTheImagesTheComposeFileRuns() throws Exception {
    JsonNode services =
        new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).get("services");

    ContainerImages images = ContainerImages.from(name -> null);

    assertThat(images.kafka()).isEqualTo(services.get("kafka").get("image").asText());
    assertThat(images.postgres()).isEqualTo(services.get("postgres").get("image").asText());
  }

  @Test
  void systemPropertiesNameOtherImages() {
    Map<String, String> properties =
        Map.of(
            "test.stack.kafka-image", "confluentinc/cp-kafka:7.9.0",
            "test.stack.postgres-image", " postgres:17 ");

    ContainerImages images = ContainerImages.from(properties::get);

    assertThat(images).isEqualTo(new ContainerImages("confluentinc/cp-kafka:7.9.0", "postgres:17"));
  }

  @Test
  void aBlankPropertyTakesTheDefault() {
    // Maven passes an unset pom property as an empty system property.
    ContainerImages images = ContainerImages.from(name -> "");

    assertThat(images)
        .isEqualTo(
            new ContainerImages(ContainerImages.DEFAULT_KAFKA, ContainerImages.DEFAULT_POSTGRES));
  }

  @Test
  void thePostgresContainerRunsWithTheEmbeddedServersSettings() {
    assertThat(Arrays.asList(ContainerPostgres.command(false)))
        .containsExactly(
            "postgres",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "max_connections=300",
            "-c",
            "timezone=UTC");
    assertThat(Arrays.asList(ContainerPostgres.command(true)))
        .containsExactly(
            "postgres",
            "-c",
            "fsync=on",
            "-c",
            "full_page_writes=on",
            "-c",
            "synchronous_commit=on",
            "-c",
            "max_connections=300",
            "-c",
            "timezone=UTC");
  }
}
