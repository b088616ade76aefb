package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@link SustainedThroughputBenchmark} that the test suite runs, so that the
 * benchmark command keeps working: a few seconds at a low rate through the same stack and code,
 * every saga accounted for and the table printed. It asserts no speed: the figures are the
 * benchmark's, on a quiet machine.
 */
@QuarkusTest
@TestProfile(ThroughputProfile.Smoke.class)
class SustainedThroughputSmokeTest {

  @Test
  void everyCommandOfferedAtASteadyRateEndsWithItsImageAndTheTableIsPrinted() throws Exception {
    SteadyRate.Result result = SteadyRate.measure(new SteadyRate.Settings(40, 9, 2));

    System.out.print(result.table());
    assertThat(result.failures()).isEmpty();
    assertThat(result.offered()).isEqualTo(360);
    assertThat(result.created()).isEqualTo(360);
    assertThat(result.table())
        .contains("| sagas completed per second, s 3-9 |")
        .contains("| ECS calls per saga |")
        .contains("| database transactions per saga (all commits) |")
        .contains("| sagas/s divided by the raw database rate |");
  }
}
