package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A saga's compact history: one entry per step run (its retries and polls folded in), then the
 * replays operators made.
 */
public record TimelineView(String sagaId, List<Entry> steps, List<ReplayEntry> replays) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * One step run.
   *
   * @param summary one line for people, e.g. "AWAIT_IMAGE_USABLE polled 37 times,
   *     12:00:01-12:04:10, last 80%"
   */
  public record Entry(
      String step,
      Instant startedAt,
      Instant lastAt,
      long durationMs,
      int executions,
      int maxAttempt,
      String outcome,
      String nextStep,
      int progress,
      int errors,
      String lastErrorCode,
      String lastRequestId,
      String imageId,
      long quotaWaitMs,
      String summary) {}

  /** One audited replay. */
  public record ReplayEntry(
      Instant at, String by, String reason, String mode, String result, String detail) {}

  static TimelineView of(String sagaId, List<StepRun> runs, List<ReplayAudit> replays) {
    return new TimelineView(
        sagaId,
        runs.stream().map(TimelineView::entry).toList(),
        replays.stream()
            .map(
                a ->
                    new ReplayEntry(
                        a.at(), a.actor(), a.reason(), a.mode(), a.result(), a.detail()))
            .toList());
  }

  private static Entry entry(StepRun r) {
    Instant from = r.startedAt().isBefore(r.firstAt()) ? r.startedAt() : r.firstAt();
    return new Entry(
        r.step(),
        from,
        r.lastAt(),
        Duration.between(from, r.lastAt()).toMillis(),
        r.executions(),
        r.maxAttempt(),
        r.outcomeStatus(),
        r.outcomeStep(),
        r.progress(),
        r.errorCount(),
        r.lastErrorCode(),
        r.lastRequestId(),
        r.imageId(),
        r.quotaWaitMs(),
        summary(r, from));
  }

  static String summary(StepRun r, Instant from) {
    boolean polling = r.step().startsWith("AWAIT_");
    String verb =
        r.executions() == 1
            ? "ran once"
            : (polling ? "polled " : "tried ") + r.executions() + " times";
    StringBuilder s =
        new StringBuilder(r.step())
            .append(' ')
            .append(verb)
            .append(", ")
            .append(TIME.format(from))
            .append('-')
            .append(TIME.format(r.lastAt()));
    if (polling && r.step().equals("AWAIT_IMAGE_USABLE")) {
      s.append(", last ").append(r.progress()).append('%');
    }
    if (r.quotaWaitMs() > 0) {
      s.append(", waiting for ECS quota ")
          .append(Duration.ofMillis(r.quotaWaitMs()).toSeconds())
          .append(" s");
    }
    if (r.errorCount() > 0) {
      s.append(", ")
          .append(r.errorCount())
          .append(r.errorCount() == 1 ? " error" : " errors")
          .append(", last ")
          .append(r.lastErrorCode());
      if (r.lastRequestId() != null) {
        s.append(" (request ").append(r.lastRequestId()).append(')');
      }
    }
    return s.append(" -> ")
        .append(r.outcomeStep())
        .append(" [")
        .append(r.outcomeStatus())
        .append(']')
        .toString();
  }
}
