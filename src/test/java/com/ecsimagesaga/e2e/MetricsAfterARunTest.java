package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics after a run: ECS calls by action and outcome, throttles, sagas by type and status,
 * step times.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class MetricsAfterARunTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  static String scrape() {
    return AdminApi.management().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /**
   * The value of the series {@code name} whose labels include all of {@code labels} (k="v" pairs),
   * 0 if absent.
   */
  static double value(String metrics, String name, String... labels) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      // "name{labels} value" or "name value" and, with tracing on, an exemplar after " # " that
      // names a trace.
      String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
      String labelText =
          sample.charAt(name.length()) == '{'
              ? sample.substring(name.length() + 1, sample.lastIndexOf('}'))
              : "";
      boolean all = true;
      for (String label : labels) {
        all &= Pattern.compile("(^|,)" + Pattern.quote(label) + "(,|$)").matcher(labelText).find();
      }
      if (all) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  // CreateImage counts are exact: no other test's saga gets that far while this one runs. Describe
  // calls are at least this run's, since a rejected or failing saga of another test may still check
  // its source meanwhile.
  @Test
  void aRunShowsUpAsEcsCallsThrottlesStepTimesAndSagaCounts() {
    String before = scrape();
    sim().faults().next("CreateImage", 1, Fault.throttling());
    String instance = "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    sim().world().seedInstance(REGION, instance, InstanceStatus.Running);
    var command = createFromInstance(instance).build();
    publish(command);
    awaitEvent(command.getCommandId(), ImageCreated.class);
    String after = scrape();

    assertThat(
            value(after, "ecs_calls_total", "action=\"CreateImage\"", "outcome=\"ok\"")
                - value(before, "ecs_calls_total", "action=\"CreateImage\"", "outcome=\"ok\""))
        .isEqualTo(1);
    assertThat(
            value(
                    after,
                    "ecs_calls_total",
                    "action=\"CreateImage\"",
                    "outcome=\"throttled\"",
                    "code=\"Throttling.User\"")
                - value(
                    before,
                    "ecs_calls_total",
                    "action=\"CreateImage\"",
                    "outcome=\"throttled\"",
                    "code=\"Throttling.User\""))
        .isEqualTo(1);
    assertThat(
            value(after, "ecs_throttles_total", "action=\"CreateImage\"")
                - value(before, "ecs_throttles_total", "action=\"CreateImage\""))
        .isEqualTo(1);
    assertThat(
            value(after, "ecs_calls_total", "action=\"DescribeInstances\"", "outcome=\"ok\"")
                - value(
                    before, "ecs_calls_total", "action=\"DescribeInstances\"", "outcome=\"ok\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(after, "ecs_calls_total", "action=\"DescribeImages\"", "outcome=\"ok\"")
                - value(before, "ecs_calls_total", "action=\"DescribeImages\"", "outcome=\"ok\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                    after,
                    "ecs_call_duration_seconds_count",
                    "action=\"CreateImage\"",
                    "outcome=\"ok\"")
                - value(
                    before,
                    "ecs_call_duration_seconds_count",
                    "action=\"CreateImage\"",
                    "outcome=\"ok\""))
        .isEqualTo(1);
    assertThat(
            value(
                    after,
                    "saga_step_duration_seconds_count",
                    "step=\"AWAIT_IMAGE_USABLE\"",
                    "type=\"CREATE_IMAGE\"",
                    "outcome=\"SUCCEEDED\"")
                - value(
                    before,
                    "saga_step_duration_seconds_count",
                    "step=\"AWAIT_IMAGE_USABLE\"",
                    "type=\"CREATE_IMAGE\"",
                    "outcome=\"SUCCEEDED\""))
        .isEqualTo(1);
    assertThat(after)
        .contains("saga_claim_batch_size_count")
        .contains("saga_moves_total")
        .contains("kafka_consumer_fetch_manager_records_lag_max");
    assertThat(after)
        .contains("saga_step_duration_seconds_bucket")
        .contains("outbox_backlog")
        .contains("outbox_oldest_age_seconds")
        .contains("sagas_stuck");

    int succeeded =
        asViewer()
            .queryParam("status", "SUCCEEDED")
            .queryParam("type", "CREATE_IMAGE")
            .queryParam("pageSize", 500)
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items")
            .size();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                value(scrape(), "sagas", "type=\"CREATE_IMAGE\"", "status=\"SUCCEEDED\"")
                    == succeeded);
    String last = scrape();
    assertThat(last.lines().filter(l -> l.startsWith("sagas_stuck")).toList())
        .as("the stuck gauge is exported")
        .isNotEmpty();
    assertThat(value(last, "sagas_stuck")).isZero();
  }
}
