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
}
