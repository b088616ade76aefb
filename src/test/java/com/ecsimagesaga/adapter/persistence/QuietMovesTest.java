package com.ecsimagesaga.adapter.persistence;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.SagaStore.Transit;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Polls that changed nothing but the wake-up time and progress are stored for a whole pass in one
 * statement: the row moves on under the same version and lease guard as any other move, and the
 * step's history row counts them exactly as a move stored on its own would.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class QuietMovesTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String OWNER = "quiet-test";

  @Inject SagaStore store;
  @Inject com.ecsimagesaga.app.SagaDefinitions definitions;
  @Inject Pool pool;

  @Test
  void aPollThatChangedOnlyItsWakeUpTimeIsQuietAndAnythingElseIsNot() {
    Saga waiting = aWaitingSaga(Instant.parse("2026-11-28T10:00:00Z"));
    Saga later = waiting.edit().nextWakeAt(waiting.nextWakeAt().plusSeconds(15)).build();
    assertThat(QuietMoves.isQuiet(new Transit(waiting, later, List.of()))).isTrue();

    assertThat(
            QuietMoves.isQuiet(new Transit(waiting, later.edit().progress(14).build(), List.of())))
        .as("progress within its 10 % step, no event")
        .isTrue();
    assertThat(
            QuietMoves.isQuiet(
                new Transit(
                    waiting, later.edit().snapshotIds(List.of("s-new")).build(), List.of())))
        .as("the snapshots")
        .isFalse();
    assertThat(
            QuietMoves.isQuiet(
                new Transit(
                    waiting,
                    later
                        .edit()
                        .attempt(1)
                        .lastError(
                            new CloudError(
                                ErrorKind.THROTTLED, "Throttling", "slow down", "req", null))
                        .build(),
                    List.of())))
        .as("an error")
        .isFalse();
    assertThat(
            QuietMoves.isQuiet(
                new Transit(
                    waiting,
                    later
                        .edit()
                        .status(SagaStatus.SUCCEEDED)
                        .step(Step.DONE)
                        .nextWakeAt(null)
                        .build(),
                    List.of())))
        .as("finished")
        .isFalse();
    OutboxMessage event =
        new OutboxMessage(
            0,
            UUID.randomUUID(),
            waiting.id(),
            "ImageCreationProgressed",
            "k",
            new byte[0],
            Map.of(),
            Instant.now());
    assertThat(QuietMoves.isQuiet(new Transit(waiting, later, List.of(event))))
        .as("an event")
        .isFalse();
    assertThat(
            QuietMoves.isQuiet(
                new Transit(
                    List.of(
                        waiting,
                        later,
                        later.edit().nextWakeAt(later.nextWakeAt().plusSeconds(15)).build()),
                    List.of())))
        .as("two moves")
        .isFalse();
  }

  @Test
  void quietPollsMoveTheRowUnderItsGuardAndCountInTheStepsHistoryRow() {
    Instant t = Instant.now().plus(Duration.ofDays(365L * 40)).truncatedTo(ChronoUnit.MILLIS);
    Saga started = aStartedSaga(t);
    Saga claimed = lease(started.id());
    // The submission's answer: a move to a new step, stored the usual way.
    Saga awaiting =
        claimed
            .edit()
            .status(SagaStatus.WAITING)
            .step(CreateImageSaga.AWAIT_IMAGE_USABLE)
            .imageId("m-quiet")
            .stepStartedAt(t)
            .nextWakeAt(t.plusSeconds(2))
            .build();
    assertThat(
            onContext(() -> store.apply(List.of(new Transit(claimed, awaiting, List.of())), OWNER)))
        .containsExactly(started.id());

    Instant firstWake = t.plusSeconds(4);
    Saga polled = lease(started.id());
    Transit quiet =
        new Transit(polled, polled.edit().nextWakeAt(firstWake).progress(3).build(), List.of());
    assertThat(QuietMoves.isQuiet(quiet)).isTrue();
    assertThat(onContext(() -> store.apply(List.of(quiet), OWNER))).containsExactly(started.id());
    Saga again = lease(started.id());
    assertThat(
            onContext(
                () ->
                    store.apply(
                        List.of(
                            new Transit(
                                again,
                                again.edit().nextWakeAt(t.plusSeconds(6)).progress(7).build(),
                                List.of())),
                        OWNER)))
        .containsExactly(started.id());

    Row row = sagaRow(started.id());
    assertThat(row.getLong("version")).isEqualTo(claimed.version() + 3);
    assertThat(row.getOffsetDateTime("next_wake_at").toInstant()).isEqualTo(t.plusSeconds(6));
    assertThat(row.getString("lease_owner")).isNull();
    assertThat(row.getString("step")).isEqualTo("AWAIT_IMAGE_USABLE");
    assertThat(row.getString("image_id")).isEqualTo("m-quiet");
    assertThat(row.getInteger("progress")).as("the last poll's progress").isEqualTo(7);

    List<Row> history = historyRows(started.id());
    assertThat(history)
        .extracting(r -> r.getString("step"))
        .containsExactly("CHECK_SOURCE", "AWAIT_IMAGE_USABLE");
    Row await = history.get(1);
    assertThat(await.getInteger("executions")).as("both polls counted").isEqualTo(2);
    assertThat(await.getString("outcome_step")).isEqualTo("AWAIT_IMAGE_USABLE");
    assertThat(await.getString("outcome_status")).isEqualTo("WAITING");
    assertThat(await.getInteger("error_count")).isZero();
    assertThat(await.getInteger("max_attempt")).isZero();
    assertThat(await.getString("image_id")).isEqualTo("m-quiet");
    assertThat(await.getInteger("progress")).isEqualTo(7);
    assertThat(await.getOffsetDateTime("step_started_at").toInstant()).isEqualTo(t);
    assertThat(await.getOffsetDateTime("last_at")).isAfter(await.getOffsetDateTime("first_at"));

    // A quiet poll computed from a version that moved on is dropped, like any other move.
    Saga current = lease(started.id());
    Transit stale =
        new Transit(polled, polled.edit().nextWakeAt(t.plusSeconds(60)).build(), List.of());
    assertThat(onContext(() -> store.apply(List.of(stale), OWNER))).isEmpty();
    assertThat(sagaRow(started.id()).getLong("version")).isEqualTo(current.version());
    assertThat(sagaRow(started.id()).getOffsetDateTime("next_wake_at").toInstant())
        .isEqualTo(t.plusSeconds(6));
    assertThat(sagaRow(started.id()).getInteger("progress")).isEqualTo(7);
    assertThat(historyRows(started.id()).get(1).getInteger("executions")).isEqualTo(2);
  }

  private Saga aWaitingSaga(Instant t) {
    return aNewSaga(t)
        .edit()
        .status(SagaStatus.WAITING)
        .step(CreateImageSaga.AWAIT_IMAGE_USABLE)
        .imageId("m-1")
        .stepStartedAt(t)
        .nextWakeAt(t.plusSeconds(15))
        .progress(10)
        .build();
  }

  private Saga aNewSaga(Instant t) {
    return SagaStarts.createFrom("cn-hangzhou", "i-quiet", "quiet", t, definitions.policies());
  }

  /** Stored far in the future, so the running coordinator never claims it. */
  private Saga aStartedSaga(Instant t) {
    Saga saga = aNewSaga(t);
    assertThat(onContext(() -> store.start(saga))).isTrue();
    return saga;
  }

  /** Leases the one saga to this test, as a claim would, and reads it back. */
  private Saga lease(UUID id) {
    pool.preparedQuery(
            "update saga set lease_owner = $2, lease_until = now() + interval '1 minute' where id = $1")
        .execute(Tuple.of(id, OWNER))
        .await()
        .atMost(WAIT);
    return onContext(() -> store.find(id)).orElseThrow();
  }

  private Row sagaRow(UUID id) {
    return pool.preparedQuery("select * from saga where id = $1")
        .execute(Tuple.of(id))
        .await()
        .atMost(WAIT)
        .iterator()
        .next();
  }

  private List<Row> historyRows(UUID id) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("select * from saga_history where saga_id = $1 order by first_at, step")
        .execute(Tuple.of(id))
        .await()
        .atMost(WAIT)
        .forEach(rows::add);
    return rows;
  }
}
