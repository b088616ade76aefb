package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No tipping point: commands offered at a steady rate below the sustained capacity (300 a second by
 * default, about 70 % of what the durable database keeps up with here), and the database stalled
 * for 10 s in the middle of the run. The service must come back to its latency before the stall
 * within 30 s of the stall's end, shed no work and fail no saga. Not part of the test suite: {@code
 * mvn -Pbench test -Dtest=StallRecoveryBenchmark -Dbench.rate=300 -Dbench.seconds=90
 * -Dbench.stall-at=30 -Dbench.stall-seconds=10}.
 */
@QuarkusTest
@TestProfile(ThroughputProfile.class)
@Tag("benchmark")
class StallRecoveryBenchmark {

  @Test
  void afterATenSecondDatabaseStallTheLatencyComesBackWithinThirtySeconds() throws Exception {
    SteadyRate.Settings settings =
        new SteadyRate.Settings(
            Integer.getInteger("bench.rate", 300),
            Integer.getInteger("bench.seconds", 90),
            Integer.getInteger("bench.warm-up-seconds", 60));
    SteadyRate.Stall stall =
        new SteadyRate.Stall(
            Duration.ofSeconds(Integer.getInteger("bench.stall-at", 30)),
            Duration.ofSeconds(Integer.getInteger("bench.stall-seconds", 10)));

    SteadyRate.Result result = SteadyRate.measure(settings, stall);

    System.out.print(result.table());
    assertThat(result.failures()).as("sagas that failed, by error code").isEmpty();
    assertThat(result.created()).as("no work shed").isEqualTo(result.offered());
    assertThat(result.recovery().kept())
        .as("back to the latency before the stall within 30 s: %s", result.recovery())
        .isTrue();
  }
}
