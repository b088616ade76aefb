package com.ecsimagesaga.saga.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

  @Test
  void pollsFastFirstThenSlowly() {
    var poll = new PollPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(15));
    assertThat(poll.nextPoll(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(poll.nextPoll(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(2));
    assertThat(poll.nextPoll(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(15));
  }
}
