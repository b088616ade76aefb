package com.ecsimagesaga.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a user without Docker sees with {@code -Dtest.stack=containers}, asked of Testcontainers'
 * own Docker lookup rather than a fake: one message naming the switch, from the first resource that
 * asks, and the same message at once from every later one. On a machine where Docker answers there
 * is nothing to show, and the test is skipped.
 */
class ContainersWithoutDockerTest {

  @Test
  void testcontainersFindsNoDockerHereSoContainersIsRefusedWithOneMessage() throws Exception {
    assumeThat(new TestcontainersDockerProbe().answers())
        .as("a Docker daemon answers on this machine: the refusal cannot be shown")
        .isFalse();

    long startedAt = System.nanoTime();
    Process check =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dtest.stack=containers",
                    "-cp",
                    System.getProperty("java.class.path"),
                    TestStackCheck.class.getName()))
            .redirectErrorStream(true)
            .start();
    String output = readAll(check);
    assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

    assertThat(check.exitValue()).as(output).isEqualTo(2);
    List<String> refusals =
        output.lines().filter(line -> line.startsWith("refused: ")).distinct().toList();
    assertThat(refusals).as("the broker and the database refused with the same message").hasSize(1);
    assertThat(refusals.get(0))
        .startsWith("refused: test.stack=containers (system property test.stack)")
        .contains("no Docker daemon answered")
        .contains("TEST_STACK");
    assertThat(output.lines().filter(line -> line.startsWith("refused: ")).count()).isEqualTo(2);
    assertThat(output).doesNotContain("broker: ").doesNotContain("database: ");
    System.out.printf(
        "containers without Docker refused after %d ms:%n%s%n", took.toMillis(), output);
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
