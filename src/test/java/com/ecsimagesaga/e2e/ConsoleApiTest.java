package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.anonymous;
import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
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

/** The read endpoints the operator console added, its pages' access, and JSON-only writes. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class ConsoleApiTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  static JsonPath overview() {
    return asViewer().get("/api/overview").then().statusCode(200).extract().jsonPath();
  }

  static long count(JsonPath o, String type, String status) {
    return o.getList("sagas", Map.class).stream()
        .filter(c -> type.equals(c.get("type")) && status.equals(c.get("status")))
        .mapToLong(c -> ((Number) c.get("count")).longValue())
        .sum();
  }

  @Test
  void theOverviewCountsSagasByKindAndStateFailureCodesAndEcsCallsByRegion() {
    String code = "Forbidden.OverviewTest";
    long succeededBefore = count(overview(), "CREATE_IMAGE", "SUCCEEDED");
    sim().faults().next("CreateImage", 1, Fault.error(403, code, "Not allowed here."));
    CreateImage failing = createFromInstance(seededInstance()).build();
    publish(failing);
    awaitEvent(failing.getCommandId(), ImageCreationFailed.class);
    CreateImage good = createFromInstance(seededInstance()).build();
    publish(good);
    awaitEvent(good.getCommandId(), ImageCreated.class);

    JsonPath o = overview();
    assertThat(count(o, "CREATE_IMAGE", "SUCCEEDED")).isGreaterThanOrEqualTo(succeededBefore + 1);
    Map<?, ?> failure =
        o.getList("failures", Map.class).stream()
            .filter(f -> code.equals(f.get("code")))
            .findFirst()
            .orElseThrow();
    assertThat(failure.get("count")).isEqualTo(1);
    assertThat(failure.get("lastMessage")).isEqualTo("Not allowed here.");
    assertThat(o.getInt("failureWindowMinutes")).isEqualTo(60);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonPath now = overview();
              Map<?, ?> region =
                  now.getList("regions", Map.class).stream()
                      .filter(r -> REGION.equals(r.get("regionId")))
                      .findFirst()
                      .orElseThrow();
              List<?> calls = (List<?>) region.get("calls");
              assertThat(calls)
                  .anySatisfy(
                      c -> {
                        Map<?, ?> call = (Map<?, ?>) c;
                        assertThat(call.get("action")).isEqualTo("CreateImage");
                        assertThat(((Number) call.get("perSecond")).doubleValue()).isPositive();
                        assertThat(((Number) call.get("budgetPerSecond")).doubleValue())
                            .isEqualTo(500.0);
                      });
            });
  }

  @Test
  void meTellsTheConsoleWhetherTheUserMayReplay() {
    JsonPath viewer = asViewer().get("/api/me").then().statusCode(200).extract().jsonPath();
    assertThat(viewer.getString("name")).isEqualTo("viewer");
    assertThat(viewer.getBoolean("canReplay")).isFalse();
    JsonPath operator = asOperator().get("/api/me").then().statusCode(200).extract().jsonPath();
    assertThat(operator.getList("roles", String.class)).containsExactly("operator");
    assertThat(operator.getBoolean("canReplay")).isTrue();
    assertThat(anonymous().get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void meListsEveryKindOfSagaSoTheConsoleNeedsNoChangeForANewOne() {
    JsonPath viewer = asViewer().get("/api/me").then().statusCode(200).extract().jsonPath();
    assertThat(viewer.getList("sagaKinds", String.class))
        .containsExactly(
            com.ecsimagesaga.config.KindRegistry.kinds().types().stream()
                .map(com.ecsimagesaga.saga.SagaType::name)
                .toArray(String[]::new))
        .contains("COPY_IMAGE", "SHARE_IMAGE");
  }

  @Test
  void theConsolePagesAskForTheSameUsersAsTheApi() {
    for (String page :
        List.of("/", "/sagas.html", "/saga.html", "/replay.html", "/console/overview.js")) {
      assertThat(given().get(page).statusCode()).as(page).isEqualTo(401);
      assertThat(asViewer().get(page).statusCode()).as(page).isEqualTo(200);
    }
    assertThat(asViewer().get("/").body().asString()).contains("<h1>Overview</h1>");
  }

  @Test
  void everyWriteWithoutAJsonBodyIsRefusedSoNoOtherSiteCanPostAForm() {
    // What a cross-site form (or a no-cors fetch) can send; the console always sends JSON.
    String replay = "/api/sagas/" + UUID.randomUUID() + "/replay";
    String body = "{\"mode\":\"resume\",\"reason\":\"cross-site\"}";
    for (String path : List.of(replay, "/api/replay-jobs", "/api/commands/create-image")) {
      for (String type :
          List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
        var answer =
            given()
                .config(
                    io.restassured.RestAssured.config()
                        .encoderConfig(
                            io.restassured.config.EncoderConfig.encoderConfig()
                                .encodeContentTypeAs(type, io.restassured.http.ContentType.TEXT)))
                .auth()
                .preemptive()
                .basic(AdminApi.OPERATOR, AdminApi.OPERATOR_PASSWORD)
                .contentType(type)
                .body(body)
                .post(path);
        assertThat(answer.statusCode()).as(path + " " + type).isEqualTo(415);
        assertThat(answer.body().asString()).contains("content-type.unsupported");
      }
    }
    // The same request as JSON reaches the replay (the saga does not exist).
    assertThat(asOperator().body(body).post(replay).statusCode()).isEqualTo(404);
    // A viewer is refused before anything else.
    assertThat(asViewer().body(body).post(replay).statusCode()).isEqualTo(403);
  }

  @Test
  void aSagasInputEventsAndSearchByImageNameAndByLastChange() {
    CreateImage command =
        createFromInstance(seededInstance())
            .setImageName("Console-Api-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    publish(command);
    String sagaId = awaitEvent(command.getCommandId(), ImageCreated.class).getSagaId();

    JsonPath input =
        asViewer()
            .get("/api/sagas/" + sagaId + "/input")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(input.getString("kind")).isEqualTo("create");
    assertThat(input.getString("input.spec.imageName")).isEqualTo(command.getImageName());

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        asViewer()
                            .get("/api/sagas/" + sagaId + "/events")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("type", String.class))
                    .contains("ImageCreated"));

    // Any part of the name, in any case.
    String part = command.getImageName().substring(8).toLowerCase();
    JsonPath found =
        asViewer()
            .queryParam("imageName", part)
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(found.getList("items.id", String.class)).containsExactly(sagaId);

    assertThat(asViewer().queryParam("sort", "sideways").get("/api/sagas").statusCode())
        .isEqualTo(400);
  }

  @Test
  void sortedByLastChangeASagaReplayedLaterComesBeforeOneCreatedLater() {
    String tag = "order-" + UUID.randomUUID().toString().substring(0, 8);
    sim().faults().next("CreateImage", 1, Fault.error(403, "Forbidden.RAM", "Not authorized."));
    CreateImage first = createFromInstance(seededInstance()).setImageName(tag + "-first").build();
    publish(first);
    String firstId = awaitEvent(first.getCommandId(), ImageCreationFailed.class).getSagaId();
    CreateImage second = createFromInstance(seededInstance()).setImageName(tag + "-second").build();
    publish(second);
    String secondId = awaitEvent(second.getCommandId(), ImageCreated.class).getSagaId();
    asOperator()
        .body(Map.of("mode", "resume", "reason", "order test"))
        .post("/api/sagas/" + firstId + "/replay")
        .then()
        .statusCode(200);
    // Finished before the assertions, so that no saga of this test runs on into the next.
    awaitEvent(first.getCommandId(), ImageCreated.class);

    assertThat(ids(tag, "started")).containsExactly(secondId, firstId);
    assertThat(ids(tag, "lastChange")).containsExactly(firstId, secondId);
    // Pages follow the same order.
    JsonPath page =
        asViewer()
            .queryParam("imageName", tag)
            .queryParam("sort", "lastChange")
            .queryParam("pageSize", 1)
            .get("/api/sagas")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("items.id", String.class)).containsExactly(firstId);
    assertThat(
            asViewer()
                .queryParam("imageName", tag)
                .queryParam("sort", "lastChange")
                .queryParam("pageSize", 1)
                .queryParam("cursor", page.getString("next"))
                .get("/api/sagas")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class))
        .containsExactly(secondId);
  }

  static List<String> ids(String imageName, String sort) {
    return asViewer()
        .queryParam("imageName", imageName)
        .queryParam("sort", sort)
        .get("/api/sagas")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", String.class);
  }
}
