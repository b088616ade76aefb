package com.ecsimagesaga.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.StepRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineViewTest {

  static final Instant T0 = Instant.parse("2026-01-01T12:00:01Z");

  @Test
  void repeatedPollsOfOneStepShowAsOneLineWithTheirCountSpanAndLastProgress() {
    var polls =
        new StepRun(
            "AWAIT_IMAGE_USABLE",
            T0,
            T0,
            Instant.parse("2026-01-01T12:04:10Z"),
            37,
            0,
            "WAITING",
            "AWAIT_IMAGE_USABLE",
            80,
            0,
            null,
            null,
            "m-1",
            0);
    var view = TimelineView.of("s-1", List.of(polls), List.of());
    assertThat(view.steps())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.summary())
                  .isEqualTo(
                      "AWAIT_IMAGE_USABLE polled 37 times, 12:00:01-12:04:10, last 80% -> AWAIT_IMAGE_USABLE [WAITING]");
              assertThat(e.durationMs()).isEqualTo(249_000);
              assertThat(e.executions()).isEqualTo(37);
            });
  }

  @Test
  void retriedStepsShowTheirLastErrorCodeAndRequestId() {
    var retries =
        new StepRun(
            "SUBMIT_CREATE_IMAGE",
            T0,
            T0,
            T0.plusSeconds(9),
            3,
            2,
            "RUNNING",
            "AWAIT_IMAGE_USABLE",
            0,
            2,
            "Throttling.User",
            "req-7",
            "m-1",
            0);
    assertThat(TimelineView.of("s-1", List.of(retries), List.of()).steps().get(0).summary())
        .isEqualTo(
            "SUBMIT_CREATE_IMAGE tried 3 times, 12:00:01-12:00:10, 2 errors, last Throttling.User (request req-7)"
                + " -> AWAIT_IMAGE_USABLE [RUNNING]");
  }

  @Test
  void aStepThatWaitedForQuotaSaysHowLong() {
    var queued =
        new StepRun(
            "SUBMIT_CREATE_IMAGE",
            T0,
            T0,
            T0.plusSeconds(95),
            2,
            0,
            "WAITING",
            "AWAIT_IMAGE_USABLE",
            0,
            0,
            null,
            null,
            "m-1",
            93_400);
    assertThat(TimelineView.of("s-1", List.of(queued), List.of()).steps().get(0))
        .satisfies(
            e -> {
              assertThat(e.quotaWaitMs()).isEqualTo(93_400);
              assertThat(e.summary())
                  .isEqualTo(
                      "SUBMIT_CREATE_IMAGE tried 2 times, 12:00:01-12:01:36, waiting for ECS quota 93 s"
                          + " -> AWAIT_IMAGE_USABLE [WAITING]");
            });
  }
}
