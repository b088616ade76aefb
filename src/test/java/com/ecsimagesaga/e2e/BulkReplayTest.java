package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.ReplayCommandHandler;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk replay by query: a dry run first, then the real, throttled job; also from a ReplaySagas
 * command.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class BulkReplayTest extends SagaTestSupport {

  static final String BULK_REGION = "cn-beijing";

  @Inject ReplayCommandHandler replayCommands;
  @Inject Vertx vertx;

  @BeforeAll
  static void start() {
    connect();
  }

  /**
   * Publishes {@code n} create commands in {@code region} whose CreateImage fails with {@code
   * code}; waits until all failed. The simulator allows 100 live images per region, as ECS does by
   * default, so the big run has a region of its own.
   */
  static List<CreateImage> failedSagas(String region, int n, String code) {
    sim()
        .faults()
        .next(
            "CreateImage", n, Fault.error(403, code, "The user is not authorized to CreateImage."));
    List<CreateImage> commands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String instance = "i-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      sim().world().seedInstance(region, instance, InstanceStatus.Running);
      var command = createFromInstance(instance).setRegionId(region).build();
      publish(command);
      commands.add(command);
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                commands.stream()
                    .allMatch(
                        c ->
                            eventsFor(c.getCommandId()).stream()
                                .anyMatch(ImageCreationFailed.class::isInstance)));
    return commands;
  }

  /** Runs a use case the way the Kafka consumer does: on a fresh duplicated Vert.x context. */
  <T> T onVertxContext(Supplier<Uni<T>> work) throws Exception {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(
        ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
    return result.get(10, TimeUnit.SECONDS);
  }

  static JsonPath awaitJobDone(String jobId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "DONE"
                    .equals(
                        asViewer()
                            .get("/api/replay-jobs/" + jobId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("status")));
    return asViewer().get("/api/replay-jobs/" + jobId).then().statusCode(200).extract().jsonPath();
  }

  static int failedCount(String code) {
    return asViewer()
        .queryParam("errorCode", code)
        .queryParam("status", "FAILED")
        .queryParam("pageSize", 500)
        .get("/api/sagas")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items")
        .size();
  }

  @Test
  void aBulkReplayOverAHundredFailedSagasListsThemInADryRunThenFinishesThemAll() {
    String code = "Forbidden.Bulk" + UUID.randomUUID().toString().substring(0, 6);
    Instant from = Instant.now().minusSeconds(5);
    List<CreateImage> commands = failedSagas(BULK_REGION, 100, code);
    assertThat(failedCount(code)).isEqualTo(100);

    var body =
        Map.of(
            "errorCode",
            code,
            "regionId",
            BULK_REGION,
            "from",
            from.toString(),
            "mode",
            "resume",
            "reason",
            "RAM fixed",
            "dryRun",
            true);
    String dryRun =
        asOperator()
            .body(body)
            .post("/api/replay-jobs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    JsonPath listed = awaitJobDone(dryRun);
    assertThat(listed.getInt("matched")).isEqualTo(100);
    assertThat(listed.getInt("replayed")).isEqualTo(100);
    assertThat(listed.getList("items.result", String.class))
        .hasSize(100)
        .containsOnly("WOULD_REPLAY");
    assertThat(listed.getList("items.detail", String.class))
        .allMatch(d -> d.contains("at SUBMIT_CREATE_IMAGE"));
    assertThat(failedCount(code)).isEqualTo(100);

    long createsBefore = sim().counters().count("CreateImage");
    var real =
        Map.of(
            "errorCode",
            code,
            "regionId",
            BULK_REGION,
            "from",
            from.toString(),
            "mode",
            "resume",
            "reason",
            "RAM fixed",
            "dryRun",
            false);
    String job =
        asOperator()
            .body(real)
            .post("/api/replay-jobs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    JsonPath done = awaitJobDone(job);
    assertThat(done.getInt("processed")).isEqualTo(100);
    assertThat(done.getInt("replayed")).isEqualTo(100);
    assertThat(done.getInt("skipped")).isZero();

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                commands.stream()
                    .allMatch(
                        c ->
                            eventsFor(c.getCommandId()).stream()
                                .anyMatch(ImageCreated.class::isInstance)));
    assertThat(failedCount(code)).isZero();
    assertThat(sim().counters().count("CreateImage") - createsBefore).isEqualTo(100);
  }

  @Test
  void aReplaySagasCommandStartsOneJobEvenWhenDeliveredTwice() throws Exception {
    String code = "Forbidden.Kafka" + UUID.randomUUID().toString().substring(0, 6);
    List<CreateImage> commands = failedSagas(REGION, 3, code);
    var command =
        ReplaySagas.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRequestedBy("automation@ops")
            .setReason("nightly redrive")
            .setErrorCode(code)
            .build();

    var first = onVertxContext(() -> replayCommands.handle(command));
    var again = onVertxContext(() -> replayCommands.handle(command));
    assertThat(first).isEqualTo(again);
    JsonPath done = awaitJobDone(ReplayCommandHandler.jobId(command.getCommandId()).toString());
    assertThat(done.getString("requestedBy")).isEqualTo("automation@ops");
    assertThat(done.getInt("replayed")).isEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                commands.stream()
                    .allMatch(
                        c ->
                            eventsFor(c.getCommandId()).stream()
                                .anyMatch(ImageCreated.class::isInstance)));
  }
}
