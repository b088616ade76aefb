package com.ecsimagesaga.saga;

import static com.ecsimagesaga.saga.SagaHarness.T0;
import static com.ecsimagesaga.saga.SagaHarness.image;
import static com.ecsimagesaga.saga.SagaHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import com.ecsimagesaga.saga.update.UpdateInput;
import com.ecsimagesaga.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The timing maths of step timeouts, on a fake clock: which limit applies to a step, when a step is
 * out of time, and that a waiting saga wakes up in time to give up.
 */
class StepTimeoutsTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final SagaPolicies DEFAULTS = SagaHarness.policies(StepTimeouts.DEFAULTS);
  private static final StepOutcome RUNNING =
      new StepOutcome.InstanceSeen(new InstanceObservation("i-1", "Running", false));

  private final FakeClock clock = new FakeClock(T0);

  private static CreateInput create(
      ImageSource source, Duration sagaTimeout, Map<Step, Duration> steps) {
    return new CreateInput(spec(source), sagaTimeout, false, steps);
  }

  @Test
  void waitingStepsAreSizedBySourceKind() {
    var fromInstance = create(new ImageSource.FromInstance("i-1"), null, Map.of());
    var fromSnapshot = create(new ImageSource.FromSnapshot("s-1"), null, Map.of());
    var fromDisks =
        create(
            new ImageSource.FromDiskMappings(
                List.of(new DiskMapping("/dev/xvda", "system", "s-1", null))),
            null,
            Map.of());
    StepTimeouts d = StepTimeouts.DEFAULTS;
    assertThat(d.of(CreateImageSaga.CHECK_SOURCE, fromInstance)).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.of(CreateImageSaga.CHECK_SOURCE, fromSnapshot)).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.of(CreateImageSaga.AWAIT_IMAGE_USABLE, fromInstance))
        .isEqualTo(Duration.ofMinutes(60));
    assertThat(d.of(CreateImageSaga.AWAIT_IMAGE_USABLE, fromSnapshot))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(d.of(CreateImageSaga.AWAIT_IMAGE_USABLE, fromDisks))
        .as("disk mappings are snapshots too")
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(d.of(DeleteImageSaga.AWAIT_IMAGE_GONE, new DeleteInput("m-1", false, false)))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(d.of(Step.FIND_SUBMITTED_IMAGE, fromInstance))
        .isEqualTo(d.of(Step.FIND_SUBMITTED_IMAGE, fromSnapshot))
        .isEqualTo(Duration.ofMinutes(10));
    var update =
        new UpdateInput(
            new ImageChanges(
                "cn-hangzhou", "m-1", "n", null, null, null, null, List.of(), List.of(), null));
    assertThat(d.of(UpdateImageSaga.TAG_IMAGE, update))
        .isEqualTo(d.of(UpdateImageSaga.JOIN_RESOURCE_GROUP, update))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aCommandsOwnTimeoutWinsForThatStepOnly() {
    var in =
        create(
            new ImageSource.FromInstance("i-1"),
            null,
            Map.of(CreateImageSaga.AWAIT_IMAGE_USABLE, Duration.ofSeconds(90)));
    assertThat(StepTimeouts.DEFAULTS.of(CreateImageSaga.AWAIT_IMAGE_USABLE, in))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(StepTimeouts.DEFAULTS.of(CreateImageSaga.CHECK_SOURCE, in))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void eachSagaTypeTimesExactlyItsOwnSteps() {
    assertThat(StepTimeouts.stepsOf(CreateImageSaga.TABLE))
        .containsExactlyInAnyOrder(
            CreateImageSaga.CHECK_SOURCE,
            CreateImageSaga.SUBMIT_CREATE_IMAGE,
            Step.FIND_SUBMITTED_IMAGE,
            CreateImageSaga.AWAIT_IMAGE_USABLE,
            Step.COMPENSATE_DELETE_IMAGE,
            Step.DELETE_SNAPSHOTS);
    assertThat(StepTimeouts.stepsOf(DeleteImageSaga.TABLE))
        .containsExactlyInAnyOrder(
            Step.CHECK_IMAGE,
            DeleteImageSaga.SUBMIT_DELETE_IMAGE,
            DeleteImageSaga.AWAIT_IMAGE_GONE,
            DeleteImageSaga.UNSHARE_IMAGE,
            Step.DELETE_SNAPSHOTS);
    assertThat(StepTimeouts.stepsOf(UpdateImageSaga.TABLE))
        .containsExactlyInAnyOrder(
            Step.CHECK_IMAGE,
            UpdateImageSaga.MODIFY_IMAGE_ATTRIBUTES,
            UpdateImageSaga.TAG_IMAGE,
            UpdateImageSaga.UNTAG_IMAGE,
            UpdateImageSaga.JOIN_RESOURCE_GROUP);
    Set<Step> all = new TreeSet<>();
    Set<Step> reached = new TreeSet<>();
    KindRegistry.kinds()
        .all()
        .forEach(
            k -> {
              all.addAll(StepTimeouts.stepsOf(k.table()));
              k.table().rows().forEach(t -> reached.add(t.to()));
            });
    reached.remove(Step.DONE);
    assertThat(all).as("every step a saga can be moved to can be timed").containsAll(reached);
  }

  @Test
  void aStepRunsOutOfTimeFromItsStartPlusItsTimeoutAndAWaitingSagaWakesUpForIt() {
    var definition = new CreateImageSaga(DEFAULTS);
    var in =
        create(
            new ImageSource.FromInstance("i-1"),
            null,
            Map.of(CreateImageSaga.AWAIT_IMAGE_USABLE, Duration.ofMinutes(5)));
    Saga s = CreateImageSaga.start(UUID.randomUUID(), "c", in, clock.instant(), DEFAULTS);
    s = definition.decide(s, RUNNING, clock.instant()).next();
    s = definition.decide(s, new StepOutcome.ImageSubmitted("m-1", "R"), clock.instant()).next();
    Instant stepStart = s.stepStartedAt();
    assertThat(stepStart).isEqualTo(T0.plusSeconds(2));
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    s =
        definition
            .decide(
                s,
                new StepOutcome.ImageSeen(image(ImageState.CREATING, 50, false)),
                clock.instant())
            .next();
    assertThat(s.nextWakeAt())
        .as("the slow poll would wake at 5:15, past the step's deadline at 5:02")
        .isEqualTo(stepStart.plus(Duration.ofMinutes(5)));
    clock.advance(Duration.between(clock.instant(), s.nextWakeAt()).minusMillis(1));
    assertThat(definition.expire(s, clock.instant())).isEmpty();
    clock.advance(Duration.ofMillis(1));
    Decision timedOut = definition.expire(s, clock.instant()).orElseThrow();
    assertThat(timedOut.transition().trigger()).isEqualTo("step timed out");
    assertThat(timedOut.next().step()).isEqualTo(Step.COMPENSATE_DELETE_IMAGE);
    assertThat(timedOut.next().stepStartedAt())
        .as("compensation starts its own clock")
        .isEqualTo(clock.instant());
  }

  @Test
  void theSagaDeadlineBoundsAStepWhoseOwnLimitIsLater() {
    var definition = new CreateImageSaga(DEFAULTS);
    var in = create(new ImageSource.FromInstance("i-1"), Duration.ofMinutes(3), Map.of());
    Saga s = CreateImageSaga.start(UUID.randomUUID(), "c", in, clock.instant(), DEFAULTS);
    s = definition.decide(s, RUNNING, clock.instant()).next();
    s = definition.decide(s, new StepOutcome.ImageSubmitted("m-1", "R"), clock.instant()).next();
    clock.advance(Duration.ofMinutes(2).plusSeconds(50));
    s =
        definition
            .decide(
                s,
                new StepOutcome.ImageSeen(image(ImageState.CREATING, 50, false)),
                clock.instant())
            .next();
    assertThat(s.nextWakeAt())
        .as("min(step start + 60 min, saga deadline)")
        .isEqualTo(s.deadlineAt())
        .isEqualTo(T0.plus(Duration.ofMinutes(3)));
    clock.advance(Duration.ofSeconds(10));
    Decision expired = definition.expire(s, clock.instant()).orElseThrow();
    assertThat(expired.transition().trigger()).isEqualTo("deadline passed");
    assertThat(expired.next().failure().code()).isEqualTo("SagaTimedOut");
  }

  @Test
  void whenBothLimitsHavePassedTheEarlierOneIsTheReason() {
    var definition = new DeleteImageSaga(DEFAULTS);
    var in = new DeleteInput("m-1", false, false, Map.of(Step.CHECK_IMAGE, MINUTE));
    Saga s =
        DeleteImageSaga.start(UUID.randomUUID(), "c", "cn-hangzhou", in, clock.instant(), DEFAULTS);
    clock.advance(Duration.ofHours(1));
    Decision d = definition.expire(s, clock.instant()).orElseThrow();
    assertThat(d.transition().trigger()).isEqualTo("step timed out");
    assertThat(d.next().failure().code()).isEqualTo("Saga.StepTimeout");
  }

  @Test
  void compensationOutlivesTheSagaDeadlineButNotItsOwnTimeout() {
    var definition = new CreateImageSaga(DEFAULTS);
    var in = create(new ImageSource.FromInstance("i-1"), Duration.ofMinutes(10), Map.of());
    Saga s = CreateImageSaga.start(UUID.randomUUID(), "c", in, clock.instant(), DEFAULTS);
    s = definition.decide(s, RUNNING, clock.instant()).next();
    s = definition.decide(s, new StepOutcome.ImageSubmitted("m-1", "R"), clock.instant()).next();
    clock.advance(Duration.ofMinutes(10));
    s = definition.expire(s, clock.instant()).orElseThrow().next();
    assertThat(s.step()).isEqualTo(Step.COMPENSATE_DELETE_IMAGE);
    clock.advance(Duration.ofMinutes(29));
    assertThat(definition.expire(s, clock.instant()))
        .as("the default compensation timeout is 30 minutes")
        .isEmpty();
    clock.advance(MINUTE);
    Decision d = definition.expire(s, clock.instant()).orElseThrow();
    assertThat(d.next().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
  }

  @Test
  void eachNewStepStartsItsOwnClock() {
    var definition = new UpdateImageSaga(DEFAULTS);
    var changes =
        new ImageChanges(
            "cn-hangzhou",
            "m-1",
            "renamed",
            null,
            null,
            null,
            null,
            List.of(new ImageTag("k", "v")),
            List.of(),
            null);
    Saga s =
        UpdateImageSaga.start(
            UUID.randomUUID(),
            "c",
            new UpdateInput(
                changes,
                Map.of(
                    UpdateImageSaga.MODIFY_IMAGE_ATTRIBUTES,
                    MINUTE,
                    UpdateImageSaga.TAG_IMAGE,
                    MINUTE)),
            clock.instant(),
            DEFAULTS);
    s =
        definition
            .decide(
                s,
                new StepOutcome.ImageSeen(image(ImageState.AVAILABLE, 100, true)),
                clock.instant())
            .next();
    clock.advance(Duration.ofSeconds(50));
    s = definition.decide(s, new StepOutcome.Applied("R"), clock.instant()).next();
    assertThat(s.step()).isEqualTo(UpdateImageSaga.TAG_IMAGE);
    clock.advance(Duration.ofSeconds(20));
    assertThat(definition.expire(s, clock.instant()))
        .as("70 s into the saga, 20 s into TAG_IMAGE")
        .isEmpty();
    s =
        definition
            .decide(
                s,
                new StepOutcome.Failed(
                    new CloudError(
                        ErrorKind.TRANSIENT,
                        "ServiceUnavailable",
                        "come back later",
                        null,
                        Duration.ofMinutes(5))),
                clock.instant())
            .next();
    assertThat(s.nextWakeAt())
        .as("a backoff ECS asked for is cut at the step deadline (a wait for quota would move it)")
        .isEqualTo(T0.plusSeconds(110));
    clock.advance(Duration.ofSeconds(40));
    assertThat(definition.expire(s, clock.instant()).orElseThrow().next().failure().step())
        .isEqualTo(UpdateImageSaga.TAG_IMAGE);
  }

  @Test
  void everyStepOfEveryKindHasATimeoutByDefault() {
    for (SagaKind<?> kind : KindRegistry.kinds().all()) {
      for (Step step : StepTimeouts.stepsOf(kind.table())) {
        SagaInput input = SagaHarness.at(kind.type(), step, SagaStatus.RUNNING).saga().input();
        assertThat(StepTimeouts.DEFAULTS.of(step, input))
            .as("%s of %s", step, kind.type())
            .isPositive();
      }
    }
  }
}
