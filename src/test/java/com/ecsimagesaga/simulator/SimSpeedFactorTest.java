package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aliyuncs.DefaultAcsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With the real clock and speed factor 1000 an image is Available and Usable within a fraction of a
 * second.
 */
class SimSpeedFactorTest {

  @Test
  void speedFactorShrinksTheLifecycle() throws Exception {
    try (EcsSimulator sim =
        EcsSimulator.start(SimulatorConfig.builder().speedFactor(1000).build())) {
      DefaultAcsClient client = SdkClients.client(sim);
      sim.world().seedInstance(SdkClients.REGION, "i-fast", InstanceStatus.Running);
      String imageId = client.getAcsResponse(Requests.fromInstance("i-fast")).getImageId();

      await()
          .atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(
              () ->
                  assertThat(Requests.anyStatus(client, imageId).get(0).getStatus())
                      .isEqualTo("Available"));
      assertThat(sim.world().image(SdkClients.REGION, imageId).orElseThrow().usable()).isTrue();
      client.shutdown();
    }
  }
}
