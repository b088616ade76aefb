package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What benchmarks read from the simulator: when an image becomes usable, and every call as it
 * arrives.
 */
class SimMeasurementHooksTest {
  private final MutableClock clock = MutableClock.atWallTime();
  private EcsSimulator sim;
  private DefaultAcsClient client;

  @BeforeEach
  void start() {
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .waitingDuration(Duration.ofSeconds(10))
                .creatingDuration(Duration.ofMinutes(30))
                .build());
    client = SdkClients.client(sim);
    sim.world().seedInstance(SdkClients.REGION, "i-hooks", InstanceStatus.Running);
  }

  @AfterEach
  void stop() {
    client.shutdown();
    sim.close();
  }

  @Test
  void anImageIsUsableAtTheEndOfItsTimelinePlusTheUsableLag() throws Exception {
    String plain = client.getAcsResponse(Requests.fromInstance("i-hooks")).getImageId();
    sim.faults().next("CreateImage", 1, Fault.availableBeforeUsable(Duration.ofSeconds(5)));
    String lagging = client.getAcsResponse(Requests.fromInstance("i-hooks")).getImageId();
    Instant created = sim.world().image(SdkClients.REGION, plain).orElseThrow().creationTime();

    Instant usableAt = sim.world().image(SdkClients.REGION, plain).orElseThrow().usableAt();
    assertThat(usableAt)
        .isEqualTo(created.plus(Duration.ofSeconds(10)).plus(Duration.ofMinutes(30)));
    assertThat(sim.world().image(SdkClients.REGION, lagging).orElseThrow().usableAt())
        .isEqualTo(usableAt.plus(Duration.ofSeconds(5)));

    clock.advance(Duration.between(clock.instant(), usableAt).minusMillis(1));
    assertThat(sim.world().image(SdkClients.REGION, plain).orElseThrow().usable()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(sim.world().image(SdkClients.REGION, plain).orElseThrow().usable()).isTrue();
  }

  @Test
  void anImageThatWillFailIsNeverUsable() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.createFailedAt(40));
    String failing = client.getAcsResponse(Requests.fromInstance("i-hooks")).getImageId();

    assertThat(sim.world().image(SdkClients.REGION, failing).orElseThrow().usableAt()).isNull();
  }

  @Test
  void observersSeeEveryCallWithItsParametersWhenItArrives() throws Exception {
    record Seen(String action, Map<String, String> params, Instant at) {}
    List<Seen> seen = new CopyOnWriteArrayList<>();
    sim.observeCalls((action, params, at) -> seen.add(new Seen(action, Map.copyOf(params), at)));
    DescribeInstancesRequest describe = new DescribeInstancesRequest();
    describe.setSysRegionId(SdkClients.REGION);
    describe.setInstanceIds("[\"i-hooks\"]");

    client.getAcsResponse(describe);
    client.getAcsResponse(Requests.fromInstance("i-hooks"));

    assertThat(seen).extracting(Seen::action).containsExactly("DescribeInstances", "CreateImage");
    assertThat(seen.get(0).params()).containsEntry("InstanceIds", "[\"i-hooks\"]");
    assertThat(seen.get(1).params()).containsEntry("InstanceId", "i-hooks");
    assertThat(seen).extracting(Seen::at).containsOnly(clock.instant());
    sim.reset();
    client.getAcsResponse(describe);
    assertThat(seen).hasSize(2);
  }
}
