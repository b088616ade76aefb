package com.ecsimagesaga.adapter.persistence;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.app.SagaDefinitions;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.ImageSpecs;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A claim reads a saga's input once per instance and keeps it: the input never changes, so later
 * claims return every other column and take the input kept. Shown by spoiling the stored input
 * after the first claim: a kept input still claims, one never kept (or forgotten when its saga
 * finished) is read from the row again and the saga is skipped as unreadable.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class KeptInputsTest {

  static final Duration LEASE = Duration.ofMinutes(1);
  static final String OWNER = "kept-inputs-test";

  @Inject SagaStore store;
  @Inject PgSagaStore pgStore;
  @Inject SagaDefinitions definitions;
  @Inject Pool pool;

  @Test
  void aSecondClaimTakesTheKeptInputNotTheRow() {
    Instant later = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MILLIS);
    Saga saga = startedAt(later, "kept");
    Saga first = claim(saga.id(), later).orElseThrow();
    assertThat(first.input()).isEqualTo(saga.input());
    store(first, first.edit().nextWakeAt(later.plusSeconds(1)).build());

    spoilInput(saga.id());
    Saga second = claim(saga.id(), later.plusSeconds(1)).orElseThrow();
    assertThat(second.input()).isEqualTo(saga.input());
    assertThat(second.version()).isEqualTo(first.version() + 1);
    assertThat(second.nextWakeAt()).isEqualTo(later.plusSeconds(1));
  }

  @Test
  void aSagaTakenInByThisInstanceIsClaimedWithTheInputItStartedWith() {
    Instant later = Instant.now().plus(Duration.ofDays(450)).truncatedTo(ChronoUnit.MILLIS);
    Saga saga = startedAt(later, "taken");
    spoilInput(saga.id());
    assertThat(claim(saga.id(), later).orElseThrow().input()).isEqualTo(saga.input());
  }

  @Test
  void anInputNeverKeptIsReadFromTheRowAndAnUnreadableOneSkipsOnlyItsSaga() {
    Instant later = Instant.now().plus(Duration.ofDays(500)).truncatedTo(ChronoUnit.MILLIS);
    Saga spoilt = startedAt(later, "spoilt");
    Saga fine = startedAt(later, "fine");
    // As if another instance had taken them in: this one has not kept their inputs.
    forgetKeptInputs(spoilt.id(), fine.id());
    spoilInput(spoilt.id());
    List<Saga> claimed = onContext(() -> store.claimDue(later, 1000, OWNER, LEASE));
    assertThat(claimed).extracting(Saga::id).contains(fine.id()).doesNotContain(spoilt.id());
    assertThat(claimed.stream().filter(s -> s.id().equals(fine.id())).findFirst().orElseThrow())
        .extracting(Saga::input)
        .isEqualTo(fine.input());
  }

  @Test
  void aFinishedSagasInputIsForgottenSoAReplayReadsItAgain() {
    Instant later = Instant.now().plus(Duration.ofDays(600)).truncatedTo(ChronoUnit.MILLIS);
    Saga saga = startedAt(later, "finished");
    Saga claimed = claim(saga.id(), later).orElseThrow();
    store(
        claimed,
        claimed
            .edit()
            .status(SagaStatus.FAILED)
            .step(Step.DONE)
            .nextWakeAt(null)
            .failure(new Failure(CreateImageSaga.CHECK_SOURCE, "SOURCE", "X", "gone", null))
            .build());
    // As a replay would: the finished saga runs again from its row.
    pool.preparedQuery(
            "update saga set status = 'RUNNING', step = 'CHECK_SOURCE', next_wake_at = $2 where id = $1")
        .execute(Tuple.of(saga.id(), SagaRows.utc(later)))
        .await()
        .atMost(Duration.ofSeconds(30));
    spoilInput(saga.id());
    assertThat(claim(saga.id(), later.plusSeconds(1))).isEmpty();
  }

  private void forgetKeptInputs(UUID... ids) {
    for (UUID id : ids) {
      pgStore.keptInputs().forget(id);
    }
  }

  @Test
  void inputsAreKeptUpToTheirCapacityLeastRecentlyClaimedFirstOut() {
    SagaInputs kept = new SagaInputs(2);
    SagaInput input = startedInput("capacity");
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    kept.keep(a, input);
    kept.keep(b, input);
    assertThat(kept.get(a)).isSameAs(input);
    kept.keep(c, input);
    assertThat(kept.get(b)).as("least recently used").isNull();
    assertThat(kept.get(a)).isSameAs(input);
    assertThat(kept.get(c)).isSameAs(input);
    kept.forget(a);
    assertThat(kept.size()).isEqualTo(1);

    SagaInputs none = new SagaInputs(0);
    none.keep(a, input);
    assertThat(none.get(a)).isNull();
  }

  private CreateInput startedInput(String name) {
    return new CreateInput(ImageSpecs.fromInstance("cn-hangzhou", "i-" + name, name), null, false);
  }

  /** A create saga due at {@code later}, so the running coordinator never claims it. */
  private Saga startedAt(Instant later, String name) {
    return SagaStarts.started(
        store, "cn-hangzhou", "i-" + name, name, later, definitions.policies());
  }

  private Optional<Saga> claim(UUID id, Instant now) {
    return onContext(() -> store.claimDue(now, 1000, OWNER, LEASE)).stream()
        .filter(s -> s.id().equals(id))
        .findFirst();
  }

  private void store(Saga previous, Saga next) {
    assertThat(
            onContext(
                () ->
                    store.apply(List.of(new SagaStore.Transit(previous, next, List.of())), OWNER)))
        .containsExactly(previous.id());
  }

  private void spoilInput(UUID id) {
    pool.preparedQuery("update saga set input = '{\"not\": \"an input\"}' where id = $1")
        .execute(Tuple.of(id))
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
