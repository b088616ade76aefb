package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.anonymous;
import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The admin API lets nobody in anonymously, lets viewers read, and only operators act. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class AdminApiSecurityTest {

  static final String SAGA = UUID.randomUUID().toString();

  /**
   * Every read endpoint. The event stream is read-only too, but stays open once allowed, so only
   * its refusal is tested.
   */
  static final List<String> READS =
      List.of(
          "/api/sagas/" + SAGA,
          "/api/sagas?commandId=nope",
          "/api/sagas?status=FAILED",
          "/api/sagas/" + SAGA + "/timeline",
          "/api/replay-jobs/" + SAGA);

  /** Every endpoint that acts, with a body it accepts. */
  static final Map<String, Object> WRITES =
      Map.of(
          "/api/sagas/" + SAGA + "/replay",
          Map.of("mode", "resume", "reason", "test"),
          "/api/replay-jobs",
          Map.of("errorCode", "Nothing.Matches", "reason", "test", "dryRun", true),
          "/api/commands/create-image",
          Map.of("regionId", "cn-hangzhou", "instanceId", "i-nothere", "imageName", "sec-test"),
          "/api/commands/delete-image",
          Map.of("regionId", "cn-hangzhou", "imageId", "m-nothere"));

  static int get(Supplier<RequestSpecification> who, String path) {
    return who.get().get(path).statusCode();
  }

  static int post(Supplier<RequestSpecification> who, String path, Object body) {
    return who.get().body(body).post(path).statusCode();
  }

  @Test
  void anonymousRequestsToEveryAdminEndpointGet401() {
    for (String path : READS) {
      assertThat(get(AdminApi::anonymous, path)).as(path).isEqualTo(401);
    }
    WRITES.forEach(
        (path, body) -> assertThat(post(AdminApi::anonymous, path, body)).as(path).isEqualTo(401));
    assertThat(get(AdminApi::anonymous, "/api/events/stream")).isEqualTo(401);
    assertThat(anonymous().get("/api/sagas/" + SAGA).header("WWW-Authenticate"))
        .startsWithIgnoringCase("basic");
  }

  @Test
  void aWrongPasswordGets401() {
    assertThat(
            given()
                .auth()
                .preemptive()
                .basic(AdminApi.OPERATOR, "wrong")
                .get("/api/sagas/" + SAGA)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aViewerReadsEverythingButGets403OnEveryEndpointThatActs() {
    for (String path : READS) {
      assertThat(get(AdminApi::asViewer, path)).as(path).isNotIn(401, 403);
    }
    WRITES.forEach(
        (path, body) -> assertThat(post(AdminApi::asViewer, path, body)).as(path).isEqualTo(403));
    assertThat(
            asViewer()
                .body(Map.of("mode", "resume", "reason", "x"))
                .post("/api/sagas/" + SAGA + "/replay")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anOperatorMayReadAndAct() {
    for (String path : READS) {
      assertThat(get(AdminApi::asOperator, path)).as(path).isNotIn(401, 403);
    }
    WRITES.forEach(
        (path, body) ->
            assertThat(post(AdminApi::asOperator, path, body)).as(path).isNotIn(401, 403));
    assertThat(
            asOperator()
                .body(Map.of("mode", "resume", "reason", "x"))
                .post("/api/sagas/" + SAGA + "/replay")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void healthAndMetricsAreOnTheManagementInterfaceAndTheApiDocumentStaysOpen() {
    assertThat(AdminApi.management().get("/q/health/live").statusCode()).isEqualTo(200);
    assertThat(AdminApi.management().get("/q/health/ready").statusCode()).isEqualTo(200);
    assertThat(AdminApi.management().get("/q/metrics").statusCode()).isEqualTo(200);
    assertThat(AdminApi.managementAddress()).doesNotEndWith(":" + RestAssured.port);
    assertThat(anonymous().get("/q/openapi").body().asString()).contains("/api/sagas/{id}/replay");
    assertThat(anonymous().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
  }

  @Test
  void theMainPortServesNeitherHealthNorMetrics() {
    assertThat(anonymous().get("/q/metrics").statusCode()).isEqualTo(404);
    assertThat(anonymous().get("/q/health/ready").statusCode()).isEqualTo(404);
  }
}
