package com.ecsimagesaga.saga.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.testsupport.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

  @Test
  void pollsFastFirstThenSlowly() {
    var poll = new PollPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(15));
    assertThat(poll.nextPoll(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(poll.nextPoll(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(2));
    assertThat(poll.nextPoll(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void pollsLandOnASharedGridAtMostOneIntervalAway() {
    var poll = new PollPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(15));
    Instant a = Instant.parse("2026-11-28T10:00:00.300Z");
    Instant b = Instant.parse("2026-11-28T10:00:01.900Z");
    assertThat(poll.nextPollAt(a, Duration.ZERO)).isEqualTo(Instant.parse("2026-11-28T10:00:02Z"));
    assertThat(poll.nextPollAt(b, Duration.ZERO)).isEqualTo(Instant.parse("2026-11-28T10:00:02Z"));
    assertThat(poll.nextPollAt(Instant.parse("2026-11-28T10:00:02Z"), Duration.ZERO))
        .isEqualTo(Instant.parse("2026-11-28T10:00:04Z"));
    assertThat(poll.nextPollAt(Instant.parse("2026-11-28T10:05:01Z"), Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2026-11-28T10:05:15Z"));
  }

  @Test
  void aCreationStillRunningAfterTheSlowPhasePollsAtTheLongInterval() {
    var poll =
        new PollPolicy(
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            Duration.ofSeconds(15),
            Duration.ofMinutes(10),
            Duration.ofSeconds(30));
    assertThat(poll.nextPoll(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(2));
    assertThat(poll.nextPoll(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(15));
    assertThat(poll.nextPoll(Duration.ofMinutes(10).minusMillis(1)))
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(poll.nextPoll(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(30));
    assertThat(poll.nextPoll(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(30));
    // Long creations share a 30 s grid, so one listing per region still answers all of them.
    assertThat(poll.nextPollAt(Instant.parse("2026-11-28T10:15:01Z"), Duration.ofMinutes(15)))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
  }

  private static final PollPolicy PACED = TestPolicies.PRODUCTION_POLLS;

  @Test
  void progressStretchesTheIntervalToATenthOfWhatRemainsUpToTheLimit() {
    // 10 % in 3 minutes: 27 minutes left, a tenth is 162 s, capped at 60 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(3), 10)).isEqualTo(Duration.ofSeconds(60));
    // 50 % in 5 minutes: 5 minutes left, a tenth is 30 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(5), 50)).isEqualTo(Duration.ofSeconds(30));
    // 40 % in 4 minutes: 6 minutes left, 36 s, rounded down to a multiple of the 15 s tier.
    assertThat(PACED.nextPoll(Duration.ofMinutes(4), 40)).isEqualTo(Duration.ofSeconds(30));
    // 30 % in 3 minutes: 7 minutes left, 42 s: 30 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(3), 30)).isEqualTo(Duration.ofSeconds(30));
    // 25 % in 3 minutes: 9 minutes left, 54 s: 45 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(3), 25)).isEqualTo(Duration.ofSeconds(45));
    // 90 % in 9 minutes: a minute left, the tier's own 15 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(9), 90)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void progressNeverShortensATierAndLongCreationsArePacedOnTheirTiersGrid() {
    // After 10 minutes the tier is 30 s: 5 minutes left would be 30 s anyway, 30 minutes left 60 s.
    assertThat(PACED.nextPoll(Duration.ofMinutes(20), 80)).isEqualTo(Duration.ofSeconds(30));
    assertThat(PACED.nextPoll(Duration.ofMinutes(20), 99)).isEqualTo(Duration.ofSeconds(30));
    assertThat(PACED.nextPoll(Duration.ofMinutes(20), 40)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void progressThatTellsNothingLeavesTheTierAlone() {
    assertThat(PACED.nextPoll(Duration.ofMinutes(3), 0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(PACED.nextPoll(Duration.ofMinutes(3), 100)).isEqualTo(Duration.ofSeconds(15));
    // The fast phase is for quick images whatever they report.
    assertThat(PACED.nextPoll(Duration.ofSeconds(30), 1)).isEqualTo(Duration.ofSeconds(2));
    // Without a limit above the tiers, progress stretches nothing.
    var unpaced =
        new PollPolicy(
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            Duration.ofSeconds(15),
            Duration.ofMinutes(10),
            Duration.ofSeconds(30));
    assertThat(unpaced.nextPoll(Duration.ofMinutes(3), 10)).isEqualTo(Duration.ofSeconds(15));
    assertThat(unpaced.nextPoll(Duration.ofMinutes(20), 10)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void pacedLooksLandOnTheTiersGridSoTheyShareListings() {
    Instant now = Instant.parse("2026-11-28T10:03:07Z");
    // 60 s, 45 s and 30 s grids: every instant is also an instant of the 15 s grid.
    assertThat(PACED.nextPollAt(now, Duration.ofMinutes(3), 10))
        .isEqualTo(Instant.parse("2026-11-28T10:04:00Z"));
    Instant at45 = PACED.nextPollAt(now, Duration.ofMinutes(3), 25);
    assertThat(at45.toEpochMilli() % 45_000).isZero();
    assertThat(at45).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(45));
    assertThat(PACED.nextPollAt(now, Duration.ofMinutes(3), 30))
        .isEqualTo(Instant.parse("2026-11-28T10:03:30Z"));
  }

  @Test
  void theTwoTierFormNeverReachesAThirdTier() {
    var poll = new PollPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(15));
    assertThat(poll.nextPoll(Duration.ofHours(5))).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void refusesTiersThatGetFasterOrEndBeforeTheyStart() {
    assertThatThrownBy(
            () ->
                new PollPolicy(
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(15),
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PollPolicy(
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    // A limit of nothing.
    assertThatThrownBy(
            () ->
                new PollPolicy(
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(15),
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(30),
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
