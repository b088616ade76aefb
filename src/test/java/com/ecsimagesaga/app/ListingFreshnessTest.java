package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.testsupport.ImageSpecs;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which listing may answer a group of polling sagas: one taken after each was submitted and became
 * due.
 */
class ListingFreshnessTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  static Saga waiting(Instant submittedAt, Instant dueAt) {
    var spec = ImageSpecs.fromInstance("cn-hangzhou", "i-1", "img");
    return Saga.restore(
            UUID.randomUUID(),
            CreateImageSaga.TYPE,
            "c",
            "cn-hangzhou",
            new CreateInput(spec, null, false),
            T0,
            3)
        .status(SagaStatus.WAITING)
        .step(CreateImageSaga.AWAIT_IMAGE_USABLE)
        .imageId("m-1")
        .token("tok", 0)
        .stepStartedAt(submittedAt)
        .nextWakeAt(dueAt)
        .deadlineAt(T0.plusSeconds(3600))
        .build();
  }

  @Test
  void aListingMustBeNewerThanTheLatestDueTimeOfTheGroup() {
    var group =
        List.of(waiting(T0, T0.plusSeconds(15)), waiting(T0.plusSeconds(2), T0.plusSeconds(30)));
    assertThat(SagaCoordinator.listingTakenAfter(group)).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void andNewerThanTheLatestSubmission() {
    var group =
        List.of(waiting(T0.plusSeconds(40), T0.plusSeconds(30)), waiting(T0, T0.plusSeconds(15)));
    assertThat(SagaCoordinator.listingTakenAfter(group)).isEqualTo(T0.plusSeconds(40));
  }
}
