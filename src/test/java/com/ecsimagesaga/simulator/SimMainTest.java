package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.DefaultAcsClient;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone launcher and the Quarkus test resource. */
class SimMainTest {

  @Test
  void launcherReadsSettingsSeedsTheLocalInstanceAndPrintsAddresses() throws Exception {
    Map<String, String> settings =
        Map.of(
            "ecs.simulator.api-port",
            "0",
            "ecs.simulator.control-port",
            "0",
            "ecs.simulator.speed-factor",
            "500");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (EcsSimulator sim =
        EcsSimulatorMain.start(settings::get, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      DefaultAcsClient client = SdkClients.client(sim);
      assertThat(
              client
                  .getAcsResponse(Requests.fromInstance(EcsSimulatorMain.LOCAL_INSTANCE))
                  .getImageId())
          .startsWith("m-");
      assertThat(sim.speedFactor()).isEqualTo(500.0);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains(sim.endpoint())
          .contains("i-local0001");
      client.shutdown();
    }
  }

  @Test
  void quarkusTestResourcePublishesTheSagaEcsSettings() {
    EcsSimulatorResource resource = new EcsSimulatorResource();
    resource.init(Map.of());
    Map<String, String> config = resource.start();
    try {
      EcsSimulator sim = EcsSimulatorResource.simulator();
      assertThat(config)
          .containsEntry("saga.ecs.endpoint", "127.0.0.1:" + sim.apiPort())
          .containsEntry("saga.ecs.protocol", "HTTP")
          .containsEntry("saga.ecs.access-key-id", "sim-access-key-id")
          .containsEntry("saga.ecs.access-key-secret", "sim-access-key-secret");
      assertThat(sim.speedFactor()).isEqualTo(1000.0);
    } finally {
      resource.stop();
    }
  }
}
