package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Takes the tour of docs/tour.md: runs each of its shell blocks with bash, in order, against this
 * test's service and simulator instead of the local run's, and checks each output has the shape the
 * page shows (JSON: every field shown is there, with the value shown unless it is "…"; text: line
 * by line, "…" standing for anything). A block marked "repeat until the output matches" is run
 * again until it does.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class TourTest {

  static final Path TOUR = Path.of("docs", "tour.md");
  static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*([a-z][a-z0-9_]*)=");
  static final ObjectMapper JSON = new ObjectMapper();

  /** A shell block, what it must print, and how it is taken. */
  record Step(String script, String expectedKind, String expected, boolean setup, boolean repeat) {}

  @Test
  void theToursCommandsGiveTheOutputItShows() throws Exception {
    List<Step> steps = steps(Files.readString(TOUR));
    assertThat(steps).filteredOn(Step::repeat).hasSizeGreaterThanOrEqualTo(4);
    Path env = Files.createTempFile("tour", ".env");
    String eis = ConfigProvider.getConfig().getValue("test.url", String.class).replaceAll("/$", "");
    Files.writeString(
        env,
        "eis='"
            + eis
            + "'\nsim='http://127.0.0.1:"
            + EcsSimulatorResource.simulator().controlPort()
            + "'\nauth='"
            + AdminApi.OPERATOR
            + ":"
            + AdminApi.OPERATOR_PASSWORD
            + "'\n");
    Set<String> variables = new LinkedHashSet<>(List.of("eis", "sim", "auth"));
    for (Step step : steps) {
      Matcher m = ASSIGNMENT.matcher(step.script());
      while (m.find()) {
        variables.add(m.group(1));
      }
    }
    for (Step step : steps) {
      if (step.setup()) {
        continue; // The local run's addresses: this test sets its own.
      }
      if (step.repeat()) {
        await(step.script())
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> check(step, run(step.script(), env, variables)));
      } else {
        check(step, run(step.script(), env, variables));
      }
    }
  }

  static List<Step> steps(String page) {
    List<Step> steps = new ArrayList<>();
    String[] lines = page.split("\n", -1);
    boolean setup = false;
    boolean repeat = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("<!-- tour: setup")) {
        setup = true;
      } else if (line.startsWith("<!-- tour: repeat")) {
        repeat = true;
      } else if (line.equals("```sh")) {
        StringBuilder script = new StringBuilder();
        for (i++; !lines[i].equals("```"); i++) {
          script.append(lines[i]).append('\n');
        }
        String kind = null;
        StringBuilder expected = new StringBuilder();
        if (i + 1 < lines.length
            && (lines[i + 1].equals("```json") || lines[i + 1].equals("```text"))) {
          kind = lines[i + 1].substring(3);
          for (i += 2; !lines[i].equals("```"); i++) {
            expected.append(lines[i]).append('\n');
          }
        }
        steps.add(new Step(script.toString(), kind, expected.toString(), setup, repeat));
        setup = false;
        repeat = false;
      }
    }
    return steps;
  }

  static String run(String script, Path env, Set<String> variables) throws Exception {
    String save = "declare -p " + String.join(" ", variables) + " 2>/dev/null > '" + env + "'";
    String wrapped = "set -a; . '" + env + "'; set +a\n" + script + "\n" + save + "\n";
    Process bash = new ProcessBuilder("bash", "-c", wrapped).redirectErrorStream(true).start();
    byte[] out = bash.getInputStream().readAllBytes();
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  static void check(Step step, String output) throws IOException {
    if (step.expectedKind() == null) {
      return;
    }
    if (step.expectedKind().equals("json")) {
      JsonNode actual = JSON.readTree(output);
      assertThat(actual).as("output of%n%s%n%s", step.script(), output).isNotNull();
      assertShape(JSON.readTree(step.expected()), actual, "$", output);
    } else {
      List<String> expected = step.expected().lines().toList();
      List<String> actual = output.lines().toList();
      assertThat(actual).as("output of%n%s", step.script()).hasSameSizeAs(expected);
      for (int k = 0; k < expected.size(); k++) {
        assertThat(actual.get(k)).matches(quoteAround(expected.get(k)));
      }
    }
  }

  /** "…" stands for anything; everything else is literal. */
  static String quoteAround(String expected) {
    String[] parts = expected.split("…", -1);
    List<String> quoted = new ArrayList<>();
    for (String part : parts) {
      quoted.add(Pattern.quote(part));
    }
    return String.join(".*", quoted);
  }

  static void assertShape(JsonNode expected, JsonNode actual, String path, String output) {
    if (expected.isTextual() && expected.asText().contains("…")) {
      assertThat(actual).as(path + " in " + output).isNotNull();
      assertThat(actual.isNull()).as(path + " in " + output).isFalse();
      assertThat(actual.asText()).as(path).matches(quoteAround(expected.asText()));
    } else if (expected.isObject()) {
      assertThat(actual.isObject()).as(path + " in " + output).isTrue();
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        assertThat(actual.has(e.getKey())).as(path + "." + e.getKey() + " in " + output).isTrue();
        assertShape(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), output);
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(path + " in " + output).isTrue();
      assertThat(actual.size()).as(path + " in " + output).isGreaterThanOrEqualTo(expected.size());
      for (JsonNode element : expected) {
        assertThat(actual)
            .as(path + "[] in " + output)
            .anySatisfy(a -> assertShape(element, a, path + "[]", output));
      }
    } else {
      assertThat(actual).as(path + " in " + output).isEqualTo(expected);
    }
  }
}
