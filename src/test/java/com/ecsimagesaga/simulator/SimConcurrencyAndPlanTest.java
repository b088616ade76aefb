package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.exceptions.ClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent retries of one ClientToken, and the fault plan and counters as plain objects. */
class SimConcurrencyAndPlanTest extends SimulatorFixture {

  @Test
  void concurrentCallsWithOneTokenCreateExactlyOneImage() throws Exception {
    sim.world().seedInstance(REGION, "i-c", InstanceStatus.Running);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            () -> {
              var request = Requests.fromInstance("i-c");
              request.setClientToken("one-token");
              try {
                return client.getAcsResponse(request).getImageId();
              } catch (ClientException e) {
                return e.getErrCode();
              }
            });
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        outcomes.add(f.get());
      }
      String imageId = sim.world().images(REGION).get(0).imageId();
      assertThat(outcomes)
          .allMatch(o -> o.equals(imageId) || o.equals("LastTokenProcessing"))
          .contains(imageId);
      assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void countedFaultsAreConsumedInOrderBeforeProbabilisticOnes() {
    FaultPlan plan = new FaultPlan(new Random(1));
    plan.next("CreateImage", 2, Fault.internalError())
        .next("CreateImage", 1, Fault.serviceUnavailable())
        .probability("CreateImage", 0.0, Fault.operationConflict());

    assertThat(plan.pending("CreateImage")).isEqualTo(3);
    assertThat(plan.draw("CreateImage")).contains(Fault.internalError());
    assertThat(plan.draw("CreateImage")).contains(Fault.internalError());
    assertThat(plan.draw("CreateImage")).contains(Fault.serviceUnavailable());
    assertThat(plan.draw("CreateImage")).isEmpty();
    assertThat(plan.draw("DescribeImages")).isEmpty();
    plan.probability("DescribeImages", 1.0, Fault.throttling());
    assertThat(plan.draw("DescribeImages")).contains(Fault.throttling());
    plan.clear();
    assertThat(plan.draw("DescribeImages")).isEmpty();
  }

  @Test
  void countersSnapshotAndReset() {
    CallCounters counters = new CallCounters();
    counters.record("CreateImage", "OK");
    counters.record("CreateImage", "Throttling.User");
    counters.record("DeleteImage", "OK");

    assertThat(counters.snapshot())
        .isEqualTo(
            Map.of(
                "CreateImage",
                Map.of("OK", 1L, "Throttling.User", 1L),
                "DeleteImage",
                Map.of("OK", 1L)));
    assertThat(counters.total()).isEqualTo(3);
    counters.reset();
    assertThat(counters.total()).isZero();
  }

  @Test
  void tokenInFlightCodeIsConfigurable() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .controlPort(-1)
                .tokenInFlightCode("IdempotentProcessing")
                .build());
    client = SdkClients.client(sim);
    sim.world().seedInstance(REGION, "i-c", InstanceStatus.Running);
    sim.faults()
        .next("CreateImage", 1, Fault.lostResponseAfterCommit(java.time.Duration.ofSeconds(2)));
    var request = Requests.fromInstance("i-c");
    request.setClientToken("slow-token");
    request.setSysReadTimeout(200);

    SdkClients.thrown(client, request, 400, "SDK.ReadTimeout");
    SdkClients.thrown(client, request, 403, "IdempotentProcessing");
  }
}
