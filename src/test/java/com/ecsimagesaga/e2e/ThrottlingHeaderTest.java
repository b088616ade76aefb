package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CreateImage throttled with {@code X-RateLimit-User-API: Remain:0,TimeLeft:2000}, through Kafka,
 * the coordinator and the real SDK: the saga's retry waits out TimeLeft (its own backoff in the
 * test profile would come back within 1 s) and the saga still ends with exactly one image.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class ThrottlingHeaderTest extends SagaTestSupport {

  static final Duration TIME_LEFT = Duration.ofSeconds(2);

  @BeforeAll
  static void start() {
    connect();
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
  }

  @Test
  void aCreateThrottledWithTimeLeftIsRetriedAfterItAndMakesExactlyOneImage() {
    sim().faults().next("CreateImage", 1, Fault.throttling(TIME_LEFT));
    var command = createFromInstance(seededInstance()).build();
    publish(command);

    ImageCreated created = awaitEvent(command.getCommandId(), ImageCreated.class);

    var images =
        sim().world().images(REGION).stream()
            .filter(i -> created.getSagaId().equals(i.tags().get("ecs-image-saga/saga-id")))
            .toList();
    assertThat(images)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.imageId()).isEqualTo(created.getImageId());
              assertThat(i.usable()).isTrue();
            });
    assertThat(images).noneMatch(ImageView::deleted);
    CallCounters calls = sim().counters();
    Instant throttledAt = calls.lastAt("CreateImage", "Throttling.User").orElseThrow();
    Instant createdAt = calls.lastAt("CreateImage", CallCounters.OK).orElseThrow();
    assertThat(Duration.between(throttledAt, createdAt))
        .as("the retry came no earlier than TimeLeft")
        .isGreaterThanOrEqualTo(TIME_LEFT);
  }
}
