package com.ecsimagesaga.e2e;

import static com.ecsimagesaga.e2e.AdminApi.asOperator;
import static com.ecsimagesaga.e2e.AdminApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CopyImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ImageCopied;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageShared;
import com.ecsimagesaga.contract.v1.ShareImage;
import com.ecsimagesaga.contract.v1.UnshareImage;
import com.ecsimagesaga.saga.SagaKinds;
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
import org.apache.avro.specific.SpecificRecord;
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
 * or the saga tables. A valid copy, share or unshare is published as its own Avro record under the
 * kind's key and answered with the sagas it starts, which then run on the real stack.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandGatewayTest extends SagaTestSupport {

  /** Carried by every fuzzed body, so that anything of it that got through can be found. */
  static final String P = "1234567890123456";

  static final String Q = "6543210987654321";

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
  static final String COPY = "/api/commands/copy-image";
  static final String SHARE = "/api/commands/share-image";
  static final String UNSHARE = "/api/commands/unshare-image";
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
    all.add(
        create(
            "tag of a destination without value",
            "{"
                + id
                + ","
                + validCreate
                + name
                + ",\"distribution\":{\"destinations\":[{\"regionId\":\"cn-beijing\","
                + "\"tags\":[null]}]}}",
            400,
            "distribution.destinations[0].tags[0]",
            "body.null"));
    // CopyImage.
    String source = ",\"sourceRegionId\":\"cn-hangzhou\",\"sourceImageId\":\"m-" + MARK + "\"";
    all.add(
        kind(
            COPY,
            "no destination",
            "{" + id + source + ",\"destinations\":[]}",
            422,
            "destinations",
            "destinations.required"));
    all.add(
        kind(
            COPY,
            "no sourceRegionId",
            "{"
                + id
                + ",\"sourceImageId\":\"m-"
                + MARK
                + "\",\"destinations\":[{\"regionId\":"
                + "\"cn-beijing\"}]}",
            422,
            "sourceRegionId",
            "region-id.required"));
    all.add(
        kind(
            COPY,
            "a region twice",
            "{"
                + id
                + source
                + ",\"destinations\":[{\"regionId\":\"cn-beijing\"},{\"regionId\":\"cn-beijing\"}]}",
            422,
            "destinations[1].regionId",
            "destination.duplicate"));
    all.add(
        kind(
            COPY,
            "number for sourceImageId",
            "{" + id + ",\"sourceRegionId\":\"cn-hangzhou\",\"sourceImageId\":7}",
            400,
            "sourceImageId",
            "body.wrong-type"));
    all.add(
        kind(
            COPY,
            "text for encrypted",
            "{"
                + id
                + source
                + ",\"destinations\":[{\"regionId\":\"cn-beijing\",\"encrypted\":\"y\"}]}",
            400,
            "destinations[0].encrypted",
            "body.wrong-type"));
    all.add(
        kind(
            COPY,
            "null tag of a destination",
            "{"
                + id
                + source
                + ",\"destinations\":[{\"regionId\":\"cn-beijing\",\"tags\":[null]}]}",
            400,
            "destinations[0].tags[0]",
            "body.null"));
    all.add(
        kind(
            COPY,
            "unknown field",
            "{" + id + source + ",\"destination\":\"cn-beijing\"}",
            400,
            "destination",
            "body.unknown-field"));
    all.add(
        new Case(
            "text/plain",
            COPY,
            "text/plain",
            "{" + id + source + "}",
            415,
            "Content-Type",
            "content-type.unsupported"));
    all.add(kind(COPY, "JSON array", "[]", 400, "body", "body.wrong-type"));
    // ShareImage and UnshareImage.
    String image = ",\"regionId\":\"cn-hangzhou\",\"imageId\":\"m-" + MARK + "\"";
    all.add(
        kind(SHARE, "no accounts", "{" + id + image + "}", 422, "accounts", "accounts.required"));
    all.add(
        kind(
            SHARE,
            "not an account",
            "{" + id + image + ",\"accounts\":[\"" + MARK + "\"]}",
            422,
            "accounts[0]",
            "account-id.format"));
    all.add(
        kind(
            SHARE,
            "null account",
            "{" + id + image + ",\"accounts\":[null]}",
            400,
            "accounts[0]",
            "body.null"));
    all.add(
        kind(
            UNSHARE,
            "text for accounts",
            "{" + id + image + ",\"accounts\":\"1234567890123456\"}",
            400,
            "accounts",
            "body.wrong-type"));
    all.add(
        kind(
            UNSHARE,
            "not an account",
            "{" + id + image + ",\"accounts\":[\"" + MARK + "\"]}",
            422,
            "accounts[0]",
            "account-id.format"));
    all.add(
        kind(
            UNSHARE,
            "no imageId",
            "{" + id + ",\"regionId\":\"cn-hangzhou\",\"accounts\":[\"1234567890123456\"]}",
            422,
            "imageId",
            "image-id.required"));
    all.add(kind(UNSHARE, "empty body", "", 400, "body", "body.required"));
    all.add(
        new Case(
            "wrong content type",
            UNSHARE,
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

  static Case kind(String path, String name, String body, int status, String field, String rule) {
    return new Case(name, path, JSON, body, status, field, rule);
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

  /** Only operators act: a viewer's copy, share or unshare is refused and publishes nothing. */
  @Test
  @Order(1)
  void aViewerCannotCopyShareOrUnshare() {
    Map<String, Object> copy =
        Map.of(
            "commandId",
            MARK + "-viewer-copy",
            "sourceRegionId",
            REGION,
            "sourceImageId",
            "m-" + MARK,
            "destinations",
            List.of(Map.of("regionId", "cn-beijing")));
    assertThat(asViewer().body(copy).post(COPY).statusCode()).isEqualTo(403);
    for (String path : List.of(SHARE, UNSHARE)) {
      Map<String, Object> share =
          Map.of(
              "commandId",
              MARK + "-viewer-" + path.substring(path.lastIndexOf('/') + 1),
              "regionId",
              REGION,
              "imageId",
              "m-" + MARK,
              "accounts",
              List.of(P));
      assertThat(asViewer().body(share).post(path).statusCode()).as(path).isEqualTo(403);
    }
  }

  @Test
  @Order(5)
  void aCopyIsAcceptedWithASagaPerDestinationAndEachCopyIsMade() {
    String image = imageMadeThroughTheGateway();
    Response r =
        asOperator()
            .body(
                Map.of(
                    "sourceRegionId",
                    REGION,
                    "sourceImageId",
                    image,
                    "destinations",
                    List.of(
                        Map.of("regionId", "cn-beijing", "imageName", "gw-golden-beijing"),
                        Map.of("regionId", "cn-shanghai")),
                    "shareWith",
                    List.of(P)))
            .post(COPY);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
    String commandId = r.jsonPath().getString("commandId");
    assertThat(commandId).as("made up by the gateway").isNotBlank();
    List<String> sagaIds =
        List.of("cn-beijing", "cn-shanghai").stream()
            .map(
                region ->
                    SagaKinds.sagaId(SagaKinds.childCommandId(commandId, "copy/" + region))
                        .toString())
            .toList();
    assertThat(r.jsonPath().getList("sagaIds", String.class)).isEqualTo(sagaIds);
    assertThat(r.jsonPath().getList("sagas", String.class))
        .isEqualTo(sagaIds.stream().map(id -> "/api/sagas/" + id).toList());
    assertThat(r.getHeader("Location")).endsWith("/api/sagas/" + sagaIds.get(0));

    List<ImageCopied> copies = DistributionTest.awaitAtLeast(commandId, ImageCopied.class, 2);
    assertThat(copies)
        .extracting(ImageCopied::getSagaId)
        .containsExactlyInAnyOrderElementsOf(sagaIds);
    assertThat(copies)
        .extracting(ImageCopied::getRegionId)
        .containsExactlyInAnyOrder("cn-beijing", "cn-shanghai");
    assertThat(copies).allMatch(c -> c.getSourceImageId().equals(image) && c.getUsable());
    ImageCopied beijing =
        copies.stream().filter(c -> c.getRegionId().equals("cn-beijing")).findFirst().orElseThrow();
    assertThat(sim().world().image("cn-beijing", beijing.getImageId()))
        .hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("gw-golden-beijing"));
    assertThat(DistributionTest.awaitAtLeast(commandId, ImageShared.class, 2))
        .allSatisfy(shared -> assertThat(shared.getAddedAccounts()).containsExactly(P));
    for (String sagaId : sagaIds) {
      Response saga = asViewer().get("/api/sagas/" + sagaId);
      assertThat(saga.statusCode()).isEqualTo(200);
      assertThat(saga.jsonPath().getString("type")).isEqualTo("COPY_IMAGE");
    }
    assertThat(published(REGION + "/" + image))
        .filteredOn(CopyImage.class::isInstance)
        .map(c -> ((CopyImage) c).getCommandId())
        .containsExactly(commandId);
  }

  @Test
  @Order(6)
  void aShareIsPublishedAsShareImageAndAnUnshareAsUnshareImage() {
    String image = imageMadeThroughTheGateway();
    Response share =
        asOperator()
            .body(Map.of("regionId", REGION, "imageId", image, "accounts", List.of(P, Q)))
            .post(SHARE);
    assertThat(share.statusCode()).as(share.asString()).isEqualTo(202);
    String shareId = share.jsonPath().getString("commandId");
    String shareSaga = SagaKinds.sagaId(SagaKinds.childCommandId(shareId, "share")).toString();
    assertThat(share.jsonPath().getString("sagaId")).isEqualTo(shareSaga);
    assertThat(share.jsonPath().getList("sagaIds", String.class)).containsExactly(shareSaga);
    assertThat(share.getHeader("Location")).endsWith("/api/sagas/" + shareSaga);
    ImageShared shared = awaitEvent(shareId, ImageShared.class);
    assertThat(shared.getAddedAccounts()).containsExactlyInAnyOrder(P, Q);
    assertThat(shared.getSharedWith()).containsExactlyInAnyOrder(P, Q);

    String unshareId = "gw-unshare-" + UUID.randomUUID();
    Response unshare =
        asOperator()
            .body(
                Map.of(
                    "commandId",
                    unshareId,
                    "regionId",
                    REGION,
                    "imageId",
                    image,
                    "accounts",
                    List.of(Q)))
            .post(UNSHARE);
    assertThat(unshare.statusCode()).as(unshare.asString()).isEqualTo(202);
    assertThat(unshare.jsonPath().getString("commandId")).isEqualTo(unshareId);
    ImageShared after = awaitEvent(unshareId, ImageShared.class);
    assertThat(after.getRemovedAccounts()).containsExactly(Q);
    assertThat(after.getAddedAccounts()).isEmpty();
    assertThat(after.getSharedWith()).containsExactly(P);
    assertThat(sim().world().sharedAccounts(REGION, image)).containsExactly(P);

    List<SpecificRecord> published = published(REGION + "/" + image);
    assertThat(published)
        .filteredOn(ShareImage.class::isInstance)
        .singleElement()
        .satisfies(c -> assertThat(((ShareImage) c).getCommandId()).isEqualTo(shareId));
    assertThat(published)
        .filteredOn(UnshareImage.class::isInstance)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(((UnshareImage) c).getCommandId()).isEqualTo(unshareId);
              assertThat(((UnshareImage) c).getAccounts()).containsExactly(Q);
            });
  }

  @Test
  @Order(6)
  void aCommandOfAnyKindIsTakenInTheShapeOfItsKindsCommandAtItsType() {
    String image = imageMadeThroughTheGateway();
    Response share =
        asOperator()
            .body(
                Map.of(
                    "regionId",
                    REGION,
                    "imageId",
                    image,
                    "addAccounts",
                    List.of(P),
                    "removeAccounts",
                    List.of()))
            .post("/api/commands/kinds/SHARE_IMAGE");
    assertThat(share.statusCode()).as(share.asString()).isEqualTo(202);
    String commandId = share.jsonPath().getString("commandId");
    assertThat(commandId).isNotBlank();
    assertThat(awaitEvent(commandId, ImageShared.class).getAddedAccounts()).containsExactly(P);
    assertThat(published(REGION + "/" + image))
        .filteredOn(ShareImage.class::isInstance)
        .anySatisfy(c -> assertThat(((ShareImage) c).getCommandId()).isEqualTo(commandId));

    Response unknownKind =
        asOperator().body(Map.of("regionId", REGION)).post("/api/commands/kinds/RESIZE_IMAGE");
    assertThat(unknownKind.statusCode()).isEqualTo(404);
    assertThat(unknownKind.jsonPath().getString("violations[0].rule")).isEqualTo("kind.unknown");
    assertThat(unknownKind.jsonPath().getString("violations[0].message"))
        .contains("SHARE_IMAGE", "COPY_IMAGE");

    Response unknownField =
        asOperator()
            .body(Map.of("regionId", REGION, "imageId", image, "accounts", List.of(P)))
            .post("/api/commands/kinds/SHARE_IMAGE");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(unknownField.jsonPath().getString("violations[0].rule"))
        .isEqualTo("body.unknown-field");

    Response both =
        asOperator()
            .body(
                Map.of(
                    "regionId",
                    REGION,
                    "imageId",
                    image,
                    "addAccounts",
                    List.of(P),
                    "removeAccounts",
                    List.of(Q)))
            .post("/api/commands/kinds/SHARE_IMAGE");
    assertThat(both.statusCode()).isEqualTo(422);
    assertThat(both.jsonPath().getList("violations.rule", String.class))
        .containsExactly("accounts.add-and-remove");
    assertThat(both.jsonPath().getString("commandType")).isEqualTo("ShareImage");
  }

  @Test
  @Order(6)
  void aRefusedUnshareIsNamedAsTheClientSentIt() {
    Response r =
        asOperator()
            .body(Map.of("regionId", REGION, "imageId", "m-" + MARK, "accounts", List.of()))
            .post(UNSHARE);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.jsonPath().getString("commandType")).isEqualTo("UnshareImage");
    assertThat(r.jsonPath().getString("commandId")).isNotBlank();
  }

  /** An image made with create-image, once ECS made it. */
  private static String imageMadeThroughTheGateway() {
    String commandId =
        asOperator()
            .body(
                Map.of(
                    "regionId",
                    REGION,
                    "instanceId",
                    seededInstance(),
                    "imageName",
                    "gw-" + UUID.randomUUID().toString().substring(0, 8)))
            .post(CREATE)
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("commandId");
    return awaitEvent(commandId, ImageCreated.class).getImageId();
  }

  /** The commands on the command topic under {@code key}, decoded, once at least one is there. */
  private static List<SpecificRecord> published(String key) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> commands.records().stream().anyMatch(rec -> key.equals(rec.key())));
    return commands.records().stream()
        .filter(rec -> key.equals(rec.key()))
        .map(rec -> CODEC.decode(rec.value()))
        .toList();
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
