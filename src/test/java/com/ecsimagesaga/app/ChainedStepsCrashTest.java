package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Steps chained in one pass are stored together or not at all. A pass that dies, or loses its
 * lease, after the chained CreateImage and before the store keeps nothing of the chain; the next
 * claim redoes the saga from its stored step, and the stored ClientToken makes the repeated
 * CreateImage answer with the same image. Runs its own coordinators on the real store, gateway and
 * simulator, on a clock decades ahead so that the service's own coordinator never takes the saga.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class ChainedStepsCrashTest {

  static final String REGION = "cn-hangzhou";
  static final Duration LEASE = Duration.ofSeconds(60);
  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject SagaStore store;
  @Inject CloudImageGateway gateway;
  @Inject EventEncoder encoder;
  @Inject SagaDefinitions definitions;
  @Inject SagaTracing tracing;
  @Inject Pool pool;

  @Test
  void aPassThatDiesBeforeStoringItsChainLeavesTheSagaToBeRedoneWithOneImage() {
    Saga saga = aDueCreate();
    FakeClock clock = new FakeClock(saga.nextWakeAt().plusSeconds(1));
    SagaStore dying =
        new OnlyTheseSagas(store, pool, Set.of(saga.id())) {
          @Override
          public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
            return Uni.createFrom()
                .failure(new IllegalStateException("the process died before storing the pass"));
          }
        };

    assertThatThrownBy(
            () ->
                onContext(() -> coordinator(dying, recording(), clock, "instance-a").advanceDue()))
        .hasRootCauseMessage("the process died before storing the pass");
    assertThat(createImageCallsOf(saga)).as("the chain reached CreateImage").isEqualTo(1);
    assertUntouched(saga);

    redoneByAnotherInstanceAfterTheLease(saga, clock);
  }

  @Test
  void aChainWhoseLeaseWasTakenMeanwhileIsDroppedAndRedoneWithOneImage() {
    Saga saga = aDueCreate();
    FakeClock clock = new FakeClock(saga.nextWakeAt().plusSeconds(1));
    // Right after CreateImage answered, another instance takes the saga (as if this one had
    // stalled past its lease).
    CloudImageGateway real = recording();
    CloudImageGateway stalling =
        interceptingExecute(
            real,
            action -> {
              Uni<StepOutcome> call = real.execute(action);
              return action instanceof CloudAction.SubmitCreateImage
                  ? call.call(
                      () ->
                          pool.preparedQuery(
                                  "update saga set lease_owner = 'instance-b', lease_until = $2 where id = $1")
                              .execute(
                                  Tuple.of(
                                      saga.id(),
                                      clock.instant().plus(LEASE).atOffset(ZoneOffset.UTC))))
                  : call;
            });

    assertThat(
            onContext(
                () ->
                    coordinator(
                            new OnlyTheseSagas(store, pool, Set.of(saga.id())),
                            stalling,
                            clock,
                            "instance-a")
                        .advanceDue()))
        .as("nothing of the chain is stored")
        .isZero();
    assertThat(createImageCallsOf(saga)).isEqualTo(1);
    assertUntouched(saga);

    redoneByAnotherInstanceAfterTheLease(saga, clock);
  }

  @Test
  void aChainedStepThatFailsToRunEndsTheChainAndTheMovesBeforeItAreStored() {
    Saga saga = aDueCreate();
    FakeClock clock = new FakeClock(saga.nextWakeAt().plusSeconds(1));
    CloudImageGateway real = recording();
    CloudImageGateway broken =
        interceptingExecute(
            real,
            action ->
                action instanceof CloudAction.SubmitCreateImage
                    ? Uni.createFrom().failure(new IllegalStateException("a defect"))
                    : real.execute(action));

    assertThat(
            onContext(
                () ->
                    coordinator(
                            new OnlyTheseSagas(store, pool, Set.of(saga.id())),
                            broken,
                            clock,
                            "instance-a")
                        .advanceDue()))
        .isEqualTo(1);

    Saga stored = onContext(() -> store.find(saga.id())).orElseThrow();
    assertThat(stored.step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
    assertThat(stored.version()).isEqualTo(saga.version() + 1);
    assertThat(stored.nextWakeAt())
        .as("due again for the step that failed")
        .isBeforeOrEqualTo(clock.instant());
    assertThat(historySteps(saga)).containsExactly("CHECK_SOURCE:1");
    assertThat(imagesOf(saga)).isEmpty();
  }

  /** A second instance takes the saga once the lease of the first has run out, and redoes it. */
  private void redoneByAnotherInstanceAfterTheLease(Saga saga, FakeClock clock) {
    clock.advance(LEASE.plusSeconds(1));
    assertThat(
            onContext(
                () ->
                    coordinator(
                            new OnlyTheseSagas(store, pool, Set.of(saga.id())),
                            recording(),
                            clock,
                            "instance-b")
                        .advanceDue()))
        .isEqualTo(1);
    assertRedoneWithOneImage(saga);
  }

  /**
   * A gateway whose single calls go through {@code execute}; shared looks at images and instances
   * go to {@code real}.
   */
  private static CloudImageGateway interceptingExecute(
      CloudImageGateway real, java.util.function.Function<CloudAction, Uni<StepOutcome>> execute) {
    return new CloudImageGateway() {
      @Override
      public Uni<StepOutcome> execute(CloudAction action) {
        return execute.apply(action);
      }

      @Override
      public Uni<Map<String, StepOutcome>> observeOwnImages(
          String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
        return real.observeOwnImages(regionId, imageIds, createdSince, takenAfter);
      }

      @Override
      public Uni<Map<String, StepOutcome>> observeInstances(
          String regionId, Set<String> instanceIds) {
        return real.observeInstances(regionId, instanceIds);
      }
    };
  }

  /** A create from a new Running instance, stored and due far in the future. */
  private Saga aDueCreate() {
    String instance = "i-chain" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sim().world().seedInstance(REGION, instance, InstanceStatus.Running);
    Instant due =
        Instant.now()
            .plus(Duration.ofDays(365L * 30))
            .plusMillis(UUID.randomUUID().hashCode() & 0xffff);
    return SagaStarts.started(
        store, REGION, instance, "chain-" + instance.substring(2), due, definitions.policies());
  }

  private SagaCoordinator coordinator(
      SagaStore s, CloudImageGateway g, FakeClock clock, String owner) {
    return new SagaCoordinator(s, g, encoder, definitions, clock, owner, 10_000, LEASE, 3, tracing);
  }

  /** The row and its history are as the intake left them. */
  private void assertUntouched(Saga saga) {
    Saga stored = onContext(() -> store.find(saga.id())).orElseThrow();
    assertThat(stored.step()).isEqualTo(saga.step());
    assertThat(stored.version()).isEqualTo(saga.version());
    assertThat(stored.imageId()).isNull();
    assertThat(historySteps(saga)).isEmpty();
  }

  /** Both steps ran again under the second claim, CreateImage twice, one image: the saga's. */
  private void assertRedoneWithOneImage(Saga saga) {
    Saga stored = onContext(() -> store.find(saga.id())).orElseThrow();
    assertThat(stored.step()).isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
    assertThat(stored.version()).as("one stored pass").isEqualTo(saga.version() + 1);
    assertThat(historySteps(saga)).containsExactly("CHECK_SOURCE:1", "SUBMIT_CREATE_IMAGE:1");
    assertThat(createImageCallsOf(saga)).isEqualTo(2);
    List<ImageView> images = imagesOf(saga);
    assertThat(images)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.imageId()).isEqualTo(stored.imageId());
              assertThat(i.clientToken()).isEqualTo(saga.clientToken());
            });
  }

  private List<String> historySteps(Saga saga) {
    List<String> steps = new ArrayList<>();
    pool.preparedQuery(
            "select step, executions from saga_history where saga_id = $1 order by step_started_at, first_at")
        .execute(Tuple.of(saga.id()))
        .await()
        .atMost(WAIT)
        .forEach(r -> steps.add(r.getString("step") + ":" + r.getInteger("executions")));
    return steps;
  }

  private static List<ImageView> imagesOf(Saga saga) {
    return sim().world().images(REGION).stream()
        .filter(i -> saga.id().toString().equals(i.tags().get(CreateImageSaga.SAGA_TAG)))
        .toList();
  }

  /** CreateImage calls made with this saga's token. */
  private static long createImageCallsOf(Saga saga) {
    return CREATE_CALLS.stream().filter(saga.clientToken()::equals).count();
  }

  private static EcsSimulator sim() {
    return EcsSimulatorResource.simulator();
  }

  /** The ClientToken of every CreateImage the coordinators of this test made. */
  static final List<String> CREATE_CALLS = new CopyOnWriteArrayList<>();

  /** The real gateway, noting each CreateImage's token. */
  private CloudImageGateway recording() {
    return interceptingExecute(
        gateway,
        action -> {
          if (action instanceof CloudAction.SubmitCreateImage submit) {
            CREATE_CALLS.add(submit.clientToken());
          }
          return gateway.execute(action);
        });
  }
}
