package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageDeletionFailed;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step timeouts through Kafka: a command's own step timeout ends a step long before the saga's
 * deadline (an hour by default), and what ECS had accepted is removed.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class StepTimeoutTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
  }

  static String instance(InstanceStatus status) {
    String id = "i-t" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    sim().world().seedInstance(REGION, id, status);
    return id;
  }

  static List<ImageView> imagesOf(String sagaId) {
    return sim().world().images(REGION).stream()
        .filter(i -> sagaId.equals(i.tags().get("ecs-image-saga/saga-id")))
        .toList();
  }

  @Test
  void anImageStuckInCreatingIsCompensatedWhenItsAwaitStepTimesOut() {
    sim().faults().next("CreateImage", 1, Fault.stuckInCreating(60));
    var command =
        createFromInstance(instance(InstanceStatus.Running))
            .setStepTimeoutSeconds(Map.of("AWAIT_IMAGE_USABLE", 2))
            .build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorKind()).isEqualTo("TIMED_OUT");
    assertThat(failed.getErrorCode())
        .as("the step's own limit, not the saga deadline")
        .isEqualTo("Saga.StepTimeout");
    assertThat(failed.getFailedStep()).isEqualTo("AWAIT_IMAGE_USABLE");
    assertThat(failed.getErrorMessage()).contains("within 2s");
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    assertThat(failed.getImageId()).isNotNull();
    assertThat(imagesOf(failed.getSagaId()))
        .as("the half-made image was made, then removed")
        .isNotEmpty()
        .allMatch(ImageView::deleted);
  }

  @Test
  void anImageMadeByACreateWhoseAnswersWereAllLostIsFoundByItsTagAndRemoved() {
    // Every CreateImage runs in ECS and then loses its answer: the saga never learns the image id.
    sim().faults().probability("CreateImage", 1.0, Fault.lostResponseAfterCommit());
    var command =
        createFromInstance(instance(InstanceStatus.Running))
            .setStepTimeoutSeconds(Map.of("SUBMIT_CREATE_IMAGE", 2))
            .build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getFailedStep()).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(failed.getCompensation()).isEqualTo("COMPENSATED");
    var made = imagesOf(failed.getSagaId());
    assertThat(made)
        .as("the lost CreateImage made exactly one image, with the saga's ClientToken")
        .hasSize(1);
    assertThat(failed.getImageId()).isEqualTo(made.get(0).imageId());
    assertThat(made).as("no image is left behind").allMatch(ImageView::deleted);
  }

  @Test
  void anInstanceThatNeverBecomesReadyEndsTheCreateBeforeEcsIsAskedToCreate() {
    var command =
        createFromInstance(instance(InstanceStatus.Starting))
            .setStepTimeoutSeconds(Map.of("CHECK_SOURCE", 1))
            .build();
    publish(command);
    var failed = awaitEvent(command.getCommandId(), ImageCreationFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("Saga.StepTimeout");
    assertThat(failed.getFailedStep()).isEqualTo("CHECK_SOURCE");
    assertThat(failed.getCompensation()).isEqualTo("NOT_NEEDED");
    assertThat(imagesOf(failed.getSagaId())).isEmpty();
  }

  @Test
  void aDeleteWhoseImageStaysListedFailsWithTheStepTimeout() {
    var create = createFromInstance(instance(InstanceStatus.Running)).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    sim().faults().next("DeleteImage", 1, Fault.listedAfterDelete(100_000));
    var delete =
        DeleteImage.newBuilder(deleteCommand(imageId, false))
            .setStepTimeoutSeconds(Map.of("AWAIT_IMAGE_GONE", 1))
            .build();
    publish(delete);
    var failed = awaitEvent(delete.getCommandId(), ImageDeletionFailed.class);
    assertThat(failed.getErrorCode()).isEqualTo("Saga.StepTimeout");
    assertThat(failed.getFailedStep()).isEqualTo("AWAIT_IMAGE_GONE");
  }
}
