package com.ecsimagesaga.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example workflow for a CI host with Docker (docs/ci) stays a runnable description of the
 * switch: it parses, and its build step runs the README's test command on the containers stack with
 * the image properties the tests read.
 */
class ContainersWorkflowTest {

  private static final Path WORKFLOW = Path.of("docs", "ci", "tests-on-containers.yml");

  @Test
  void theWorkflowRunsMvnVerifyOnTheContainersStackWithTheImageProperties() throws Exception {
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    List<String> runs = new ArrayList<>();
    workflow
        .get("jobs")
        .forEach(
            job ->
                job.get("steps")
                    .forEach(
                        step -> {
                          if (step.has("run")) {
                            runs.add(step.get("run").asText());
                          }
                        }));

    assertThat(runs)
        .filteredOn(run -> run.startsWith("mvn "))
        .singleElement()
        .satisfies(
            run ->
                assertThat(run.split("\\s+"))
                    .contains(
                        "verify",
                        "-D" + TestStack.PROPERTY + "=containers",
                        "-D" + ContainerImages.KAFKA_PROPERTY + "=${{",
                        "-D" + ContainerImages.POSTGRES_PROPERTY + "=${{"));
  }
}
