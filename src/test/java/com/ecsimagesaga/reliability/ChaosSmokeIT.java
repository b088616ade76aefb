package com.ecsimagesaga.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@link ChaosRun} that runs in {@code mvn verify} against the packaged service:
 * 20 commands each copied to two regions, the full fault mix (lost CopyImage answers among it), one
 * SIGKILL and restart of the service.
 */
class ChaosSmokeIT {

  @Test
  void twentyCommandsThroughFaultsAndAKillEndInTwentyImagesTheirCopiesAndNothingElse()
      throws Exception {
    ChaosReport report =
        new ChaosRun(
                new ChaosRun.Settings(20, 1, false, false, 42L, Duration.ofMinutes(3), false, 2))
            .run();
    System.out.println(report.print());

    assertThat(report)
        .isEqualTo(new ChaosReport(20, 20, 20, 20, 0, 0, 0, new CopyFigures(40, 40, 40, 40, 0, 0)));
  }
}
