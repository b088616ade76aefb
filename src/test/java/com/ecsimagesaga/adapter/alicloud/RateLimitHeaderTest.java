package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeaderTest {

  @Test
  void readsRemainAndTimeLeftInAnyOrderAndCase() {
    assertThat(RateLimitHeader.parse("Remain:0,TimeLeft:2000"))
        .contains(new RateLimitHeader(0, Duration.ofMillis(2000)));
    assertThat(RateLimitHeader.parse(" timeleft : 150 , REMAIN : 7 "))
        .contains(new RateLimitHeader(7, Duration.ofMillis(150)));
  }

  @Test
  void somethingElseIsNoHeader() {
    assertThat(RateLimitHeader.parse(null)).isEmpty();
    assertThat(RateLimitHeader.parse("")).isEmpty();
    assertThat(RateLimitHeader.parse("Remain:0")).isEmpty();
    assertThat(RateLimitHeader.parse("Remain:x,TimeLeft:1")).isEmpty();
    assertThat(RateLimitHeader.parse("Remain:-1,TimeLeft:1")).isEmpty();
  }

  @Test
  void theHeaderNameIsMatchedWithoutRegardToCase() {
    assertThat(RateLimitHeader.of(Map.of("x-ratelimit-user-api", "Remain:3,TimeLeft:10")))
        .contains(new RateLimitHeader(3, Duration.ofMillis(10)));
    assertThat(RateLimitHeader.of(Map.of("Content-Type", "application/json"))).isEmpty();
    assertThat(RateLimitHeader.of(null)).isEmpty();
  }

  @Test
  void onlyRemainZeroMeansSpent() {
    assertThat(new RateLimitHeader(0, Duration.ofSeconds(1)).spent()).isTrue();
    assertThat(new RateLimitHeader(1, Duration.ofSeconds(1)).spent()).isFalse();
  }
}
