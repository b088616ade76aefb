package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sustained throughput: CreateImage commands offered at a steady rate for a minute or more, images
 * that finish at once. A service that keeps up completes sagas at the offered rate with a flat
 * end-to-end latency; one that does not falls behind, and its latency grows through the run. Beside
 * it, in the same run, the raw rates of the same broker and database. Not part of the test suite
 * (its smoke form is): {@code mvn -Pbench test -Dtest=SustainedThroughputBenchmark -Dbench.rate=500
 * -Dbench.seconds=90 -Dbench.warm-up-seconds=60}.
 */
@QuarkusTest
@TestProfile(ThroughputProfile.class)
@Tag("benchmark")
class SustainedThroughputBenchmark {

  /**
   * The warm-up defaults to a minute at the same rate, waited for until it is done: on 2 cores the
   * JIT compilers still take most of a core for the first minute or so of load (the broker, the
   * simulator and the service share one JVM), and a service in production runs warm.
   */
  @Test
  void sagasCompletedPerSecondAtASteadyOfferedRate() throws Exception {
    SteadyRate.Settings settings =
        new SteadyRate.Settings(
            Integer.getInteger("bench.rate", 500),
            Integer.getInteger("bench.seconds", 90),
            Integer.getInteger("bench.warm-up-seconds", 60));

    SteadyRate.Result result = SteadyRate.measure(settings);

    if (!result.failures().isEmpty()) {
      System.out.printf("%nsagas that failed, by error code: %s%n", result.failures());
    }
    System.out.print(result.table());
    assertThat(result.failures()).as("sagas that failed, by error code").isEmpty();
    assertThat(result.created()).isEqualTo(result.offered());
    assertThat(result.keptUp())
        .as(
            "kept up with %d/s: at least 98 %% completed, p99 of the last 20 s under 5 s",
            settings.rate())
        .isTrue();
  }
}
