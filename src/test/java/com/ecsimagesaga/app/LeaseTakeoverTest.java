package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.ServiceInstances;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.delete.DeleteInput;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims on the real PostgreSQL: a dead instance's leases are free once its heartbeat is older than
 * the takeover limit, never while it beats; two live instances claiming at the same moment never
 * receive the same saga; a restarted instance takes back its own leases at once; and every region
 * and saga type gets its turn in every claim. Sagas are due a year ahead, so the running
 * coordinator leaves them alone; each claim keeps only this test's sagas ({@link OnlyTheseSagas}).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class LeaseTakeoverTest {

  static final Duration LEASE = Duration.ofMinutes(1);
  static final Duration TAKEOVER = Duration.ofSeconds(6);

  @Inject SagaStore store;
  @Inject SagaDefinitions definitions;
  @Inject ServiceInstances instances;
  @Inject Pool pool;
  @Inject com.ecsimagesaga.port.CloudImageGateway gateway;
  @Inject com.ecsimagesaga.port.EventEncoder encoder;
  @Inject com.ecsimagesaga.port.SagaTracing tracing;

  /** A moment a year ahead, apart from every other test's. */
  private static Instant later() {
    return Instant.now()
        .plus(Duration.ofDays(365))
        .plusSeconds(ThreadLocalRandom.current().nextInt(1_000_000));
  }

  /** The instances this test made beat; they leave the table after each test. */
  private final Set<String> beaten = new HashSet<>();

  private void beat(String instance, Instant at) {
    beaten.add(instance);
    onContext(() -> instances.heartbeat(instance, at, at.minus(Duration.ofMinutes(10))));
  }

  /**
   * Beats a year ahead would count as live instances for the running service (and every later test
   * in this JVM), each taking a share of its rate budget.
   */
  @AfterEach
  void leave() {
    beaten.forEach(i -> onContext(() -> instances.leave(i)));
    beaten.clear();
  }

  /**
   * A region of this test's own: each region and type takes its turn in a claim, so the sagas of
   * other tests due at the same moments do not crowd this test's out of the claim's limit.
   */
  private static String ownRegion() {
    return known("cn-takeover-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Adds a made-up region to the simulator's known regions: a pass that calls ECS for one of this
   * test's sagas must meet the region, not {@code InvalidRegionId.NotFound}.
   */
  private static String known(String region) {
    EcsSimulatorResource.simulator().reconfigure(settings -> settings.addRegion(region));
    return region;
  }

  private Saga started(String region, Instant at) {
    return SagaStarts.started(store, region, "i-takeover", "takeover", at, definitions.policies());
  }

  private static List<UUID> ids(List<Saga> sagas) {
    return sagas.stream().map(Saga::id).toList();
  }

  private Uni<List<Saga>> claim(OnlyTheseSagas mine, Instant now, String owner, int limit) {
    return mine.claimDue(now, limit, owner, LEASE, now.minus(TAKEOVER));
  }

  @Test
  void aDeadInstancesLeasesAreFreeOnceItsHeartbeatIsOlderThanTheLimitNeverBefore() {
    Instant t = later();
    Saga saga = started(ownRegion(), t);
    var mine = new OnlyTheseSagas(store, pool, Set.of(saga.id()));
    String a = "takeover-a-" + UUID.randomUUID();
    String b = "takeover-b-" + UUID.randomUUID();
    beat(a, t);
    beat(b, t);
    assertThat(ids(onContext(() -> claim(mine, t, a, 100)))).containsExactly(saga.id());

    beat(a, t.plusSeconds(4));
    beat(b, t.plusSeconds(9));
    assertThat(onContext(() -> claim(mine, t.plusSeconds(9), b, 100)))
        .as("a beat 5 s ago: it is alive and its lease stands")
        .isEmpty();
    // a stops beating: it died at t + 4 s.
    Instant taken = t.plusSeconds(10).plusMillis(1);
    beat(b, taken);
    List<Saga> takenOver = onContext(() -> claim(mine, taken, b, 100));
    assertThat(ids(takenOver)).as("6 s after a's last beat").containsExactly(saga.id());
    assertThat(takenOver.get(0).submitUnconfirmed())
        .as("a may have sent a CreateImage before it died")
        .isTrue();
    assertThat(onContext(() -> claim(mine, taken.plusSeconds(1), a, 100)))
        .as("b holds it now")
        .isEmpty();
  }

  @Test
  void twoLiveInstancesClaimingAtOnceNeverReceiveTheSameSaga() {
    Instant t = later();
    String region = ownRegion();
    List<Saga> sagas = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sagas.add(SagaStarts.createFrom("cn-hangzhou", "i-race", "race", t, definitions.policies()));
    }
    assertThat(onContext(() -> store.startAll(sagas))).containsOnly(true);
    var mine = new OnlyTheseSagas(store, pool, new HashSet<>(ids(sagas)));
    String a = "race-a-" + UUID.randomUUID();
    String b = "race-b-" + UUID.randomUUID();
    beat(a, t);
    beat(b, t);
    List<UUID> byA = new ArrayList<>();
    List<UUID> byB = new ArrayList<>();
    for (int round = 0; round < 100 && byA.size() + byB.size() < sagas.size(); round++) {
      List<List<Saga>> both =
          onContext(
              () -> Uni.join().all(claim(mine, t, a, 15), claim(mine, t, b, 15)).andFailFast());
      byA.addAll(ids(both.get(0)));
      byB.addAll(ids(both.get(1)));
    }
    assertThat(byA).doesNotHaveDuplicates().doesNotContainAnyElementsOf(byB);
    assertThat(byB).doesNotHaveDuplicates();
    assertThat(byA.size() + byB.size()).isEqualTo(sagas.size());
    beat(a, t.plusSeconds(3));
    beat(b, t.plusSeconds(3));
    assertThat(onContext(() -> claim(mine, t.plusSeconds(5), b, 500)))
        .as("both are alive: neither takes the other's sagas")
        .isEmpty();
  }

  @Test
  void aRestartedInstanceTakesBackTheLeasesItsEarlierProcessHeld() {
    Instant t = later();
    Saga saga = started(ownRegion(), t);
    var mine = new OnlyTheseSagas(store, pool, Set.of(saga.id()));
    String a = "restart-" + UUID.randomUUID();
    beat(a, t);
    assertThat(ids(onContext(() -> claim(mine, t, a, 100)))).containsExactly(saga.id());
    // The process dies and starts again under the same name: it beats at once.
    Instant restarted = t.plusSeconds(3);
    beat(a, restarted);
    assertThat(onContext(() -> claim(mine, restarted, a, 100)))
        .as("its lease still counts: the name is alive")
        .isEmpty();
    assertThat(onContext(() -> mine.releaseLeases(a, restarted))).isEqualTo(1);
    List<Saga> back = onContext(() -> claim(mine, restarted.plusMillis(1), a, 100));
    assertThat(ids(back)).containsExactly(saga.id());
    assertThat(back.get(0).submitUnconfirmed()).isTrue();
  }

  @Test
  void everyRegionAndSagaTypeGetsItsTurnInEveryClaim() {
    Instant t = later();
    String busy = known("cn-fair-" + UUID.randomUUID().toString().substring(0, 8));
    String quiet = known("cn-calm-" + UUID.randomUUID().toString().substring(0, 8));
    List<Saga> backlog = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      backlog.add(
          SagaStarts.createFrom(
              busy, "i-fair", "fair", t.minusSeconds(60), definitions.policies()));
    }
    assertThat(onContext(() -> store.startAll(backlog))).containsOnly(true);
    Saga otherRegion = started(quiet, t);
    Saga delete =
        DeleteImageSaga.start(
            UUID.randomUUID(),
            "fair-delete-" + UUID.randomUUID(),
            busy,
            new DeleteInput("m-fair", false, false, Map.of()),
            t,
            definitions.policies());
    assertThat(onContext(() -> store.start(delete))).isTrue();
    Set<UUID> all = new HashSet<>(ids(backlog));
    all.add(otherRegion.id());
    all.add(delete.id());
    var mine = new OnlyTheseSagas(store, pool, all);
    String a = "fair-" + UUID.randomUUID();
    beat(a, t);
    List<UUID> claimed = ids(onContext(() -> claim(mine, t, a, 20)));
    assertThat(claimed)
        .as("50 creates of one region were due a minute earlier; the others still get a turn")
        .contains(otherRegion.id(), delete.id());
  }

  @Test
  void aPassThatLeftItsSagasAloneForAStaleHeartbeatEndsTheirLeasesOnceItBeatsAgain() {
    Instant t = later();
    Saga saga = started(ownRegion(), t);
    var mine = new OnlyTheseSagas(store, pool, Set.of(saga.id()));
    String a = "fenced-" + UUID.randomUUID();
    FakeClock clock = new FakeClock(t);
    AtomicBoolean current = new AtomicBoolean(true);
    AtomicBoolean goesStale = new AtomicBoolean(true);
    beat(a, t);
    // The heartbeat goes stale between the claim and the call: the pass leaves the saga alone.
    var claimThenStale =
        new OnlyTheseSagas(store, pool, Set.of(saga.id())) {
          @Override
          public Uni<List<Saga>> claimDue(
              Instant now, int limit, String owner, Duration lease, Instant liveSince) {
            return mine.claimDue(now, limit, owner, lease, liveSince)
                .invoke(
                    claimed -> {
                      if (goesStale.getAndSet(false)) {
                        current.set(false);
                      }
                    });
          }
        };
    var fenced =
        new SagaCoordinator(
            claimThenStale,
            gateway,
            encoder,
            definitions,
            clock,
            a,
            100,
            LEASE,
            3,
            tracing,
            new SagaCoordinator.Takeover(TAKEOVER, since -> current.get()));
    onContext(fenced::advanceDue);
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().step())
        .as("no call was made")
        .isEqualTo(saga.step());
    assertThat(onContext(() -> claim(mine, t.plusSeconds(1), "other-" + a, 100)))
        .as("its lease stands while the instance lives")
        .isEmpty();

    current.set(true);
    clock.advance(Duration.ofSeconds(2));
    beat(a, clock.instant());
    onContext(fenced::advanceDue);
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().step())
        .as("the next pass of the same instance took it up again, not the lease's end a minute on")
        .isNotEqualTo(saga.step());
  }

  @Test
  void overlappingPassesEndTheLeasesOfAFailedPassNeverThoseOfAPassStillRunning() {
    Instant t = later();
    String region = ownRegion();
    String held = "i-lane-held-" + UUID.randomUUID();
    String failing = "i-lane-failing-" + UUID.randomUUID();
    String other = "i-lane-other-" + UUID.randomUUID();
    // Due one a second: each pass below finds exactly one of them due and free (other tests' sagas
    // due on far clocks are released untouched by OnlyTheseSagas).
    Saga first = SagaStarts.started(store, region, held, "lane", t, definitions.policies());
    Saga second =
        SagaStarts.started(
            store, region, failing, "lane", t.plusSeconds(1), definitions.policies());
    Saga third =
        SagaStarts.started(store, region, other, "lane", t.plusSeconds(2), definitions.policies());
    var mine = new OnlyTheseSagas(store, pool, Set.of(first.id(), second.id(), third.id()));
    String a = "lanes-" + UUID.randomUUID();
    FakeClock clock = new FakeClock(t);
    java.util.concurrent.CompletableFuture<Void> gate =
        new java.util.concurrent.CompletableFuture<>();
    Map<String, Integer> checks = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicBoolean failOnce = new AtomicBoolean(true);
    com.ecsimagesaga.port.CloudImageGateway held1 =
        new com.ecsimagesaga.port.CloudImageGateway() {
          @Override
          public Uni<com.ecsimagesaga.saga.StepOutcome> execute(
              com.ecsimagesaga.saga.CloudAction action) {
            return gateway.execute(action);
          }

          @Override
          public Uni<Map<String, com.ecsimagesaga.saga.StepOutcome>> observeOwnImages(
              String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
            return gateway.observeOwnImages(regionId, imageIds, createdSince, takenAfter);
          }

          @Override
          public Uni<Map<String, com.ecsimagesaga.saga.StepOutcome>> observeInstances(
              String regionId, Set<String> instanceIds) {
            instanceIds.forEach(i -> checks.merge(i, 1, Integer::sum));
            if (instanceIds.contains(held)) {
              return Uni.createFrom()
                  .completionStage(gate)
                  .chain(() -> gateway.observeInstances(regionId, instanceIds));
            }
            if (instanceIds.contains(failing) && failOnce.getAndSet(false)) {
              return Uni.createFrom().failure(new IllegalStateException("the pass fails"));
            }
            return gateway.observeInstances(regionId, instanceIds);
          }
        };
    var lanes =
        new SagaCoordinator(mine, held1, encoder, definitions, clock, a, 100, LEASE, 3, tracing);

    // Lane 1 claims the first saga and waits for ECS.
    var running =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> onContext(lanes::advanceDue));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> checks.containsKey(held));
    // Lane 2 claims the second and fails: its lease is to end.
    clock.advance(Duration.ofSeconds(1));
    assertThatFailsOnContext(lanes::advanceDue);
    // The next pass starts while lane 1 still runs: lane 1's lease stands, the failed pass's too
    // (it was claimed after lane 1's, so ending it now would need an end that also ends lane 1's).
    clock.advance(Duration.ofSeconds(1));
    assertThat(onContext(lanes::advanceDue)).isEqualTo(1);
    assertThat(checks)
        .as("the running pass's saga was not claimed again")
        .containsEntry(held, 1)
        .containsEntry(other, 1)
        .containsEntry(failing, 1);
    assertThat(onContext(() -> store.find(first.id())).orElseThrow().version())
        .as("nothing stored yet for the saga the running pass holds")
        .isEqualTo(first.version());

    gate.complete(null);
    assertThat(running.join()).isEqualTo(1);
    // Every pass that was running has ended: the failed pass's lease ends now, not a minute on.
    clock.advance(Duration.ofSeconds(1));
    assertThat(onContext(lanes::advanceDue)).isEqualTo(1);
    assertThat(checks).containsEntry(failing, 2).containsEntry(held, 1);
    assertThat(onContext(() -> store.find(second.id())).orElseThrow().version())
        .isGreaterThan(second.version());
  }

  private static void assertThatFailsOnContext(java.util.function.Supplier<Uni<Integer>> work) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> onContext(work))
        .hasStackTraceContaining("the pass fails");
  }
}
