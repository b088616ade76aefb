package com.ecsimagesaga.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@link HostileInputRun} for {@code mvn verify}: 300 malformed records, 2 of
 * them 1 MB.
 */
class HostileInputSmokeIT {

  @Test
  void malformedRecordsAreRejectedOrDeadLetteredWhileValidCommandsAreServed() {
    HostileReport report =
        new HostileInputRun(new HostileInputRun.Settings(300, 20, 2, Duration.ofMinutes(2))).run();
    System.out.println(report.print());

    assertThat(report.rejected())
        .as("CommandRejected events")
        .isGreaterThanOrEqualTo(report.expectedRejected());
    assertThat(report.deadLetters())
        .as("dead letters")
        .isGreaterThanOrEqualTo(report.expectedDeadLetters());
    assertThat(report.rejected() + report.deadLetters())
        .as("every hostile record ended somewhere, once")
        .isEqualTo(report.hostileSent());
    assertThat(report.deadLettersWithOrigin())
        .as("dead letters naming reason and origin")
        .isEqualTo(report.deadLetters());
    assertThat(report.validCreated()).as("valid commands served").isEqualTo(report.validSent());
    assertThat(report.validMisrouted()).isZero();
  }
}
