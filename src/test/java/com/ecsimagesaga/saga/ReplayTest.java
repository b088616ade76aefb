package com.ecsimagesaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import com.ecsimagesaga.saga.update.UpdateInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplayTest {

  static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");
  static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000abcd");

  @Test
  void resumingAFailedCreateRunsTheFailedStepAgainWithTheSameTokenAFreshBudgetAndANewDeadline() {
    var plan =
        Replay.plan(
            KindRegistry.kinds(),
            ReplayTestSagas.failedCreate(
                SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null),
            Replay.Mode.RESUME,
            Optional.empty(),
            NOW);
    Saga next = plan.next();
    assertThat(plan.refused()).isFalse();
    assertThat(next.status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(next.step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
    assertThat(next.clientToken()).isEqualTo(Saga.clientToken(ID, 0));
    assertThat(next.attempt()).isZero();
    assertThat(next.nextWakeAt()).isEqualTo(NOW);
    assertThat(next.failure()).isNull();
    assertThat(next.lastError()).isNull();
    assertThat(next.deadlineAt()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    assertThat(next.version()).isEqualTo(7);
  }

  @Test
  void resumingWhenTheCloudHoldsTheImageWatchesItInsteadOfCreatingAgain() {
    var next =
        Replay.plan(
                KindRegistry.kinds(),
                ReplayTestSagas.failedCreate(
                    SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null),
                Replay.Mode.RESUME,
                Optional.of("m-found"),
                NOW)
            .next();
    assertThat(next.step()).isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
    assertThat(next.imageId()).isEqualTo("m-found");
    assertThat(next.tokenGeneration()).isZero();
  }

  @Test
  void resumingACompensatedCreateSubmitsAgainWithANewTokenBecauseTheOldImageIsGone() {
    var next =
        Replay.plan(
                KindRegistry.kinds(),
                ReplayTestSagas.failedCreate(
                    SagaStatus.COMPENSATED, CreateImageSaga.AWAIT_IMAGE_USABLE, "m-old"),
                Replay.Mode.RESUME,
                Optional.empty(),
                NOW)
            .next();
    assertThat(next.step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
    assertThat(next.imageId()).isNull();
    assertThat(next.snapshotIds()).isEmpty();
    assertThat(next.tokenGeneration()).isEqualTo(1);
    assertThat(next.clientToken()).isEqualTo(Saga.clientToken(ID, 1));
  }

  @Test
  void resumingAfterAFailedSourceCheckChecksTheSourceAgain() {
    var next =
        Replay.plan(
                KindRegistry.kinds(),
                ReplayTestSagas.failedCreate(SagaStatus.FAILED, CreateImageSaga.CHECK_SOURCE, null),
                Replay.Mode.RESUME,
                Optional.empty(),
                NOW)
            .next();
    assertThat(next.step()).isEqualTo(CreateImageSaga.CHECK_SOURCE);
  }

  @Test
  void restartingStartsAtTheFirstStepAndKeepsTheTokenWhileTheImageLives() {
    var next =
        Replay.plan(
                KindRegistry.kinds(),
                ReplayTestSagas.failedCreate(
                    SagaStatus.COMPENSATION_FAILED, Step.COMPENSATE_DELETE_IMAGE, "m-old"),
                Replay.Mode.RESTART,
                Optional.of("m-old"),
                NOW)
            .next();
    assertThat(next.step()).isEqualTo(CreateImageSaga.CHECK_SOURCE);
    assertThat(next.tokenGeneration()).isZero();
  }

  @Test
  void aSagaThatIsNotFailedIsRefusedWithAReason() {
    for (SagaStatus status :
        List.of(
            SagaStatus.RUNNING,
            SagaStatus.WAITING,
            SagaStatus.COMPENSATING,
            SagaStatus.SUCCEEDED)) {
      var plan =
          Replay.plan(
              KindRegistry.kinds(),
              ReplayTestSagas.failedCreate(status, CreateImageSaga.SUBMIT_CREATE_IMAGE, null),
              Replay.Mode.RESUME,
              Optional.empty(),
              NOW);
      assertThat(plan.refused()).isTrue();
      assertThat(plan.next()).isNull();
      assertThat(plan.refusal()).contains(status.name()).contains("only FAILED");
    }
  }

  @Test
  void resumingAFailedDeleteRunsItsFailedStepAndRestartingChecksTheImageFirst() {
    var in = new DeleteInput("m-1", false, false);
    var failed =
        Saga.restore(ID, DeleteImageSaga.TYPE, "c-2", "cn-hangzhou", in, CREATED, 3)
            .status(SagaStatus.FAILED)
            .step(Step.DONE)
            .imageId("m-1")
            .attempt(2)
            .stepStartedAt(CREATED)
            .deadlineAt(CREATED.plus(Duration.ofMinutes(15)))
            .failure(
                new Failure(
                    DeleteImageSaga.SUBMIT_DELETE_IMAGE, "PERMANENT", "Forbidden.RAM", "no", "r"))
            .build();
    assertThat(
            Replay.plan(KindRegistry.kinds(), failed, Replay.Mode.RESUME, Optional.empty(), NOW)
                .next()
                .step())
        .isEqualTo(DeleteImageSaga.SUBMIT_DELETE_IMAGE);
    assertThat(
            Replay.plan(KindRegistry.kinds(), failed, Replay.Mode.RESTART, Optional.empty(), NOW)
                .next()
                .step())
        .isEqualTo(Step.CHECK_IMAGE);
  }

  @Test
  void resumingAFailedUpdateRunsItsFailedStepEvenWhenTheImageExists() {
    var changes =
        new com.ecsimagesaga.image.ImageChanges(
            "cn-hangzhou", "m-1", null, "new text", null, null, null, List.of(), List.of(), "rg-2");
    var failed =
        Saga.restore(
                ID,
                UpdateImageSaga.TYPE,
                "c-3",
                "cn-hangzhou",
                new UpdateInput(changes),
                CREATED,
                5)
            .status(SagaStatus.FAILED)
            .step(Step.DONE)
            .imageId("m-1")
            .attempt(1)
            .stepStartedAt(CREATED)
            .deadlineAt(CREATED.plus(Duration.ofMinutes(15)))
            .failure(
                new Failure(
                    UpdateImageSaga.JOIN_RESOURCE_GROUP,
                    "NOT_FOUND",
                    "InvalidResourceGroup.NotFound",
                    "no",
                    "r"))
            .build();
    var resumed =
        Replay.plan(KindRegistry.kinds(), failed, Replay.Mode.RESUME, Optional.of("m-1"), NOW)
            .next();
    assertThat(resumed.step()).isEqualTo(UpdateImageSaga.JOIN_RESOURCE_GROUP);
    assertThat(resumed.imageId()).isEqualTo("m-1");
    assertThat(
            Replay.plan(KindRegistry.kinds(), failed, Replay.Mode.RESTART, Optional.of("m-1"), NOW)
                .next()
                .step())
        .isEqualTo(Step.CHECK_IMAGE);
  }
}
