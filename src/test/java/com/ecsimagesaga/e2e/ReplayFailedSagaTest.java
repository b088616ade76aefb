package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replaying one failed saga over the admin API, against the simulator. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class ReplayFailedSagaTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  static long imagesOf(String sagaId) {
    return sim().world().images(REGION).stream()
        .filter(i -> !i.deleted() && sagaId.equals(i.tags().get("ecs-image-saga/saga-id")))
        .count();
  }

  static JsonPath replay(String sagaId, String mode, int expectedStatus) {
    return asOperator()
        .body(Map.of("mode", mode, "reason", "RAM policy fixed, ticket OPS-42"))
        .post("/api/sagas/" + sagaId + "/replay")
        .then()
        .statusCode(expectedStatus)
        .extract()
        .jsonPath();
  }

  @Test
  void
      aSagaFailedOnAPermanentLookingErrorFinishesAfterTheCauseIsFixedAndAReplayWithExactlyOneImage() {
    sim()
        .faults()
        .next(
            "CreateImage",
            1,
            Fault.error(403, "Forbidden.RAM", "The user is not authorized to CreateImage."));
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreationFailed failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("Forbidden.RAM");
    assertThat(failed.getFailedStep()).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(imagesOf(failed.getSagaId())).isZero();

    JsonPath result = replay(failed.getSagaId(), "resume", 200);
    assertThat(result.getString("result")).isEqualTo("REPLAYED");
    assertThat(result.getString("step")).isEqualTo("SUBMIT_CREATE_IMAGE");

    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    assertThat(imagesOf(failed.getSagaId())).isEqualTo(1);
    assertThat(sim().world().image(REGION, created.getImageId()).orElseThrow().clientToken())
        .isEqualTo("eis-" + failed.getSagaId() + "-0");

    JsonPath timeline =
        asViewer()
            .get("/api/sagas/" + failed.getSagaId() + "/timeline")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(timeline.getList("steps.step", String.class))
        .containsSubsequence(
            "CHECK_SOURCE", "SUBMIT_CREATE_IMAGE", "SUBMIT_CREATE_IMAGE", "AWAIT_IMAGE_USABLE");
    assertThat(timeline.getList("steps.lastErrorCode", String.class)).contains("Forbidden.RAM");
    assertThat(timeline.getList("replays.by", String.class)).containsExactly("operator");
    JsonPath byCommand =
        asViewer()
            .queryParam("commandId", command.getCommandId())
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(byCommand.getString("id")).isEqualTo(failed.getSagaId());
    assertThat(byCommand.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(timeline.getList("replays.reason", String.class))
        .containsExactly("RAM policy fixed, ticket OPS-42");
  }

  @Test
  void aReplayThatFindsTheImageAlreadyExistsCompletesWithoutASecondCreateImage() {
    // The first CreateImage is carried out but its answer lost, the retry refused for good. The
    // saga looks for the image by its tag and finds it, but may not delete it either: it ends
    // COMPENSATION_FAILED with the image still there. Once the rights are fixed, the operator's
    // replay finds the image and watches it instead of creating a second one.
    sim()
        .faults()
        .next("CreateImage", 1, Fault.lostResponseAfterCommit())
        .next(
            "CreateImage",
            1,
            Fault.error(403, "Forbidden.RAM", "The user is not authorized to CreateImage."))
        .next(
            "DeleteImage",
            1,
            Fault.error(403, "Forbidden.RAM", "The user is not authorized to DeleteImage."));
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreationFailed failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATION_FAILED");
    assertThat(failed.getImageId()).isNotNull();
    assertThat(imagesOf(failed.getSagaId())).isEqualTo(1);
    long createsBefore = sim().counters().count("CreateImage");

    JsonPath result = replay(failed.getSagaId(), "resume", 200);
    assertThat(result.getString("step")).isEqualTo("AWAIT_IMAGE_USABLE");
    assertThat(result.getString("detail")).contains("found image");

    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    assertThat(created.getImageId()).isEqualTo(failed.getImageId());
    assertThat(sim().counters().count("CreateImage")).isEqualTo(createsBefore);
    assertThat(imagesOf(failed.getSagaId())).isEqualTo(1);
    assertThat(sim().world().image(REGION, created.getImageId()).orElseThrow().tags())
        .containsEntry("ecs-image-saga/saga-id", failed.getSagaId());
  }

  @Test
  void aCompensatedSagaIsReplayedWithTheNextClientTokenAndEndsWithOneLiveImage() {
    sim().faults().next("CreateImage", 1, Fault.createFailedAt(40));
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreationFailed failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    assertThat(imagesOf(failed.getSagaId())).isZero();

    JsonPath result = replay(failed.getSagaId(), "resume", 200);
    assertThat(result.getString("step")).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(result.getString("detail")).contains("new ClientToken generation 1");

    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    assertThat(imagesOf(failed.getSagaId())).isEqualTo(1);
    assertThat(sim().world().image(REGION, created.getImageId()).orElseThrow().clientToken())
        .isEqualTo("eis-" + failed.getSagaId() + "-1");
  }

  @Test
  void replayingASagaThatDidNotFailIsRefusedWithAReasonAndAudited() {
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);

    JsonPath refused = replay(created.getSagaId(), "resume", 409);
    assertThat(refused.getString("result")).isEqualTo("REFUSED");
    assertThat(refused.getString("detail")).contains("SUCCEEDED").contains("only FAILED");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        asViewer()
                            .get("/api/sagas/" + created.getSagaId() + "/timeline")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("replays.result", String.class))
                    .containsExactly("REFUSED"));
  }

  @Test
  void searchFindsFailedSagasByErrorCodeAndPagesWithoutOverlap() {
    String code = "Forbidden.Search" + UUID.randomUUID().toString().substring(0, 6);
    sim().faults().next("CreateImage", 5, Fault.error(403, code, "not allowed"));
    for (int i = 0; i < 5; i++) {
      var command = createFromInstance(seededInstance()).build();
      publish(command);
      awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    }
    JsonPath first =
        asViewer()
            .queryParam("errorCode", code)
            .queryParam("status", "FAILED")
            .queryParam("pageSize", 3)
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> page1 = first.getList("items.id", String.class);
    JsonPath second =
        asViewer()
            .queryParam("errorCode", code)
            .queryParam("status", "FAILED")
            .queryParam("pageSize", 3)
            .queryParam("cursor", first.getString("next"))
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> page2 = second.getList("items.id", String.class);
    assertThat(page1).hasSize(3);
    assertThat(page2).hasSize(2).doesNotContainAnyElementsOf(page1);
    assertThat(second.getString("next")).isNull();
    assertThat(first.getList("items.failure.code", String.class)).containsOnly(code);
  }
}
