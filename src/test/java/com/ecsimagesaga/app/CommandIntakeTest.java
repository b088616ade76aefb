package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static com.ecsimagesaga.testsupport.Commands.aDeleteImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.copy.CopyDestination;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import com.ecsimagesaga.testsupport.FakeEventEncoder;
import java.util.List;
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

  @Test
  void commandsOfEveryKindThatDependOnNothingStoredAreStoredInOneStatement() {
    var create = aCreateImageCommand().build();
    var copy =
        new CopyImageCommand(
            "copy-1",
            UseCasesOnFakes.T0,
            "cn-hangzhou",
            "m-source",
            List.of(
                new CopyDestination("cn-beijing", null, null, false, null, List.of()),
                new CopyDestination("cn-shanghai", null, null, false, null, List.of())),
            List.of(),
            null);
    var share =
        new ShareImageCommand(
            "share-1",
            UseCasesOnFakes.T0,
            "cn-hangzhou",
            "m-source",
            List.of("1234567890123456"),
            List.of());
    var another = aCreateImageCommand().build();

    var results = world.giveAll(create, copy, share, another);

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(IntakeResult.Started.class));
    assertThat(world.store.starts()).as("one statement for five sagas").containsExactly(5);
    assertThat(world.store.sagas())
        .extracting(s -> s.type().name())
        .containsExactlyInAnyOrder(
            "CREATE_IMAGE", "COPY_IMAGE", "COPY_IMAGE", "SHARE_IMAGE", "CREATE_IMAGE");
  }

  @Test
  void aCommandThatDependsOnWhatIsStoredIsTakenInOnItsOwnInItsPlace() {
    var first = aCreateImageCommand().build();
    var delete = aDeleteImageCommand("m-gone");
    var last = aCreateImageCommand().build();

    var results = world.giveAll(first, delete, last);

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(IntakeResult.Started.class));
    assertThat(world.store.starts())
        .as("the delete looks for a saga working on its image, so it cannot share a statement")
        .containsExactly(1, 1, 1);
  }

  @Test
  void aCommandIdRepeatedInOneBatchIsAnsweredAsSeenBefore() {
    var create = aCreateImageCommand().build();

    var results = world.giveAll(create, create);

    assertThat(results.get(0)).isInstanceOf(IntakeResult.Started.class);
    assertThat(results.get(1)).isEqualTo(new IntakeResult.Duplicate(create.commandId()));
    assertThat(world.store.sagas()).hasSize(1);
    assertThat(world.store.starts()).containsExactly(1, 1);
  }

  @Test
  void aRejectedCommandInABatchHoldsUpNoOther() {
    var good = aCreateImageCommand().build();
    var bad = aCreateImageCommand().platform("TempleOS").build();
    var alsoGood = aCreateImageCommand().build();

    var results = world.giveAll(good, bad, alsoGood);

    assertThat(results.get(0)).isInstanceOf(IntakeResult.Started.class);
    assertThat(results.get(1)).isInstanceOf(IntakeResult.Rejected.class);
    assertThat(results.get(2)).isInstanceOf(IntakeResult.Started.class);
    assertThat(world.store.starts()).containsExactly(2);
  }
}
