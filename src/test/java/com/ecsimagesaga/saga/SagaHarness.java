package com.ecsimagesaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.copy.CopyImageSaga;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.saga.retry.PollPolicy;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import com.ecsimagesaga.saga.update.UpdateInput;
import com.ecsimagesaga.testsupport.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Given a saga, when an outcome arrives, expect a transition: runs the pure deciders with a fixed
 * clock and records every table row a test exercised.
 */
public final class SagaHarness {

  public static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  public static final Set<Transition> EXERCISED = new LinkedHashSet<>();

  /**
   * A day for every step: the saga deadlines (an hour at most) come first unless a test sets a
   * step's timeout.
   */
  public static final StepTimeouts GENEROUS_STEPS = uniformSteps(Duration.ofDays(1));

  /**
   * The service's default polling: 2 s for a minute, 15 s, 30 s after 10 minutes, paced to 60 s.
   */
  static final PollPolicy PRODUCTION_POLLS = TestPolicies.PRODUCTION_POLLS;

  public static final SagaPolicies POLICIES = policies(GENEROUS_STEPS);

  public static SagaPolicies policies(StepTimeouts steps) {
    return TestPolicies.policies(steps);
  }

  public static StepTimeouts uniformSteps(Duration d) {
    return new StepTimeouts(d, d, d, d, d, d, d, d, d, d, d, d);
  }

  public static final CreateImageSaga CREATE = new CreateImageSaga(POLICIES);
  static final DeleteImageSaga DELETE = new DeleteImageSaga(POLICIES);
  static final UpdateImageSaga UPDATE = new UpdateImageSaga(POLICIES);

  private Saga saga;
  private final SagaDefinition definition;
  private Decision last;

  private SagaHarness(Saga saga, SagaDefinition definition) {
    this.saga = saga;
    this.definition = definition;
  }

  public static ImageSpec spec(ImageSource source) {
    return new ImageSpec(
        "cn-hangzhou",
        source,
        "web-base",
        null,
        null,
        null,
        null,
        List.of(new ImageTag("team", "a")),
        null,
        null,
        null,
        null);
  }

  static SagaHarness givenCreate(ImageSource source, boolean deleteSnapshotsOnFailure) {
    return givenCreate(source, deleteSnapshotsOnFailure, Map.of());
  }

  /** A create saga whose command set its own step timeouts. */
  static SagaHarness givenCreate(
      ImageSource source, boolean deleteSnapshotsOnFailure, Map<Step, Duration> stepTimeouts) {
    var in = new CreateInput(spec(source), null, deleteSnapshotsOnFailure, stepTimeouts);
    return new SagaHarness(
        CreateImageSaga.start(UUID.randomUUID(), "cmd-1", in, T0, POLICIES), CREATE);
  }

  static SagaHarness givenCreate() {
    return givenCreate(new ImageSource.FromInstance("i-1"), false);
  }

  static SagaHarness givenDelete(boolean deleteSnapshots) {
    return givenDelete(deleteSnapshots, Map.of());
  }

  static SagaHarness givenDelete(boolean deleteSnapshots, Map<Step, Duration> stepTimeouts) {
    var in = new DeleteInput("m-1", false, deleteSnapshots, stepTimeouts);
    return new SagaHarness(
        DeleteImageSaga.start(UUID.randomUUID(), "cmd-2", "cn-hangzhou", in, T0, POLICIES), DELETE);
  }

  /** A delete with {@code force}: of an image in use, or shared with other accounts. */
  static SagaHarness givenForcedDelete(Map<Step, Duration> stepTimeouts) {
    var in = new DeleteInput("m-1", true, false, stepTimeouts);
    return new SagaHarness(
        DeleteImageSaga.start(UUID.randomUUID(), "cmd-2", "cn-hangzhou", in, T0, POLICIES), DELETE);
  }

  static SagaHarness givenUpdate(com.ecsimagesaga.image.ImageChanges changes) {
    return givenUpdate(changes, Map.of());
  }

  static SagaHarness givenUpdate(
      com.ecsimagesaga.image.ImageChanges changes, Map<Step, Duration> stepTimeouts) {
    var in = new UpdateInput(changes, stepTimeouts);
    return new SagaHarness(
        UpdateImageSaga.start(UUID.randomUUID(), "cmd-3", in, T0, POLICIES), UPDATE);
  }

  /** A harness on any saga and its definition: how the kinds in packages of their own use it. */
  public static SagaHarness given(Saga saga, SagaDefinition definition) {
    return new SagaHarness(saga, definition);
  }

  /** The first saga a registered kind starts for {@code command}, at T0. */
  public static <C extends SagaKind.Command> SagaHarness givenKind(SagaKind<C> kind, C command) {
    return new SagaHarness(kind.start(command, T0, POLICIES).get(0), kind.definition(POLICIES));
  }

