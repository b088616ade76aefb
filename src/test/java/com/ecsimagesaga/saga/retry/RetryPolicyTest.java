package com.ecsimagesaga.saga.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 5);

  @Test
  void ceilingDoublesPerAttemptUntilTheCap() {
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.ceiling(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    assertThat(policy.nextDelay(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(policy.nextDelay(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.nextDelay(3, 0.999))
        .isLessThan(Duration.ofSeconds(4))
        .isGreaterThan(Duration.ofMillis(3990));
  }

  @Test
  void aWaitTheServerAskedForIsHonoured() {
    assertThat(policy.nextDelay(1, 0.1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.nextDelay(6, 0.9, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(27));
  }

  @Test
  void retriesStopAtMaxAttempts() {
    assertThat(policy.allowsRetry(4)).isTrue();
    assertThat(policy.allowsRetry(5)).isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.nextDelay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
