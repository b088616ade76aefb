package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The create sagas of one region that check their source instance in the same pass share one
 * DescribeInstances per 100 instances, and each saga decides on its own instance's answer as if it
 * had asked alone. Runs its own coordinator on the real store, gateway and simulator, on a clock
 * decades ahead so that the service's own coordinator never takes the sagas; the simulator reports
 * the InstanceIds of every DescribeInstances it answers.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class SourceChecksTogetherTest {

  static final String REGION = "cn-hangzhou";
  static final Duration LEASE = Duration.ofSeconds(60);

  /** The InstanceIds of every DescribeInstances the simulator received while this class ran. */
  static final List<List<String>> DESCRIBE_CALLS = new CopyOnWriteArrayList<>();

  @Inject SagaStore store;
  @Inject CloudImageGateway gateway;
  @Inject EventEncoder encoder;
  @Inject SagaDefinitions definitions;
  @Inject SagaTracing tracing;
  @Inject Pool pool;

  @BeforeAll
  static void listen() {
    sim()
        .observeCalls(
            (action, params, at) -> {
              if ("DescribeInstances".equals(action)) {
                DESCRIBE_CALLS.add(idList(params.get("InstanceIds")));
              }
            });
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
  }

  @Test
  void onePassChecksTheSourcesOfARegionWithOneCallAndEachSagaGetsItsOwnInstancesAnswer() {
    List<String> ready = new ArrayList<>(instances(20, InstanceStatus.Running));
    ready.add(instance(InstanceStatus.Stopped));
    String starting = instance(InstanceStatus.Starting);
    String locked = instance(InstanceStatus.Running);
    sim().world().lockInstance(REGION, locked, "security");
    String missing = "i-gone" + random(12);
    List<String> all = new ArrayList<>(ready);
    all.addAll(List.of(starting, locked, missing));
    Map<String, Saga> sagas = dueCreates(all);
    FakeClock clock = clockAfter(sagas);
    // A saga past its deadline in the same pass expires on its own instead of asking.
    String late = instance(InstanceStatus.Running);
    Saga expired =
        create(
            late, clock.instant().minus(definitions.policies().instanceTimeout()).minusSeconds(60));
    sagas.put(late, expired);

    assertThat(onContext(() -> coordinator(sagas, clock).advanceDue())).isEqualTo(sagas.size());

    assertThat(callsNaming(List.of(late))).isEmpty();
    assertThat(stored(expired).failure().kind()).isEqualTo("TIMED_OUT");
    assertThat(callsNaming(all))
        .as("one DescribeInstances for the whole pass")
        .singleElement()
        .satisfies(ids -> assertThat(ids).containsExactlyInAnyOrderElementsOf(all));
    for (String instance : ready) {
      assertThat(stored(sagas.get(instance)).step())
          .as("checked, and CreateImage chained in the same pass")
          .isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
    }
    Saga waiting = stored(sagas.get(starting));
    assertThat(waiting.step()).isEqualTo(CreateImageSaga.CHECK_SOURCE);
    assertThat(waiting.attempt()).isEqualTo(1);
    assertThat(waiting.lastError().kind()).isEqualTo(ErrorKind.STATE_WAIT);
    assertThat(waiting.lastError().code()).isEqualTo("IncorrectInstanceStatus");
    assertThat(waiting.nextWakeAt()).isAfter(clock.instant());
    Saga refused = stored(sagas.get(locked));
    assertThat(refused.status()).isEqualTo(SagaStatus.FAILED);
    assertThat(refused.failure().kind()).isEqualTo("PRECONDITION");
    assertThat(refused.failure().code()).isEqualTo("InstanceLockedForSecurity");
    Saga notFound = stored(sagas.get(missing));
    assertThat(notFound.status()).isEqualTo(SagaStatus.FAILED);
    assertThat(notFound.failure().kind()).isEqualTo("NOT_FOUND");
    assertThat(notFound.failure().code()).isEqualTo("InvalidInstanceId.NotFound");
  }

  @Test
  void moreThanAHundredSourcesOfARegionTakeOneCallPerHundred() {
    List<String> all = instances(130, InstanceStatus.Running);
    Map<String, Saga> sagas = dueCreates(all);
    FakeClock clock = clockAfter(sagas);

    assertThat(onContext(() -> coordinator(sagas, clock).advanceDue())).isEqualTo(all.size());

    List<List<String>> calls = callsNaming(all);
    assertThat(calls).extracting(List::size).containsExactlyInAnyOrder(100, 30);
    assertThat(calls.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(all);
    assertThat(all)
        .allSatisfy(
            i ->
                assertThat(stored(sagas.get(i)).step())
                    .isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE));
  }

  @Test
  void aThrottledSharedCallMakesEverySagaOfItRetryAsASingleThrottledCallWould() {
    List<String> all = instances(12, InstanceStatus.Running);
    Map<String, Saga> sagas = dueCreates(all);
    FakeClock clock = clockAfter(sagas);
    sim().faults().next("DescribeInstances", 1, Fault.throttling());

    assertThat(onContext(() -> coordinator(sagas, clock).advanceDue())).isEqualTo(all.size());
    assertThat(callsNaming(all)).hasSize(1);

    // The same fault on a call of its own, for a saga that asks alone.
    sim().faults().next("DescribeInstances", 1, Fault.throttling());
    StepOutcome alone =
        onContext(
            () ->
                gateway.execute(
                    new CloudAction.DescribeInstance(REGION, instance(InstanceStatus.Running))));
    assertThat(alone).isInstanceOf(StepOutcome.Failed.class);
    for (Saga saga : sagas.values()) {
      Saga expected = definitions.of(saga.type()).decide(saga, alone, clock.instant()).next();
      Saga stored = stored(saga);
      assertThat(stored.step()).isEqualTo(CreateImageSaga.CHECK_SOURCE).isEqualTo(expected.step());
      assertThat(stored.status()).isEqualTo(expected.status());
      assertThat(stored.attempt()).as("a throttle spends no attempt").isZero();
      assertThat(stored.attempt()).isEqualTo(expected.attempt());
      assertThat(stored.quotaWait().throttles())
          .isEqualTo(1)
          .isEqualTo(expected.quotaWait().throttles());
      assertThat(stored.lastError().kind()).isEqualTo(ErrorKind.THROTTLED);
      assertThat(stored.lastError().code())
          .isEqualTo("Throttling.User")
          .isEqualTo(expected.lastError().code());
      assertThat(stored.nextWakeAt().truncatedTo(ChronoUnit.MILLIS))
          .isEqualTo(expected.nextWakeAt().truncatedTo(ChronoUnit.MILLIS))
          // Full jitter may draw a backoff shorter than a millisecond in the test profile.
          .isAfterOrEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    Instant latestWake =
        sagas.values().stream()
            .map(this::stored)
            .map(Saga::nextWakeAt)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    clock.advance(Duration.between(clock.instant(), latestWake).plusSeconds(1));
    assertThat(onContext(() -> coordinator(sagas, clock).advanceDue())).isEqualTo(all.size());

    assertThat(callsNaming(all)).as("the retry is shared too").hasSize(2);
    assertThat(all)
        .allSatisfy(
            i ->
                assertThat(stored(sagas.get(i)).step())
                    .isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE));
  }

  /** A stored, due create from each instance, by instance. */
  private Map<String, Saga> dueCreates(List<String> instances) {
    Instant due =
        Instant.now()
            .plus(Duration.ofDays(365L * 30))
            .plusMillis(UUID.randomUUID().hashCode() & 0xffff)
            .truncatedTo(ChronoUnit.MILLIS);
    Map<String, Saga> sagas = new LinkedHashMap<>();
    for (String instance : instances) {
      sagas.put(instance, create(instance, due));
    }
    return sagas;
  }

  /** A stored create from the instance, started and due at {@code startedAt}. */
  private Saga create(String instance, Instant startedAt) {
    return SagaStarts.started(
        store,
        REGION,
        instance,
        "together-" + instance.substring(2),
        startedAt,
        definitions.policies());
  }

  private static FakeClock clockAfter(Map<String, Saga> sagas) {
    return new FakeClock(
        sagas.values().stream()
            .map(Saga::nextWakeAt)
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plusSeconds(1));
  }

  private SagaCoordinator coordinator(Map<String, Saga> sagas, FakeClock clock) {
    var only =
        new OnlyTheseSagas(
            store, pool, sagas.values().stream().map(Saga::id).collect(Collectors.toSet()));
    return new SagaCoordinator(
        only, gateway, encoder, definitions, clock, "together", 10_000, LEASE, 3, tracing);
  }

  private Saga stored(Saga saga) {
    return onContext(() -> store.find(saga.id())).orElseThrow();
  }

  /** The DescribeInstances calls that asked about any of these instances. */
  private static List<List<String>> callsNaming(List<String> instances) {
    return DESCRIBE_CALLS.stream()
        .filter(ids -> ids.stream().anyMatch(instances::contains))
        .toList();
  }

  private static List<String> idList(String json) {
    if (json == null) {
      return List.of();
    }
    return Arrays.stream(json.replaceAll("[\\[\\]\"\\s]", "").split(","))
        .filter(id -> !id.isEmpty())
        .toList();
  }

  private static List<String> instances(int n, InstanceStatus status) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(instance(status));
    }
    return ids;
  }

  private static String instance(InstanceStatus status) {
    String id = "i-tg" + random(14);
    sim().world().seedInstance(REGION, id, status);
    return id;
  }

  private static String random(int length) {
    return UUID.randomUUID().toString().replace("-", "").substring(0, length);
  }

  private static EcsSimulator sim() {
    return EcsSimulatorResource.simulator();
  }
}
