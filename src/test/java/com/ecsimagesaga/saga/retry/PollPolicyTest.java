package com.ecsimagesaga.saga.retry;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(poll.nextPollAt(Instant.parse("2026-11-28T10:00:02Z"), Duration.ZERO)).isEqualTo(Instant.parse("2026-11-28T10:00:04Z"));
    assertThat(poll.nextPollAt(Instant.parse("2026-11-28T10:05:01Z"), Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2026-11-28T10:05:15Z"));
  }
}
