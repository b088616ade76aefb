package com.ecsimagesaga.saga.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  }
}