  public static ImageObservation image(ImageState state, int progress, boolean usable) {
    return new ImageObservation("m-1", "web-base", state, progress, usable, List.of("s-a", "s-b"));
  }

  public static StepOutcome.Failed failed(ErrorKind kind, String code) {
    return new StepOutcome.Failed(new CloudError(kind, code, code + " happened", "REQ-1", null));
  }

  /** Feeds an outcome at {@code T0 + offset} and expects the named row. */
  public SagaHarness when(StepOutcome outcome, Duration offset, String trigger) {
    last = definition.decide(saga, outcome, T0.plus(offset));
    return record(trigger);
  }

  public SagaHarness when(StepOutcome outcome, String trigger) {
    return when(outcome, Duration.ZERO, trigger);
  }

  /** Checks the deadline at {@code T0 + offset} and expects it to have passed. */
  public SagaHarness whenExpiredAt(Duration offset) {
    last = definition.expire(saga, T0.plus(offset)).orElseThrow();
    return record(Moves.DEADLINE_PASSED);
  }

  /**
   * Checks the deadline at {@code T0 + offset} and expects the current step to have run out of its
   * own time.
   */
  public SagaHarness whenStepTimedOutAt(Duration offset) {
    last = definition.expire(saga, T0.plus(offset)).orElseThrow();
    return record(Moves.STEP_TIMED_OUT);
  }

  /**
   * Checks the limits at {@code T0 + offset}, expects one of them to have been reached, and expects
   * the named row.
   */
  public SagaHarness whenExpiresAt(Duration offset, String trigger) {
    last = definition.expire(saga, T0.plus(offset)).orElseThrow();
    return record(trigger);
  }

  private SagaHarness record(String trigger) {
    assertThat(last.transition().trigger()).isEqualTo(trigger);
    assertThat(last.transition().from()).isEqualTo(saga.step());
    assertThat(last.next().step()).isEqualTo(last.transition().to());
    assertThat(last.next().status()).isEqualTo(last.transition().status());
    EXERCISED.add(last.transition());
    saga = withVersion(last.next(), saga.version() + 1);
    return this;
  }

  public Saga saga() {
    return saga;
  }

  /** Stands in for a change the store makes to a saga between two decisions. */
  public SagaHarness replaceSaga(Saga changed) {
    assertThat(changed.id()).isEqualTo(saga.id());
    saga = changed;
    return this;
  }

  public Decision decision() {
    return last;
  }

  public CloudAction action() {
    return definition.actionFor(saga);
  }

  @SuppressWarnings("unchecked")
  public <E extends SagaEvent> E onlyEvent(Class<E> type) {
    assertThat(last.events()).hasSize(1).first().isInstanceOf(type);
    return (E) last.events().get(0);
  }

  private static Saga withVersion(Saga s, long v) {
    return s.atVersion(v);
  }

  /**
   * A saga of {@code type} moved straight into {@code step} with {@code status} and an image, for
   * tests of what every step does alike.
   */
  public static SagaHarness at(SagaType type, Step step, SagaStatus status) {
    SagaHarness h =
        type == CreateImageSaga.TYPE
            ? givenCreate()
            : type == DeleteImageSaga.TYPE
                ? givenDelete(true)
                : type == UpdateImageSaga.TYPE
                    ? givenUpdate(
                        new com.ecsimagesaga.image.ImageChanges(
                            "cn-hangzhou",
                            "m-1",
                            "new-name",
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            List.of(),
                            null))
                    : kindSample(type);
    return h.replaceSaga(
        h.saga()
            .edit()
            .step(step)
            .status(status)
            .imageId("m-1")
            .snapshotIds(List.of("s-a"))
            .build());
  }

  /** A saga of a registered kind, started by a sample command of it. */
  private static SagaHarness kindSample(SagaType type) {
    if (type == CopyImageSaga.TYPE) {
      var kind = new com.ecsimagesaga.saga.copy.CopyImageKind();
      return givenKind(
          kind,
          new com.ecsimagesaga.saga.copy.CopyImageCommand(
              "cmd-copy",
              T0,
              "cn-hangzhou",
              "m-1",
              List.of(
                  new com.ecsimagesaga.saga.copy.CopyDestination(
                      "cn-beijing", null, null, false, null, List.of())),
              List.of("1234567890123456"),
              null));
    }
    var kind = new com.ecsimagesaga.saga.share.ShareImageKind();
    return givenKind(
        kind,
        new com.ecsimagesaga.saga.share.ShareImageCommand(
            "cmd-share", T0, "cn-hangzhou", "m-1", List.of("1234567890123456"), List.of()));
  }

  /** The answer of a call the rate budget kept back until its turn in {@code wait}. */
  public static StepOutcome.Failed held(Duration wait) {
    return new StepOutcome.Failed(
        new CloudError(ErrorKind.HELD, "LocalRateBudget", "budget spent", null, wait));
  }
}
