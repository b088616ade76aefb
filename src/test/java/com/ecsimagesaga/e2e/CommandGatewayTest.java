package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.EventTopicRecorder;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON command gateway as a careless or hostile client meets it: every body that is not a valid
 * command is answered 4xx at once with each violation by field and rule (the shape of a
 * CommandRejected's violations), never a stack trace, and nothing of it reaches the command topic
 * or the saga tables.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandGatewayTest extends SagaTestSupport {

  /** Carried by every fuzzed body, so that anything of it that got through can be found. */
  static final String MARK = "fuzz" + UUID.randomUUID().toString().substring(0, 8);

  static EventTopicRecorder commands;

  /**
   * One request and what it must get.
   *
   * @param field the field a violation must name
   * @param rule the rule that violation must carry
   */
  record Case(
      String name,
      String path,
      String contentType,
      String body,
      int status,
      String field,
      String rule) {
    @Override
    public String toString() {
      return path.substring(path.lastIndexOf('/') + 1) + ": " + name;
    }
  }

  static final String CREATE = "/api/commands/create-image";
  static final String UPDATE = "/api/commands/update-image";
  static final String DELETE = "/api/commands/delete-image";
  static final String JSON = "application/json";

  static List<Case> cases() {
    String id = "\"commandId\":\"" + MARK + "-%s\"";
    String validCreate = "\"regionId\":\"cn-hangzhou\",\"instanceId\":\"i-local0001\"";
    String name = ",\"imageName\":\"" + MARK + "\"";
    List<Case> all = new ArrayList<>();
    // CreateImage.
    all.add(
        create(
            "no regionId",
            "{" + id + ",\"instanceId\":\"i-local0001\"" + name + "}",
            422,
            "regionId",
            "region-id.required"));
    all.add(
        create(
            "null regionId",
            "{" + id + ",\"regionId\":null,\"instanceId\":\"i-a1\"" + name + "}",
            422,
            "regionId",
            "region-id.required"));
    all.add(
        create(
            "number for regionId",
            "{" + id + ",\"regionId\":42,\"instanceId\":\"i-a1\"" + name + "}",
            400,
            "regionId",
            "body.wrong-type"));
    all.add(
        create(
            "object for regionId",
            "{" + id + ",\"regionId\":{},\"instanceId\":\"i-a1\"" + name + "}",
            400,
            "regionId",
            "body.wrong-type"));
    all.add(
        create(
            "text for timeoutSeconds",
            "{" + id + "," + validCreate + name + ",\"timeoutSeconds\":\"soon\"}",
            400,
            "timeoutSeconds",
            "body.wrong-type"));
    all.add(
        create(
            "fraction for timeoutSeconds",
            "{" + id + "," + validCreate + name + ",\"timeoutSeconds\":60.5}",
            400,
            "timeoutSeconds",
            "body.wrong-type"));
    all.add(
        create(
            "text for a flag",
            "{" + id + "," + validCreate + name + ",\"deleteSnapshotsOnFailure\":\"yes\"}",
            400,
            "deleteSnapshotsOnFailure",
            "body.wrong-type"));
    all.add(
        create(
            "text for tags",
            "{" + id + "," + validCreate + name + ",\"tags\":\"env\"}",
            400,
            "tags",
            "body.wrong-type"));
    all.add(
        create(
            "null tag",
            "{" + id + "," + validCreate + name + ",\"tags\":[null]}",
            400,
            "tags[0]",
            "body.null"));
    all.add(
        create(
            "tag without value",
            "{" + id + "," + validCreate + name + ",\"tags\":[{\"key\":\"env\",\"value\":null}]}",
            400,
            "tags[0].value",
            "body.null"));
    all.add(
        create(
            "null step timeout",
            "{"
                + id
                + ","
                + validCreate
                + name
                + ",\"stepTimeoutSeconds\":{\"CHECK_SOURCE\":null}}",
            400,
            "stepTimeoutSeconds[CHECK_SOURCE]",
            "body.null"));
    all.add(
        create(
            "oversized imageName",
            "{" + id + "," + validCreate + ",\"imageName\":\"" + MARK + "x".repeat(5000) + "\"}",
            422,
            "imageName",
            "image-name.length"));
    all.add(
        create(
            "unknown field",
            "{" + id + "," + validCreate + name + ",\"regionID\":\"x\"}",
            400,
            "regionID",
            "body.unknown-field"));
    all.add(
        create(
            "text/plain",
            "text/plain",
            "{" + id + "," + validCreate + name + "}",
            415,
            "Content-Type",
            "content-type.unsupported"));
    all.add(create("empty body", "", 400, "body", "body.required"));
    all.add(create("JSON null", "null", 400, "body", "body.wrong-type"));
    all.add(create("JSON array", "[{" + id + "}]", 400, "body", "body.wrong-type"));
    all.add(create("not JSON", "{" + id + ",", 400, "body", "body.malformed"));
    all.add(
        create(
            "huge body",
            "{"
                + id
                + ","
                + validCreate
                + ",\"description\":\""
                + MARK
                + "d".repeat(200_000)
                + "\"}",
            413,
            "body",
            "body.too-large"));
    // UpdateImage.
    all.add(
        update(
            "no imageId",
            "{" + id + ",\"regionId\":\"cn-hangzhou\"" + name + "}",
            422,
            "imageId",
            "image-id.required"));
    all.add(
        update(
            "nothing to change",
            "{" + id + ",\"regionId\":\"cn-hangzhou\"," + "\"imageId\":\"m-" + MARK + "\"}",
            422,
            "command",
            "update.empty"));
    all.add(
        update(
            "null tag key to remove",
            "{"
                + id
                + ",\"regionId\":\"cn-hangzhou\","
                + "\"imageId\":\"m-"
                + MARK
                + "\",\"removeTagKeys\":[null]}",
            400,
            "removeTagKeys[0]",
            "body.null"));
    all.add(
        update(
            "text for deprecated",
            "{"
                + id
                + ",\"regionId\":\"cn-hangzhou\","
                + "\"imageId\":\"m-"
                + MARK
                + "\",\"deprecated\":\"no\"}",
            400,
            "deprecated",
            "body.wrong-type"));
    all.add(
        update(
            "unknown field",
            "{" + id + ",\"regionId\":\"cn-hangzhou\",\"imageId\":\"m-" + MARK + "\",\"tags\":[]}",
            400,
            "tags",
            "body.unknown-field"));
    all.add(update("empty body", "", 400, "body", "body.required"));
    // DeleteImage.
    all.add(
        delete(
            "no imageId",
            "{" + id + ",\"regionId\":\"cn-hangzhou\"}",
            422,
            "imageId",
            "image-id.required"));
    all.add(
        delete(
            "no regionId",
            "{" + id + ",\"imageId\":\"m-" + MARK + "\"}",
            422,
            "regionId",
            "region-id.required"));
    all.add(
        delete(
            "number for imageId",
            "{" + id + ",\"regionId\":\"cn-hangzhou\",\"imageId\":7}",
            400,
            "imageId",
            "body.wrong-type"));
    all.add(
        delete(
            "text for force",
            "{"
                + id
                + ",\"regionId\":\"cn-hangzhou\",\"imageId\":\"m-"
                + MARK
                + "\",\"force\":\"true\"}",
            400,
            "force",
            "body.wrong-type"));
    all.add(
        delete(
            "bad commandId",
            "{\"commandId\":\""
                + MARK
                + " spaces\",\"regionId\":"
                + "\"cn-hangzhou\",\"imageId\":\"m-"
                + MARK
                + "\"}",
            422,
            "commandId",
            "command-id.format"));
    all.add(
        delete(
            "wrong content type",
            "application/xml",
            "<x/>",
            415,
            "Content-Type",
            "content-type.unsupported"));
    // Replays of one saga and bulk replay jobs.
    String replay = "/api/sagas/" + UUID.randomUUID() + "/replay";
    all.add(
        new Case(
            "unknown field",
            replay,
            JSON,
            "{\"mode\":\"resume\",\"reason\":\"x\"," + "\"force\":true}",
            400,
            "force",
            "body.unknown-field"));
    all.add(
        new Case(
            "text/plain",
            replay,
            "text/plain",
            "mode=resume",
            415,
            "Content-Type",
            "content-type.unsupported"));
    all.add(new Case("empty body", replay, JSON, "", 400, "body", "body.required"));
    all.add(
        new Case(
            "unknown mode",
            replay,
            JSON,
            "{\"mode\":\"sideways\",\"reason\":\"x\"}",
            422,
            "mode",
            "replay-mode.unsupported"));
    all.add(
        new Case(
            "no reason",
            replay,
            JSON,
            "{\"mode\":\"resume\"}",
            422,
            "reason",
            "replay-reason.required"));
    String jobs = "/api/replay-jobs";
    all.add(
        new Case(
            "text for from",
            jobs,
            JSON,
            "{\"from\":\"yesterday\",\"reason\":\"x\"}",
            400,
            "from",
            "body.wrong-type"));
    all.add(
        new Case(
            "text for statuses",
            jobs,
            JSON,
            "{\"statuses\":\"FAILED\",\"reason\":\"x\"}",
            400,
            "statuses",
            "body.wrong-type"));
    all.add(
        new Case(
            "text for dryRun",
            jobs,
            JSON,
            "{\"dryRun\":\"yes\",\"reason\":\"x\"}",
            400,
            "dryRun",
            "body.wrong-type"));
    all.add(
        new Case(
            "no reason",
            jobs,
            JSON,
            "{\"errorCode\":\"Forbidden.RAM\"}",
            422,
            "reason",
            "replay-reason.required"));
    List<Case> numbered = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Case c = all.get(i);
      numbered.add(
          new Case(
              c.name(),
              c.path(),
              c.contentType(),
              c.body().replace("%s", "" + i),
              c.status(),
              c.field(),
              c.rule()));
    }
    return numbered;
  }

  static Case create(String name, String body, int status, String field, String rule) {
    return new Case(name, CREATE, JSON, body, status, field, rule);
  }

  static Case create(String name, String type, String body, int status, String field, String rule) {
    return new Case(name, CREATE, type, body, status, field, rule);
  }

  static Case update(String name, String body, int status, String field, String rule) {
    return new Case(name, UPDATE, JSON, body, status, field, rule);
  }

  static Case delete(String name, String body, int status, String field, String rule) {
    return new Case(name, DELETE, JSON, body, status, field, rule);
  }

  static Case delete(String name, String type, String body, int status, String field, String rule) {
    return new Case(name, DELETE, type, body, status, field, rule);
  }

  @BeforeAll
  static void setUp() {
    connect();
    commands = new EventTopicRecorder(KafkaBrokerResource.bootstrapServers(), COMMANDS);
  }

  @AfterAll
  static void tearDown() {
    commands.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(1)
  void eachBadBodyIsAnswered4xxWithItsFieldAndRule(Case c) {
    Response r =
        asOperator()
            .contentType(c.contentType())
            .body(c.body().getBytes(StandardCharsets.UTF_8))
            .post(c.path());
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(c.status());
    assertThat(r.contentType()).startsWith(JSON);
    assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at com.");
    List<Map<String, Object>> violations = r.jsonPath().getList("violations");
    assertThat(violations)
        .as(r.asString())
        .anySatisfy(
            v -> {
              assertThat(v).containsEntry("field", c.field()).containsEntry("rule", c.rule());
              assertThat((String) v.get("message")).isNotBlank();
            });
    assertThat(r.getHeader("Location")).isNull();
  }

  @Test
  @Order(1)
  void everyUnknownFieldAndEveryWronglyTypedFieldIsListed() {
    Response r =
        asOperator()
            .body(
                "{\"regionId\":7,\"imageId\":\"m-"
                    + MARK
                    + "\",\"force\":1,\"colour\":\"red\","
                    + "\"size\":3}")
            .post(DELETE);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getList("violations.field", String.class))
        .containsExactlyInAnyOrder("regionId", "force", "colour", "size");
  }

  @Test
  @Order(2)
  void nothingOfTheRefusedBodiesReachedTheCommandTopicOrTheSagaTables() throws SQLException {
    // A valid command sent last is taken in: had a refused one been published before it, that
    // would have been read by now as well (one partition per key, but the consumer keeps up with
    // all of them; the check below also holds for a while).
    String valid = MARK + "-valid";
    Response r =
        asOperator()
            .body(
                Map.of(
                    "commandId",
                    valid,
                    "regionId",
                    REGION,
                    "instanceId",
                    seededInstance(),
                    "imageName",
                    MARK + "-valid"))
            .post(CREATE);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.getHeader("Location")).endsWith("/api/sagas/" + CommandIntake.sagaId(valid));
    await().atMost(Duration.ofSeconds(30)).until(() -> rows("saga", MARK) == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> rows("saga", MARK) == 1 && rows("processed_command", MARK) == 1);
    assertThat(
            commands.records().stream()
                .filter(rec -> new String(rec.value(), StandardCharsets.ISO_8859_1).contains(MARK))
                .count())
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void aDeleteOfAnImageStillBeingCreatedIsRefusedAtOnceWith409() {
    sim().faults().next("CreateImage", 1, Fault.stuckInCreating(50));
    var create = createFromInstance(seededInstance()).setTimeoutSeconds(10).build();
    publish(create);
    String sagaId = CommandIntake.sagaId(create.getCommandId()).toString();
    String imageId =
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(
                () -> asViewer().get("/api/sagas/" + sagaId).jsonPath().getString("imageId"),
                id -> id != null);

    Response r =
        asOperator()
            .body(Map.of("regionId", REGION, "imageId", imageId, "force", true))
            .post(DELETE);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
    assertThat(r.jsonPath().getString("violations[0].rule")).isEqualTo("image.busy");
    assertThat(r.jsonPath().getString("violations[0].message")).contains(sagaId);
    assertThat(r.getHeader("Location")).isNull();
  }

  @Test
  @Order(4)
  void theSagaLinkOfACommandTheIntakeRejectedSaysRejectedAndWhy() {
    DeleteImage d = deleteCommand("m-" + MARK, false);
    producer.send(COMMANDS, REGION + "/m-someotherimage", CODEC.encode(d));
    awaitEvent(d.getCommandId(), CommandRejected.class);

    Response r = asViewer().get("/api/sagas/" + CommandIntake.sagaId(d.getCommandId()));
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.jsonPath().getString("status")).isEqualTo("REJECTED");
    assertThat(r.jsonPath().getString("commandType")).isEqualTo("DeleteImage");
    assertThat(r.jsonPath().getString("violations[0].field")).isEqualTo("recordKey");
    assertThat(r.jsonPath().getString("violations[0].rule")).isEqualTo("record-key.mismatch");
    assertThat(
            asViewer()
                .queryParam("commandId", d.getCommandId())
                .get("/api/sagas")
                .jsonPath()
                .getString("status"))
        .isEqualTo("REJECTED");
  }

  private static long rows(String table, String mark) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                PostgresResource.jdbcUrl(), PostgresResource.user(), PostgresResource.password());
        var query =
            c.prepareStatement("select count(*) from " + table + " where command_id like ?")) {
      query.setString(1, mark + "%");
      try (var rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
