package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The coordinator on in-memory fakes: sagas driven pass by pass with a clock that is told. */
class SagaCoordinatorTest {

  private static final StepOutcome RUNNING_INSTANCE =
      new StepOutcome.InstanceSeen(new InstanceObservation("i-test0001", "Running", false));
  private static final StepOutcome ACCEPTED = new StepOutcome.ImageSubmitted("m-1", "R-1");
  private static final StepOutcome HALF_MADE = image(ImageState.CREATING, 50, false);
  private static final StepOutcome USABLE = image(ImageState.AVAILABLE, 100, true);
  private static final StepOutcome SERVER_ERROR =
      new StepOutcome.Failed(
          new CloudError(ErrorKind.TRANSIENT, "InternalError", "try again", "R-2", null));

  private final UseCasesOnFakes world = new UseCasesOnFakes();

  @Test
  void aCreateGoesFromCommandToSucceededWithItsEventsInTheOutbox() {
    world
        .cloud
        .on(CloudAction.DescribeInstance.class, RUNNING_INSTANCE)
        .on(CloudAction.SubmitCreateImage.class, ACCEPTED)
        .on(CloudAction.ObserveImage.class, HALF_MADE, USABLE);
    UUID id = UseCasesOnFakes.started(world.give(aCreateImageCommand().build()));

    var saga = world.runToEnd(id, 10);

    assertThat(saga.status()).isEqualTo(SagaStatus.SUCCEEDED);
    assertThat(saga.imageId()).isEqualTo("m-1");
    assertThat(world.cloud.calls(CloudAction.SubmitCreateImage.class))
        .singleElement()
        .satisfies(c -> assertThat(c.clientToken()).isEqualTo(saga.clientToken()));
    assertThat(world.outbox.typesOf(id)).last().isEqualTo("ImageCreated");
    assertThat(world.outbox.typesOf(id)).containsOnlyOnce("ImageCreated");
    assertThat(world.store.leaseOwner(id)).as("storing a move ends the lease").isNull();
  }

  @Test
  void aRetryableErrorBacksOffWithAStoredWakeUpTimeAndNoCallBeforeIt() {
    world
        .cloud
        .on(CloudAction.DescribeInstance.class, RUNNING_INSTANCE)
        .on(CloudAction.SubmitCreateImage.class, SERVER_ERROR, ACCEPTED);
    UUID id = UseCasesOnFakes.started(world.give(aCreateImageCommand().build()));
    world.pass();
    world.pass();

    var backingOff = world.saga(id);
    assertThat(backingOff.step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
    assertThat(backingOff.status()).isEqualTo(SagaStatus.WAITING);
    assertThat(backingOff.attempt()).isEqualTo(1);
    assertThat(backingOff.lastError().code()).isEqualTo("InternalError");
    assertThat(backingOff.nextWakeAt())
        .isAfter(world.clock.instant())
        .isBeforeOrEqualTo(world.clock.instant().plus(Duration.ofSeconds(60)));

    assertThat(world.pass()).as("not due before its wake-up time").isZero();
    assertThat(world.cloud.calls(CloudAction.SubmitCreateImage.class)).hasSize(1);

    world.wakeUp(id);
    world.pass();

    assertThat(world.cloud.calls(CloudAction.SubmitCreateImage.class))
        .extracting(CloudAction.SubmitCreateImage::clientToken)
        .as("the retry carries the same ClientToken")
        .containsExactly(backingOff.clientToken(), backingOff.clientToken());
    assertThat(world.saga(id).step()).isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
    assertThat(world.saga(id).imageId()).isEqualTo("m-1");
  }

  @Test
  void aPassedDeadlineCompensatesTheHalfMadeImage() {
    world
        .cloud
        .on(CloudAction.DescribeInstance.class, RUNNING_INSTANCE)
        .on(CloudAction.SubmitCreateImage.class, ACCEPTED)
        .on(CloudAction.ObserveImage.class, HALF_MADE)
        .on(CloudAction.SubmitDeleteImage.class, new StepOutcome.DeleteAccepted("m-1"))
        .on(CloudAction.FindImageBySagaTag.class, new StepOutcome.ImageMissing(null));
    UUID id =
        UseCasesOnFakes.started(world.give(aCreateImageCommand().timeoutSeconds(600).build()));
    world.pass();
    world.pass();
    world.wakeUp(id);
    world.pass();
    assertThat(world.saga(id).step()).isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);

    world.clock.advance(Duration.ofMinutes(11));
    world.pass();

    assertThat(world.saga(id).status()).isEqualTo(SagaStatus.COMPENSATING);
    assertThat(world.saga(id).step()).isEqualTo(Step.COMPENSATE_DELETE_IMAGE);
    assertThat(world.saga(id).failure().code())
        .as("the saga's deadline, not a step timeout")
        .isEqualTo("SagaTimedOut");

    var saga = world.runToEnd(id, 10);

    assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(world.cloud.calls(CloudAction.SubmitDeleteImage.class))
        .extracting(CloudAction.SubmitDeleteImage::imageId)
        .containsExactly("m-1");
    assertThat(world.outbox.typesOf(id)).contains("ImageCreationFailed");
  }

  private static StepOutcome image(ImageState state, int progress, boolean usable) {
    return new StepOutcome.ImageSeen(
        new ImageObservation("m-1", "web-base", state, progress, usable, List.of("s-1")));
  }
}
