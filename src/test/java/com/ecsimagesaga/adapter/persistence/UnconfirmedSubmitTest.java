package com.ecsimagesaga.adapter.persistence;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.app.SagaDefinitions;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.SagaStarts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pass that claimed a create saga and never stored its outcome may have sent a CreateImage whose
 * answer is lost; the next claim marks the saga so that giving up looks for the image.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class UnconfirmedSubmitTest {

  static final Duration LEASE = Duration.ofMinutes(1);

  @Inject SagaStore store;
  @Inject SagaDefinitions definitions;

  /** A create saga due a year from now, so the running coordinator never claims it. */
  private Saga startedLater(Instant later) {
    return SagaStarts.started(
        store, "cn-hangzhou", "i-unconfirmed", "unconfirmed", later, definitions.policies());
  }

  private Saga claim(UUID id, Instant now, String owner) {
    return onContext(() -> store.claimDue(now, 1000, owner, LEASE)).stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("saga " + id + " was not claimed at " + now));
  }

  private void store(Saga previous, Saga next, String owner) {
    assertThat(
            onContext(
                () ->
                    store.apply(List.of(new SagaStore.Transit(previous, next, List.of())), owner)))
        .containsExactly(previous.id());
  }

  @Test
  void aClaimAfterAPassThatNeverStoredMarksTheSubmissionUnconfirmed() {
    Instant later = Instant.now().plus(Duration.ofDays(365));
    Saga saga = startedLater(later);
    Saga checking = claim(saga.id(), later, "instance-a");
    assertThat(checking.submitUnconfirmed()).as("a new saga's first claim").isFalse();
    store(
        checking, checking.edit().step(CreateImageSaga.SUBMIT_CREATE_IMAGE).build(), "instance-a");

    Saga submitting = claim(saga.id(), later, "instance-a");
    assertThat(submitting.submitUnconfirmed()).as("the previous pass stored its outcome").isFalse();
    // instance-a stops here, its CreateImage possibly sent; its lease runs out.

    Saga recovered = claim(saga.id(), later.plus(LEASE).plusSeconds(1), "instance-b");
    assertThat(recovered.submitUnconfirmed()).isTrue();
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().submitUnconfirmed())
        .as("stored with the claim")
        .isTrue();

    // The mark stays through later stores until the saga ends.
    store(recovered, recovered.edit().attempt(1).build(), "instance-b");
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().submitUnconfirmed()).isTrue();
  }

  @Test
  void aSagaThatAlreadyHasItsImageIsNotMarked() {
    Instant later = Instant.now().plus(Duration.ofDays(366));
    Saga saga = startedLater(later);
    Saga checking = claim(saga.id(), later, "instance-a");
    store(
        checking,
        checking
            .edit()
            .step(CreateImageSaga.AWAIT_IMAGE_USABLE)
            .status(SagaStatus.WAITING)
            .imageId("m-known")
            .build(),
        "instance-a");
    claim(saga.id(), later, "instance-a");
    Saga recovered = claim(saga.id(), later.plus(LEASE).plusSeconds(1), "instance-b");
    assertThat(recovered.submitUnconfirmed()).isFalse();
  }

  @Test
  void theMarkRoundTripsThroughTheStore() {
    Instant later = Instant.now().plus(Duration.ofDays(367));
    Saga saga = startedLater(later);
    Saga checking = claim(saga.id(), later, "instance-a");
    store(
        checking,
        checking.edit().step(CreateImageSaga.SUBMIT_CREATE_IMAGE).submitUnconfirmed(true).build(),
        "instance-a");
    assertThat(onContext(() -> store.find(saga.id())).orElseThrow().submitUnconfirmed()).isTrue();
  }
}
