package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageCreationProgressed;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.contract.v1.SagaStateReported;
import com.ecsimagesaga.contract.v1.Violation;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: Avro commands on a real broker, sagas in a real PostgreSQL, the
 * real Alibaba SDK against the simulator over HTTP, events back on the broker.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class CreateAndDeleteImageTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  @Test
  void aCreateCommandYieldsImageCreatedAndOneTaggedImage() {
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);

    var image = sim().world().image(REGION, created.getImageId()).orElseThrow();
    assertThat(image.usable()).isTrue();
    assertThat(image.tags()).containsEntry("ecs-image-saga/saga-id", created.getSagaId());
    assertThat(image.clientToken()).startsWith("eis-" + created.getSagaId());
    assertThat(created.getUsable()).isTrue();
    assertThat(created.getImageName()).isEqualTo(command.getImageName());
    assertThat(eventsFor(command.getCommandId()).stream().filter(ImageCreated.class::isInstance))
        .hasSize(1);

    var record =
        recordsFor(command.getCommandId()).stream()
            .filter(r -> CODEC.decode(r.value()) instanceof ImageCreated)
            .findFirst()
            .orElseThrow();
    assertThat(record.key()).isEqualTo(created.getSagaId());
    assertThat(header(record.headers().lastHeader("ce_id"))).isEqualTo(created.getEventId());
    assertThat(header(record.headers().lastHeader("ce_type")))
        .isEqualTo("com.ecsimagesaga.ImageCreated.v1");
    assertThat(header(record.headers().lastHeader("ce_specversion"))).isEqualTo("1.0");
    assertThat(record.headers().lastHeader("ce_source")).isNotNull();
    assertThat(record.headers().lastHeader("ce_time")).isNotNull();
  }

  @Test
  void aDeleteCommandRemovesTheImageAndYieldsImageDeleted() {
    var create = createFromInstance(seededInstance()).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();

    var delete = deleteCommand(imageId, false);
    publish(delete);
    ImageDeleted deleted = awaitEvent(delete.getCommandId(), ImageDeleted.class);
    assertThat(deleted.getImageId()).isEqualTo(imageId);
    assertThat(deleted.getAlreadyAbsent()).isFalse();
    assertThat(sim().world().image(REGION, imageId).map(i -> i.deleted()).orElse(true)).isTrue();
  }

  @Test
  void deletingAnImageThatIsGoneCountsAsDeleted() {
    var delete = deleteCommand("m-doesnotexist0001", true);
    publish(delete);
    assertThat(awaitEvent(delete.getCommandId(), ImageDeleted.class).getAlreadyAbsent()).isTrue();
  }

  @Test
  void anInvalidCommandIsRejectedAndNeverReachesEcs() {
    long createsBefore = sim().counters().count("CreateImage");
    var command =
        createFromInstance(seededInstance())
            .setImageName("http://evil")
            .setArchitecture("sparc")
            .build();
    publish(command);
    CommandRejected rejected = awaitEvent(command.getCommandId(), CommandRejected.class);
    assertThat(rejected.getCommandType()).isEqualTo("CreateImage");
    assertThat(rejected.getViolations())
        .extracting(Violation::getField, Violation::getRule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("imageName", "image-name.forbidden-prefix"),
            org.assertj.core.groups.Tuple.tuple("architecture", "architecture.unsupported"));
    assertThat(sim().counters().count("CreateImage")).isEqualTo(createsBefore);
  }

  @Test
  void commandsWithABrokenIdAreEachRejectedOnce() {
    String longId = "x".repeat(300);
    var tooLong = createFromInstance(seededInstance()).setCommandId(longId).build();
    var empty1 = createFromInstance(seededInstance()).setCommandId("").build();
    var empty2 =
        createFromInstance(seededInstance()).setCommandId("").setImageName("other-name").build();
    publish(tooLong);
    publish(empty1);
    publish(empty2);
    CommandRejected rejected = awaitEvent(longId.substring(0, 160), CommandRejected.class);
    assertThat(rejected.getViolations())
        .extracting(Violation::getRule)
        .contains("command-id.format");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                eventsFor("").stream()
                        .filter(CommandRejected.class::isInstance)
                        .map(e -> ((CommandRejected) e).getEventId())
                        .distinct()
                        .count()
                    >= 2);
    assertThat(deadLetters.records())
        .noneMatch(r -> java.util.Arrays.equals(r.value(), CODEC.encode(empty2)));
  }

  @Test
  void aRecordThatIsNotAvroGoesToTheDeadLetterTopicAndConsumingGoesOn() {
    byte[] garbage = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    producer.send(COMMANDS, "garbage", garbage);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                deadLetters.records().stream()
                    .anyMatch(
                        r ->
                            new String(r.value(), StandardCharsets.UTF_8)
                                .equals(new String(garbage, StandardCharsets.UTF_8))));
    var dead =
        deadLetters.records().stream()
            .filter(
                r ->
                    new String(r.value(), StandardCharsets.UTF_8)
                        .equals(new String(garbage, StandardCharsets.UTF_8)))
            .findFirst()
            .orElseThrow();
    assertThat(header(dead.headers().lastHeader("dead-letter-reason"))).contains("C3 01");
    assertThat(header(dead.headers().lastHeader("dead-letter-topic"))).isEqualTo(COMMANDS);
    assertThat(dead.headers().lastHeader("dead-letter-offset")).isNotNull();

    var after = createFromInstance(seededInstance()).build();
    publish(after);
    awaitEvent(after.getCommandId(), ImageCreated.class);
  }

  @Test
  void aCreateRetriedAfterALostResponseDoesNotCreateASecondImage() {
    sim().faults().next("CreateImage", 1, Fault.lostResponseAfterCommit());
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    long withThisSaga =
        sim().world().images(REGION).stream()
            .filter(i -> created.getSagaId().equals(i.tags().get("ecs-image-saga/saga-id")))
            .count();
    assertThat(withThisSaga).isEqualTo(1);
    assertThat(sim().counters().count("CreateImage", "LOST_RESPONSE")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aRedeliveredCommandStartsNothingNew() {
    var command = createFromInstance(seededInstance()).build();
    publish(command);
    publish(command);
    awaitEvent(command.getCommandId(), ImageCreated.class);
    var again = createFromInstance(seededInstance()).build();
    publish(again);
    awaitEvent(again.getCommandId(), ImageCreated.class);
    assertThat(eventsFor(command.getCommandId()).stream().filter(ImageCreated.class::isInstance))
        .hasSize(1);
    // The repeat is answered with where the saga stood when it arrived.
    SagaStateReported report = awaitEvent(command.getCommandId(), SagaStateReported.class);
    assertThat(report.getSagaId())
        .isEqualTo(awaitEvent(command.getCommandId(), ImageCreated.class).getSagaId());
    assertThat(report.getSagaType()).isEqualTo("CREATE_IMAGE");
    assertThat(
            sim().world().images(REGION).stream()
                .filter(i -> i.name().equals(command.getImageName()))
                .count())
        .isEqualTo(1);
  }

  @Test
  void aDeleteWhileTheImageIsStillBeingCreatedIsRefusedWithAReason() {
    sim().faults().next("CreateImage", 1, Fault.stuckInCreating(50));
    var create = createFromInstance(seededInstance()).setTimeoutSeconds(10).build();
    publish(create);
    String sagaId = com.ecsimagesaga.app.CommandIntake.sagaId(create.getCommandId()).toString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                sim().world().images(REGION).stream()
                    .anyMatch(i -> sagaId.equals(i.tags().get("ecs-image-saga/saga-id"))));
    String imageId =
        sim().world().images(REGION).stream()
            .filter(i -> sagaId.equals(i.tags().get("ecs-image-saga/saga-id")))
            .findFirst()
            .orElseThrow()
            .imageId();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                eventsFor(create.getCommandId()).stream()
                        .anyMatch(ImageCreationProgressed.class::isInstance)
                    || sagaHasImage(create.getCommandId()));

    var delete = deleteCommand(imageId, true);
    publish(delete);
    CommandRejected rejected = awaitEvent(delete.getCommandId(), CommandRejected.class);
    assertThat(rejected.getViolations())
        .extracting(Violation::getRule)
        .containsExactly("image.busy");
    assertThat(rejected.getViolations().get(0).getMessage()).contains(sagaId);
    // The create saga itself ends at its deadline and removes its half-made image.
    assertThat(awaitEvent(create.getCommandId(), ImageCreationFailed.class).getCompensation())
        .isEqualTo("COMPENSATED");
  }

  private static boolean sagaHasImage(String commandId) {
    return AdminApi.asViewer()
            .queryParam("commandId", commandId)
            .get("/api/sagas")
            .then()
            .extract()
            .path("imageId")
        != null;
  }

  @Test
  void aStoppedButLockedInstanceFailsWithTheEcsCode() {
    String id = seededInstance();
    sim().world().lockInstance(REGION, id, "security");
    var command = createFromInstance(id).build();
    publish(command);
    ImageCreationFailed failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("InstanceLockedForSecurity");
    assertThat(failed.getFailedStep()).isEqualTo("CHECK_SOURCE");
    assertThat(failed.getCompensation()).isEqualTo("NOT_NEEDED");
  }

  private static String header(Header h) {
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
