package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Polling cost grows with ticks and regions, not with the number of images in flight. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class BatchedPollingTest extends SagaTestSupport {

  static final int IMAGES = 200;

  /**
   * A region no other test makes images in, so that the calls counted are this test's: sagas other
   * tests left waiting in the shared application poll their own regions.
   */
  static final String POLL_REGION = "cn-heyuan";

  @BeforeAll
  static void start() {
    connect();
  }

  @AfterEach
  void fastAgain() {
    EcsSimulatorResource.simulator().speedFactor(1000);
  }

  @Test
  void twoHundredConcurrentCreationsCostFewerDescribeImagesCallsThanImages() {
    var sim = EcsSimulatorResource.simulator();
    // About three seconds per image (Waiting 2 s + Creating 20 s, sped up 7 times): long enough
    // for every saga to poll many times.
    sim.speedFactor(7);
    List<CreateImage> commands = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      String instance = "i-poll" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      sim.world().seedInstance(POLL_REGION, instance, InstanceStatus.Running);
      commands.add(createFromInstance(instance).setRegionId(POLL_REGION).build());
    }
    AtomicLong describes = new AtomicLong();
    sim.observeCalls(
        (action, params, at) -> {
          if ("DescribeImages".equals(action) && POLL_REGION.equals(params.get("RegionId"))) {
            describes.incrementAndGet();
          }
        });
    commands.forEach(SagaTestSupport::publish);

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                commands.stream()
                    .allMatch(
                        c ->
                            eventsFor(c.getCommandId()).stream()
                                .anyMatch(ImageCreated.class::isInstance)));

    long describeCalls = describes.get();
    long perImageBaseline = IMAGES * 3L;
    System.out.printf(
        "DescribeImages calls for %d concurrent creations: %d (per-image polling would need at least %d)%n",
        IMAGES, describeCalls, perImageBaseline);
    assertThat(describeCalls).isLessThan(IMAGES);
  }
}
