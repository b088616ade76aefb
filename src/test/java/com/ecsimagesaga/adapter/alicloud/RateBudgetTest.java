package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateBudgetTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-28T10:00:00Z"));

  @Test
  void aSecondsWorthOfCallsThenTheNextTokenIsDue() {
    var budget = new RateBudget(clock, 4, Map.of());
    for (int i = 0; i < 4; i++) {
      assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    }
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isEqualTo(Duration.ofMillis(250));
    clock.advance(Duration.ofMillis(250));
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
  }

  @Test
  void callsTurnedAwayGetTurnsOneTokenApartAndFindTheirTokenThen() {
    var budget = new RateBudget(clock, 4, Map.of());
    for (int i = 0; i < 4; i++) {
      assertThat(budget.take("cn-hangzhou", "CreateImage")).isZero();
    }
    for (int i = 1; i <= 8; i++) {
      assertThat(budget.take("cn-hangzhou", "CreateImage"))
          .as("a backlog is spread over the time the budget needs for it")
          .isEqualTo(Duration.ofMillis(250L * i));
    }
    for (int i = 1; i <= 8; i++) {
      clock.advance(Duration.ofMillis(250));
      assertThat(budget.take("cn-hangzhou", "CreateImage")).as("turn " + i).isZero();
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(budget.take("cn-hangzhou", "CreateImage"))
        .as("once the queue has drained, calls go ahead again")
        .isZero();
  }

  @Test
  void regionsAndActionsHaveSeparateBudgets() {
    var budget = new RateBudget(clock, 1, Map.of("CreateImage", 0.5));
    assertThat(budget.take("cn-hangzhou", "CreateImage")).isZero();
    assertThat(budget.take("cn-hangzhou", "CreateImage")).isEqualTo(Duration.ofSeconds(2));
    assertThat(budget.take("cn-beijing", "CreateImage")).isZero();
    assertThat(budget.take("cn-hangzhou", "DeleteImage")).isZero();
  }

  @Test
  void zeroSwitchesTheBudgetOff() {
    var budget = new RateBudget(clock, 0, Map.of());
    for (int i = 0; i < 1000; i++) {
      assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    }
  }

  @Test
  void aSpentQuotaHoldsEveryCallUntilTimeLeftPasses() {
    var budget = new RateBudget(clock, 100, Map.of());
    assertThat(budget.take("cn-hangzhou", "CreateImage")).isZero();
    assertThat(
            budget.observe(
                "cn-hangzhou", "CreateImage", new RateLimitHeader(0, Duration.ofMillis(2000))))
        .isTrue();

    assertThat(budget.take("cn-hangzhou", "CreateImage")).isEqualTo(Duration.ofMillis(2000));
    assertThat(budget.heldFor("cn-hangzhou", "CreateImage")).isEqualTo(Duration.ofMillis(2000));
    assertThat(budget.take("cn-beijing", "CreateImage")).as("other regions are not held").isZero();
    assertThat(budget.take("cn-hangzhou", "DeleteImage")).as("other actions are not held").isZero();
    clock.advance(Duration.ofMillis(1999));
    assertThat(budget.take("cn-hangzhou", "CreateImage"))
        .as("its turn comes one token after the call turned away before it")
        .isEqualTo(Duration.ofMillis(11));
    clock.advance(Duration.ofMillis(1));
    assertThat(budget.heldFor("cn-hangzhou", "CreateImage")).isZero();
    assertThat(budget.take("cn-hangzhou", "CreateImage")).isZero();
  }

  @Test
  void aHoldIsExtendedButNeverShortened() {
    var budget = new RateBudget(clock, 0, Map.of());
    assertThat(
            budget.observe(
                "cn-hangzhou", "CreateImage", new RateLimitHeader(0, Duration.ofSeconds(5))))
        .isTrue();
    assertThat(
            budget.observe(
                "cn-hangzhou", "CreateImage", new RateLimitHeader(0, Duration.ofSeconds(1))))
        .isFalse();
    assertThat(budget.take("cn-hangzhou", "CreateImage"))
        .as("even a switched-off budget obeys ECS")
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(
            budget.observe(
                "cn-hangzhou", "CreateImage", new RateLimitHeader(0, Duration.ofSeconds(9))))
        .isTrue();
    assertThat(budget.heldFor("cn-hangzhou", "CreateImage")).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void aLowRemainCapsTheTokens() {
    var budget = new RateBudget(clock, 10, Map.of());
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    budget.observe("cn-hangzhou", "DescribeImages", new RateLimitHeader(2, Duration.ofSeconds(30)));
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    assertThat(budget.take("cn-hangzhou", "DescribeImages"))
        .as("no more than ECS said were left")
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void eachLiveInstanceTakesItsShareOfTheConfiguredRate() {
    int[] instances = {2};
    var budget = new RateBudget(clock, 4, Map.of("CreateImage", 1.0), () -> instances[0]);
    assertThat(budget.rateOf("DescribeImages")).isEqualTo(2.0);
    assertThat(budget.rateOf("CreateImage")).isEqualTo(0.5);
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isZero();
    assertThat(budget.take("cn-hangzhou", "DescribeImages"))
        .as("half of 4/s")
        .isEqualTo(Duration.ofMillis(500));

    instances[0] = 1;
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 4; i++) {
      assertThat(budget.take("cn-hangzhou", "DescribeImages"))
          .as("the whole budget once alone")
          .isZero();
    }
    assertThat(budget.take("cn-hangzhou", "DescribeImages")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aThrottlingErrorCarriesTheHold() {
    var budget = new RateBudget(clock, 4, Map.of());
    var throttled =
        new com.ecsimagesaga.saga.CloudError(
            com.ecsimagesaga.saga.ErrorKind.THROTTLED, "Throttling.User", "m", "R", null);
    assertThat(budget.withHold(throttled, "cn-hangzhou", "CreateImage").retryAfter())
        .as("no header, no hint")
        .isNull();
    budget.observe("cn-hangzhou", "CreateImage", new RateLimitHeader(0, Duration.ofSeconds(3)));
    assertThat(budget.withHold(throttled, "cn-hangzhou", "CreateImage").retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    var transientError =
        new com.ecsimagesaga.saga.CloudError(
            com.ecsimagesaga.saga.ErrorKind.TRANSIENT, "InternalError", "m", "R", null);
    assertThat(budget.withHold(transientError, "cn-hangzhou", "CreateImage"))
        .isSameAs(transientError);
  }
}
