package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static com.ecsimagesaga.testsupport.Commands.aDeleteImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.testsupport.FakeEventEncoder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The intake on in-memory fakes: what a command comes to, and what it writes. */
class CommandIntakeTest {

  private final UseCasesOnFakes world = new UseCasesOnFakes();

  @Test
  void aValidCreateStartsASagaDueNowAndWritesNoEventYet() {
    var command = aCreateImageCommand().build();

    UUID id = UseCasesOnFakes.started(world.give(command));

    var saga = world.saga(id);
    assertThat(saga.type()).isEqualTo(CreateImageSaga.TYPE);
    assertThat(saga.status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(saga.commandId()).isEqualTo(command.commandId());
    assertThat(saga.nextWakeAt()).isEqualTo(UseCasesOnFakes.T0);
    assertThat(saga.clientToken()).as("the ClientToken is fixed before any call").isNotBlank();
    assertThat(world.outbox.types()).isEmpty();
  }

  @Test
  void aRepeatedCommandStartsNothingAndIsAnsweredWithWhereItsSagaStands() {
    var command = aCreateImageCommand().build();
    UUID id = UseCasesOnFakes.started(world.give(command));

    var again = world.give(command);

    assertThat(again).isEqualTo(new IntakeResult.Duplicate(command.commandId()));
    assertThat(world.store.sagas()).hasSize(1);
    assertThat(world.saga(id).version()).isZero();
    assertThat(world.outbox.typesOf(id)).containsExactly("SagaStateReported");
  }

  @Test
  void aRejectedCommandRecordsItsReasonsAndOneCommandRejectedEvent() {
    var command = aCreateImageCommand().imageName("").platform("TempleOS").build();

    var result = world.give(command);

    assertThat(result).isInstanceOf(IntakeResult.Rejected.class);
    var violations = ((IntakeResult.Rejected) result).violations();
    assertThat(violations).extracting(Violation::field).contains("imageName", "platform");
    assertThat(world.store.sagas()).isEmpty();
    assertThat(world.store.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.commandId()).isEqualTo(command.commandId());
              assertThat(r.commandType()).isEqualTo("CreateImage");
              assertThat(r.violations()).isEqualTo(violations);
            });
    assertThat(world.outbox.types()).containsExactly(FakeEventEncoder.COMMAND_REJECTED);

    world.give(command);

    assertThat(world.store.rejections()).as("a repeat is recorded once").hasSize(1);
    assertThat(world.outbox.types()).hasSize(1);
  }

  @Test
  void aDeleteOfAnImageAnotherSagaIsStillMakingIsRefusedWithThatSaga() {
    world
        .cloud
        .on(
            CloudAction.DescribeInstance.class,
            new StepOutcome.InstanceSeen(new InstanceObservation("i-test0001", "Running", false)))
        .on(CloudAction.SubmitCreateImage.class, new StepOutcome.ImageSubmitted("m-busy", "R-1"));
    UUID create = UseCasesOnFakes.started(world.give(aCreateImageCommand().build()));
    world.pass();
    world.wakeUp(create);
    world.pass();
    assertThat(world.saga(create).imageId()).isEqualTo("m-busy");

    var delete = aDeleteImageCommand("m-busy");
    var result = world.give(delete);

    assertThat(result).isInstanceOf(IntakeResult.Rejected.class);
    assertThat(((IntakeResult.Rejected) result).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo("image.busy");
              assertThat(v.message()).contains(create.toString());
            });
    assertThat(world.store.sagas()).as("no delete saga").hasSize(1);
    assertThat(world.store.rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.commandType()).isEqualTo("DeleteImage"));
  }
}
