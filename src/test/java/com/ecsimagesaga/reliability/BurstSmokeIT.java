package com.ecsimagesaga.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@link BurstRun} that runs in {@code mvn verify} against the packaged service:
 * 300 creates at once against a CreateImage budget of 20 calls a second (15 s of budget), ECS
 * throttling a fifth of the calls. Every create succeeds once; the figures are printed, not judged
 * (the full run judges them).
 */
class BurstSmokeIT {

  @Test
  void threeHundredCreatesAgainstABudgetOfTwentyASecondAllSucceedOnce() throws Exception {
    BurstReport report =
        new BurstRun(
                new BurstRun.Settings(
                    300, 20, 0.2, Duration.ofMinutes(5), Path.of("target", "burst-smoke.png")))
            .run();
    System.out.println(report.print());

    assertThat(report.ledger()).isEqualTo(new ChaosReport(300, 300, 300, 300, 0, 0, 0));
    assertThat(report.failed()).isZero();
  }
}
