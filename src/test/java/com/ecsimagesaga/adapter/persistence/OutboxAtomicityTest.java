package com.ecsimagesaga.adapter.persistence;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.ImageSpecs;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox row and the saga state change that causes it commit together or not at all: an event
 * that cannot be stored takes the state change down with it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class OutboxAtomicityTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject SagaStore store;
  @Inject com.ecsimagesaga.app.SagaDefinitions definitions;
  @Inject Pool pool;
  @Inject com.ecsimagesaga.port.EventEncoder encoder;

  /** A real event, since the relay publishes whatever this test stores. */
  static com.ecsimagesaga.saga.SagaEvent created(Saga saga, UUID eventId) {
    return new com.ecsimagesaga.saga.create.CreateEvents.ImageCreated(
        eventId,
        saga.id(),
        saga.commandId(),
        Instant.now(),
        saga.regionId(),
        "m-atomic",
        "atomic",
        "Available",
        true,
        List.of());
  }

  /** Hibernate Reactive runs on a Vert.x context; the test thread is not one. */
  @Test
  void aStateChangeWhoseEventCannotBeStoredIsNotStoredEither() {
    SagaPolicies policies = definitions.policies();
    // A saga far in the future, so the running coordinator never claims it during the test.
    Instant later = Instant.now().plus(Duration.ofDays(365));
    var spec = ImageSpecs.fromInstance("cn-hangzhou", "i-atomic", "atomic");
    Saga saga =
        CreateImageSaga.start(
            UUID.randomUUID(),
            "atomic-" + UUID.randomUUID(),
            new CreateInput(spec, null, false),
            later,
            policies);
    assertThat(onContext(() -> store.start(saga))).isTrue();
    List<Saga> claimed =
        onContext(
            () -> store.claimDue(later.plusSeconds(1), 1000, "test-owner", Duration.ofMinutes(1)));
    Saga mine = claimed.stream().filter(s -> s.id().equals(saga.id())).findFirst().orElseThrow();

    OutboxMessage event = encoder.encode(created(saga, UUID.randomUUID()));
    UUID eventId = event.eventId();
    assertThat(onContext(() -> store.appendOnce(List.of(event)))).isEqualTo(1);

    Saga next = mine.edit().status(SagaStatus.SUCCEEDED).step(Step.DONE).nextWakeAt(null).build();
    // The same event id again violates the outbox's unique key, inside the apply transaction.
    assertThatThrownBy(
            () ->
                onContext(
                    () ->
                        store.apply(
                            List.of(new SagaStore.Transit(mine, next, List.of(event))),
                            "test-owner")))
        .isNotNull();

    Saga after = onContext(() -> store.find(saga.id())).orElseThrow();
    assertThat(after.status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(after.step()).isEqualTo(CreateImageSaga.CHECK_SOURCE);
    assertThat(after.version()).isEqualTo(mine.version());
    long rows =
        pool.preparedQuery("select count(*) from outbox where event_id = $1")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(eventId))
            .await()
            .atMost(WAIT)
            .iterator()
            .next()
            .getLong(0);
    assertThat(rows).isEqualTo(1);

    // And with a storable event both land.
    OutboxMessage fresh = encoder.encode(created(saga, UUID.randomUUID()));
    assertThat(
            onContext(
                () ->
                    store.apply(
                        List.of(new SagaStore.Transit(mine, next, List.of(fresh))), "test-owner")))
        .containsExactly(saga.id());
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().status())
        .isEqualTo(SagaStatus.SUCCEEDED);
  }
}
