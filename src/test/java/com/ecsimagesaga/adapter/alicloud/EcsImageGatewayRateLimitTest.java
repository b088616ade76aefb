package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway with the real SDK over HTTP against the simulator: what ECS's {@code
 * X-RateLimit-User-API} header says holds the service's calls, without any thread sleeping it out.
 */
class EcsImageGatewayRateLimitTest {

  static final String REGION = "cn-hangzhou";

  private final ShiftedClock simClock = new ShiftedClock();
  private EcsSimulator sim;
  private EcsImageGateway gateway;
  private String instanceId;

  /**
   * Wall time plus an offset the test sets, so the simulator's minute window can be made to end
   * soon.
   */
  static final class ShiftedClock extends Clock {
    volatile long offsetMillis;

    @Override
    public Instant instant() {
      return Instant.now().plusMillis(offsetMillis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    /** Moves the clock so that it now reads {@code second} seconds into a minute. */
    long placeAt(int second) {
      long wall = System.currentTimeMillis();
      long target = second * 1000L;
      offsetMillis = Math.floorMod(target - Math.floorMod(wall, 60_000L), 60_000L);
      return wall;
    }
  }

  record Config(String endpointValue, String key, String secret, Duration reuse)
      implements EcsConfig {
    Config(String endpointValue, String key, String secret) {
      this(endpointValue, key, secret, Duration.ofMillis(50));
    }

    @Override
    public Optional<String> endpoint() {
      return Optional.of(endpointValue);
    }

    @Override
    public String protocol() {
      return "HTTP";
    }

    @Override
    public Optional<String> accessKeyId() {
      return Optional.of(key);
    }

    @Override
    public Optional<String> accessKeySecret() {
      return Optional.of(secret);
    }

    @Override
    public Duration connectTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration readTimeout() {
      return Duration.ofSeconds(5);
    }

    @Override
    public Duration listingReuse() {
      return reuse;
    }

    @Override
    public int workerThreads() {
      return 2;
    }

    @Override
    public RateLimit rateLimit() {
      return new RateLimit() {
        @Override
        public double perSecond() {
          return 100;
        }

        @Override
        public Map<String, Double> actions() {
          return Map.of();
        }

        @Override
        public Duration heartbeatInterval() {
          return Duration.ofSeconds(5);
        }

        @Override
        public Duration instanceExpiry() {
          return Duration.ofSeconds(20);
        }
      };
    }
  }

  @BeforeEach
  void start() {
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(simClock)
                .controlPort(-1)
                .speedFactor(1000)
                .rateLimit("DescribeInstances", 1)
                .build());
    var config =
        new Config(sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret());
    Clock clock = Clock.systemUTC();
    gateway = new EcsImageGateway(config, clock, new RateBudget(clock, 100, Map.of()));
    instanceId = "i-rl" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    sim.world().seedInstance(REGION, instanceId, InstanceStatus.Running);
    // Warm the SDK up (class loading, first connection), so the timed calls below are quick.
    assertThat(run(new CloudAction.ObserveImage(REGION, "m-none", null)))
        .isInstanceOf(StepOutcome.ImageMissing.class);
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  private StepOutcome run(CloudAction action) {
    return gateway.execute(action).await().atMost(Duration.ofSeconds(10));
  }

  private static StepOutcome.Failed failed(StepOutcome outcome) {
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    return (StepOutcome.Failed) outcome;
  }

  @Test
  void aSpentQuotaHoldsTheNextCallUntilTimeLeftPasses() {
    var describe = new CloudAction.DescribeInstance(REGION, instanceId);
    // The simulator's window of one DescribeInstances a minute now ends in 2 s: its answer says
    // Remain:0,TimeLeft:~2000.
    long t0 = System.nanoTime();
    simClock.placeAt(58);
    assertThat(run(describe)).isInstanceOf(StepOutcome.InstanceSeen.class);

    var held = failed(run(describe));
    assertThat(held.error().kind())
        .as("a wait for the turn, not a failure")
        .isEqualTo(ErrorKind.HELD);
    assertThat(held.error().code())
        .as("held by the service, not refused by ECS")
        .isEqualTo("LocalRateBudget");
    assertThat(held.error().retryAfter())
        .isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(sim.counters().count("DescribeInstances"))
        .as("the held call never left")
        .isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> run(describe) instanceof StepOutcome.InstanceSeen);
    Duration waited = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(waited)
        .as("no call before TimeLeft passed")
        .isGreaterThanOrEqualTo(Duration.ofMillis(2000));
    CallCounters calls = sim.counters();
    assertThat(calls.count("DescribeInstances", "Throttling.User"))
        .as("the service stopped before ECS had to")
        .isZero();
    assertThat(calls.count("DescribeInstances", CallCounters.OK)).isEqualTo(2);
    Instant first = calls.firstAt("DescribeInstances", CallCounters.OK).orElseThrow();
    Instant second = calls.lastAt("DescribeInstances", CallCounters.OK).orElseThrow();
    assertThat(second.toEpochMilli() / 60_000)
        .as("the second call fell into the next window")
        .isGreaterThan(first.toEpochMilli() / 60_000);
  }

  @Test
  void aThrottledCreateAnswersAtOnceAndIsRetriedNoEarlierThanTimeLeft() {
    var spec =
        new ImageSpec(
            REGION,
            new ImageSource.FromInstance(instanceId),
            "rl-" + instanceId,
            null,
            null,
            null,
            null,
            List.of(new ImageTag("team", "a")),
            null,
            null,
            null,
            null);
    var create =
        new CloudAction.SubmitCreateImage(REGION, spec, UUID.randomUUID().toString(), List.of());
    sim.faults().next("CreateImage", 1, Fault.throttling(Duration.ofMillis(1500)));

    long t0 = System.nanoTime();
    var throttled = failed(run(create));
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(answeredIn)
        .as("the SDK did not sleep out TimeLeft on the worker")
        .isLessThan(Duration.ofMillis(1000));
    assertThat(throttled.error().kind()).isEqualTo(ErrorKind.THROTTLED);
    assertThat(throttled.error().code()).isEqualTo("Throttling.User");
    assertThat(throttled.error().retryAfter())
        .as("the saga is told when the quota returns")
        .isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
    assertThat(failed(run(create)).error().code())
        .as("an early retry stays in the service")
        .isEqualTo("LocalRateBudget");

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> run(create) instanceof StepOutcome.ImageSubmitted);

    CallCounters calls = sim.counters();
    assertThat(calls.count("CreateImage", "Throttling.User")).isEqualTo(1);
    assertThat(calls.count("CreateImage", CallCounters.OK)).isEqualTo(1);
    Duration gap =
        Duration.between(
            calls.firstAt("CreateImage", "Throttling.User").orElseThrow(),
            calls.firstAt("CreateImage", CallCounters.OK).orElseThrow());
    assertThat(gap)
        .as("retried no earlier than TimeLeft")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(sim.world().images(REGION)).hasSize(1);
  }
}
