package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DiskDeviceMapping;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.contract.v1.SagaStuck;
import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SnapshotStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the service does with every fault the simulator can inject, and with every source kind: the
 * events that come out and the images left in the simulator (none leaked, none duplicated).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class FaultHandlingTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
    sim().speedFactor(1000);
  }

  static String instance(InstanceStatus status) {
    String id = "i-f" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    sim().world().seedInstance(REGION, id, status);
    return id;
  }

  static List<ImageView> imagesOf(String sagaId) {
    return sim().world().images(REGION).stream()
        .filter(i -> sagaId.equals(i.tags().get("ecs-image-saga/saga-id")))
        .toList();
  }

  /** Transient faults on any call of the create path end in exactly one usable image. */
  static Stream<Arguments> transientFaults() {
    return Stream.of(
        Arguments.of("DescribeInstances", Fault.throttling()),
        Arguments.of("CreateImage", Fault.throttling(Duration.ofMillis(300))),
        Arguments.of("CreateImage", Fault.internalError()),
        Arguments.of("CreateImage", Fault.serviceUnavailable()),
        Arguments.of("CreateImage", Fault.operationConflict()),
        Arguments.of("CreateImage", Fault.badGatewayHtml()),
        Arguments.of("CreateImage", Fault.emptyBody200()),
        Arguments.of("CreateImage", Fault.lostResponseAfterCommit()),
        Arguments.of("CreateImage", Fault.lostResponseAfterCommit(Duration.ofSeconds(3))),
        Arguments.of("CreateImage", Fault.internalErrorTokenFailed()),
        Arguments.of("DescribeImages", Fault.internalError()),
        Arguments.of("DescribeImages", Fault.badGatewayHtml()),
        Arguments.of("CreateImage", Fault.hiddenAfterCreate(3)),
        Arguments.of("CreateImage", Fault.availableBeforeUsable(Duration.ofMillis(500))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("transientFaults")
  void aTransientFaultEndsInExactlyOneUsableImage(String action, Fault fault) {
    sim().faults().next(action, 2, fault);
    var command = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(command);
    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    assertThat(imagesOf(created.getSagaId()))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.usable()).isTrue();
              assertThat(i.imageId()).isEqualTo(created.getImageId());
            });
  }

  @Test
  void aCreationThatFailsAtSomeProgressIsCompensated() {
    sim().faults().next("CreateImage", 1, Fault.createFailedAt(40));
    var command = createFromInstance(instance(InstanceStatus.Stopped)).build();
    publish(command);
    ImageCreationFailed failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorKind()).isEqualTo("IMAGE_CREATE_FAILED");
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    assertThat(imagesOf(failed.getSagaId())).allMatch(ImageView::deleted);
  }

  @Test
  void compensationAlsoDeletesTheSnapshotsWhenAsked() {
    sim().faults().next("CreateImage", 1, Fault.createFailedAt(60));
    var command =
        createFromInstance(instance(InstanceStatus.Running))
            .setDeleteSnapshotsOnFailure(true)
            .build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    var image = imagesOf(failed.getSagaId()).get(0);
    assertThat(image.snapshotIds()).isNotEmpty();
    assertThat(sim().world().snapshots(REGION))
        .noneMatch(sn -> image.snapshotIds().contains(sn.snapshotId()) && !sn.deleted());
  }

  @Test
  void aDeleteCanTakeTheImagesSnapshotsWithIt() {
    var create = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(create);
    ImageCreated created = awaitEvent(create.getCommandId(), ImageCreated.class);
    var delete =
        com.ecsimagesaga.contract.v1.DeleteImage.newBuilder(
                deleteCommand(created.getImageId(), false))
            .setDeleteSnapshots(true)
            .build();
    publish(delete);
    ImageDeleted deleted = awaitEvent(delete.getCommandId(), ImageDeleted.class);
    assertThat(deleted.getDeletedSnapshotIds())
        .containsExactlyInAnyOrderElementsOf(created.getSnapshotIds());
    assertThat(sim().world().snapshots(REGION))
        .noneMatch(sn -> created.getSnapshotIds().contains(sn.snapshotId()) && !sn.deleted());
  }

  @Test
  void anImageThatEndsUnavailableIsCompensated() {
    sim().faults().next("CreateImage", 1, Fault.endsUnavailable());
    var command = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("UnAvailable");
    assertThat(imagesOf(failed.getSagaId())).allMatch(ImageView::deleted);
  }

  @Test
  void anImageStuckInCreatingIsCompensatedAtTheDeadline() {
    sim().faults().next("CreateImage", 1, Fault.stuckInCreating(60));
    var command =
        createFromInstance(instance(InstanceStatus.Running)).setTimeoutSeconds(10).build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorKind()).isEqualTo("TIMED_OUT");
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    assertThat(imagesOf(failed.getSagaId())).allMatch(ImageView::deleted);
  }

  @Test
  void aCompensationThatCannotFinishIsReportedStuckOnceThenFinishes() {
    sim().faults().next("CreateImage", 1, Fault.stuckInCreating(30));
    sim().faults().probability("DeleteImage", 1.0, Fault.serviceUnavailable());
    var command =
        createFromInstance(instance(InstanceStatus.Running)).setTimeoutSeconds(10).build();
    publish(command);
    SagaStuck stuck = awaitEvent(command.getCommandId(), SagaStuck.class);
    assertThat(stuck.getStep()).isEqualTo("COMPENSATE_DELETE_IMAGE");
    assertThat(stuck.getReason()).contains("deadline");
    sim().faults().clear();
    assertThat(awaitEvent(command.getCommandId(), ImageCreationFailed.class).getCompensation())
        .isEqualTo("COMPENSATED");
    assertThat(
            eventsFor(command.getCommandId()).stream()
                .filter(SagaStuck.class::isInstance)
                .map(e -> ((SagaStuck) e).getEventId())
                .distinct()
                .count())
        .as("one report per stuck state, not one per check")
        .isEqualTo(
            eventsFor(command.getCommandId()).stream().filter(SagaStuck.class::isInstance).count());
  }

  @Test
  void aPermanentErrorFailsFastWithTheEcsCodeAndRequestId() {
    sim()
        .faults()
        .next(
            "CreateImage",
            1,
            Fault.error(
                403, "Forbidden.RAM", "User not authorized to operate on the specified resource."));
    var command = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("Forbidden.RAM");
    assertThat(failed.getRequestId()).isNotBlank();
    assertThat(failed.getFailedStep()).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(imagesOf(failed.getSagaId())).isEmpty();
  }

  @Test
  void aLostAnswerFollowedByAThrottleAndAPermanentErrorLeavesNoImage() {
    // The first CreateImage runs but its answer is lost; the retry is throttled, the next refused
    // for good. The throttle becomes the saga's last error, yet the saga remembers the lost answer,
    // looks for the image by its tag and removes it.
    sim()
        .faults()
        .next("CreateImage", 1, Fault.lostResponseAfterCommit())
        .next("CreateImage", 1, Fault.throttling())
        .next(
            "CreateImage",
            1,
            Fault.error(403, "Forbidden.RAM", "The user is not authorized to CreateImage."));
    var command = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("Forbidden.RAM");
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    assertThat(imagesOf(failed.getSagaId()))
        .as("ECS made one image for the lost call")
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.deleted()).isTrue();
              assertThat(i.imageId()).isEqualTo(failed.getImageId());
            });
  }

  @Test
  void aDuplicateNameIsReportedAsEcsReportsIt() {
    var first = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(first);
    awaitEvent(first.getCommandId(), ImageCreated.class);
    var second =
        createFromInstance(instance(InstanceStatus.Running))
            .setImageName(first.getImageName())
            .build();
    publish(second);
    assertThat(awaitEvent(second.getCommandId(), ImageCreationFailed.class).getErrorCode())
        .isEqualTo("InvalidImageName.Duplicated");
  }

  @Test
  void aStartingInstanceIsWaitedFor() {
    String id = instance(InstanceStatus.Starting);
    var command = createFromInstance(id).build();
    publish(command);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim().counters().count("DescribeInstances") > 0);
    sim().world().setInstanceStatus(REGION, id, InstanceStatus.Running);
    awaitEvent(command.getCommandId(), ImageCreated.class);
  }

  @Test
  void aMissingInstanceFailsWithNotFound() {
    var command = createFromInstance("i-doesnotexist000").build();
    publish(command);
    assertThat(awaitEvent(command.getCommandId(), ImageCreationFailed.class).getErrorCode())
        .isEqualTo("InvalidInstanceId.NotFound");
  }

  @Test
  void anImageFromASystemSnapshot() {
    String snapshot = "s-f" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    sim()
        .world()
        .seedSnapshot(
            REGION,
            snapshot,
            DiskType.SYSTEM,
            SnapshotStatus.ACCOMPLISHED,
            Instant.parse("2024-01-01T00:00:00Z"),
            40);
    var command =
        createFromInstance("i-unused").setInstanceId(null).setSnapshotId(snapshot).build();
    publish(command);
    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);
    assertThat(created.getSnapshotIds()).contains(snapshot);
  }

  @Test
  void aSnapshotFromADataDiskIsRefusedBeforeEcsIsAskedToCreate() {
    String snapshot = "s-d" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    sim()
        .world()
        .seedSnapshot(
            REGION,
            snapshot,
            DiskType.DATA,
            SnapshotStatus.ACCOMPLISHED,
            Instant.parse("2024-01-01T00:00:00Z"),
            40);
    long creates = sim().counters().count("CreateImage");
    var command =
        createFromInstance("i-unused").setInstanceId(null).setSnapshotId(snapshot).build();
    publish(command);
    assertThat(awaitEvent(command.getCommandId(), ImageCreationFailed.class).getErrorCode())
        .isEqualTo("OperationDenied");
    assertThat(sim().counters().count("CreateImage")).isEqualTo(creates);
  }

  @Test
  void anImageFromDiskDeviceMappings() {
    String system = "s-m" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    sim()
        .world()
        .seedSnapshot(
            REGION,
            system,
            DiskType.SYSTEM,
            SnapshotStatus.ACCOMPLISHED,
            Instant.parse("2024-01-01T00:00:00Z"),
            40);
    CreateImage command =
        createFromInstance("i-unused")
            .setInstanceId(null)
            .setDiskDeviceMappings(
                List.of(
                    DiskDeviceMapping.newBuilder()
                        .setDevice("/dev/xvda")
                        .setDiskType("system")
                        .setSnapshotId(system)
                        .build(),
                    DiskDeviceMapping.newBuilder()
                        .setDevice("/dev/xvdb")
                        .setDiskType("data")
                        .setSizeGiB(100)
                        .build()))
            .build();
    publish(command);
    assertThat(awaitEvent(command.getCommandId(), ImageCreated.class).getSnapshotIds())
        .contains(system);
  }

  @Test
  void aDeleteWaitsUntilEcsStopsListingTheImage() {
    var create = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    sim().faults().next("DeleteImage", 1, Fault.listedAfterDelete(3));
    var delete = deleteCommand(imageId, false);
    publish(delete);
    assertThat(awaitEvent(delete.getCommandId(), ImageDeleted.class).getAlreadyAbsent()).isFalse();
  }

  @Test
  void anImageInUseIsNotDeletedWithoutForceButIsWithIt() {
    var create = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    sim().world().seedInstanceFromImage(REGION, "i-user" + imageId.substring(2, 12), imageId);
    var refused = deleteCommand(imageId, false);
    publish(refused);
    var failed =
        awaitEvent(refused.getCommandId(), com.ecsimagesaga.contract.v1.ImageDeletionFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("ImageUsingByInstance");
    var forced = deleteCommand(imageId, true);
    publish(forced);
    awaitEvent(forced.getCommandId(), ImageDeleted.class);
  }
}
