package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One look at many instances of a region: a DescribeInstances per 100 ids, each id answered with
 * its own instance, one token of the rate budget per call, and a failed call classified for every
 * id as a call about that id alone is. The real SDK over HTTP against the simulator, whose counters
 * say how many calls were made; the budget's clock stands still, so no token comes back during a
 * test.
 */
class InstanceChecksTest {

  static final String REGION = "cn-hangzhou";

  private final FakeClock clock = new FakeClock(Instant.now());
  private EcsSimulator sim;
  private EcsImageGateway gateway;

  private void start(double callsPerSecond) {
    sim = EcsSimulator.start(SimulatorConfig.builder().controlPort(-1).speedFactor(1000).build());
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret());
    gateway = new EcsImageGateway(config, clock, new RateBudget(clock, callsPerSecond, Map.of()));
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  @Test
  void eachIdGetsItsOwnInstanceFromOneCallPerHundredIds() {
    start(100);
    List<String> running = instances(140, InstanceStatus.Running);
    String stopped = instance(InstanceStatus.Stopped);
    String starting = instance(InstanceStatus.Starting);
    String locked = instance(InstanceStatus.Running);
    sim.world().lockInstance(REGION, locked, "security");
    List<String> unknown = List.of("i-none" + random(12), "i-none" + random(12));
    Set<String> asked = new HashSet<>(running);
    asked.addAll(List.of(stopped, starting, locked));
    asked.addAll(unknown);

    Map<String, StepOutcome> outcomes = observe(asked);

    assertThat(sim.counters().count("DescribeInstances")).isEqualTo(2);
    assertThat(outcomes).hasSize(asked.size());
    for (String id : running) {
      assertThat(outcomes.get(id)).isEqualTo(seen(id, "Running", false));
    }
    assertThat(outcomes.get(stopped)).isEqualTo(seen(stopped, "Stopped", false));
    assertThat(outcomes.get(starting)).isEqualTo(seen(starting, "Starting", false));
    assertThat(outcomes.get(locked)).isEqualTo(seen(locked, "Running", true));
    for (String id : unknown) {
      assertThat(outcomes.get(id)).isEqualTo(new StepOutcome.SourceMissing(id));
    }
  }

  @Test
  void aHundredInstancesAreAllOnTheOnePageOfOneCall() {
    start(100);
    List<String> ids = instances(100, InstanceStatus.Running);

    Map<String, StepOutcome> outcomes = observe(Set.copyOf(ids));

    assertThat(sim.counters().count("DescribeInstances")).isEqualTo(1);
    assertThat(ids)
        .allSatisfy(id -> assertThat(outcomes.get(id)).isEqualTo(seen(id, "Running", false)));
  }

  @Test
  void aCallTakesOneTokenOfTheBudgetWhateverTheNumberOfIds() {
    start(1);
    Set<String> ids = Set.copyOf(instances(100, InstanceStatus.Running));

    assertThat(observe(ids).values()).allMatch(StepOutcome.InstanceSeen.class::isInstance);
    Map<String, StepOutcome> held = observe(ids);

    assertThat(sim.counters().count("DescribeInstances")).as("the held call never left").isOne();
    assertThat(held.values())
        .hasSize(100)
        .allSatisfy(o -> new FailedOutcome(o).is(ErrorKind.HELD, CloudActionNames.HELD_BY_BUDGET));
  }

  @Test
  void aFailedCallGivesEveryIdItAskedAboutTheErrorACallAboutItAloneGets() {
    start(100);
    Set<String> ids = Set.copyOf(instances(3, InstanceStatus.Running));
    sim.faults().next("DescribeInstances", 1, Fault.serviceUnavailable());
    Map<String, StepOutcome> together = observe(ids);
    sim.faults().next("DescribeInstances", 1, Fault.serviceUnavailable());
    StepOutcome alone =
        gateway
            .execute(new CloudAction.DescribeInstance(REGION, ids.iterator().next()))
            .await()
            .atMost(Duration.ofSeconds(10));

    FailedOutcome single = new FailedOutcome(alone);
    assertThat(together.values())
        .hasSize(3)
        .allSatisfy(o -> new FailedOutcome(o).is(single.kind(), single.code()));
    assertThat(single.kind()).isEqualTo(ErrorKind.TRANSIENT);
  }

  @Test
  void aThrottledCallHoldsTheNextOneForTheTimeEcsAskedForEveryId() {
    start(100);
    Set<String> ids = Set.copyOf(instances(3, InstanceStatus.Running));
    sim.faults().next("DescribeInstances", 1, Fault.throttling(Duration.ofSeconds(30)));

    Map<String, StepOutcome> throttled = observe(ids);
    Map<String, StepOutcome> held = observe(ids);

    assertThat(throttled.values())
        .hasSize(3)
        .allSatisfy(o -> new FailedOutcome(o).is(ErrorKind.THROTTLED, "Throttling.User"));
    assertThat(held.values())
        .hasSize(3)
        .allSatisfy(o -> new FailedOutcome(o).is(ErrorKind.HELD, CloudActionNames.HELD_BY_BUDGET));
    assertThat(sim.counters().count("DescribeInstances")).isOne();
  }

  /** The classified error of a failed outcome. */
  private record FailedOutcome(StepOutcome outcome) {
    FailedOutcome {
      assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    }

    ErrorKind kind() {
      return ((StepOutcome.Failed) outcome).error().kind();
    }

    String code() {
      return ((StepOutcome.Failed) outcome).error().code();
    }

    void is(ErrorKind kind, String code) {
      assertThat(kind()).isEqualTo(kind);
      assertThat(code()).isEqualTo(code);
    }
  }

  private Map<String, StepOutcome> observe(Set<String> ids) {
    return gateway.observeInstances(REGION, ids).await().atMost(Duration.ofSeconds(10));
  }

  private static StepOutcome seen(String id, String status, boolean locked) {
    return new StepOutcome.InstanceSeen(new InstanceObservation(id, status, locked));
  }

  private List<String> instances(int n, InstanceStatus status) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(instance(status));
    }
    return ids;
  }

  private String instance(InstanceStatus status) {
    String id = "i-ic" + random(14);
    sim.world().seedInstance(REGION, id, status);
    return id;
  }

  private static String random(int length) {
    return UUID.randomUUID().toString().replace("-", "").substring(0, length);
  }
}
