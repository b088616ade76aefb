package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.saga.Saga;
import java.time.Instant;

/** A saga as the operator API shows it. */
public record SagaView(
    String id,
    String type,
    String status,
    String step,
    String commandId,
    String regionId,
    String imageId,
    int attempt,
    int progress,
    Instant createdAt,
    Instant nextWakeAt,
    Instant deadlineAt,
    boolean stuck,
    Problem failure,
    Problem lastError) {

  /** A failure or the last retryable error. */
  public record Problem(String kind, String code, String message, String requestId) {}

  /**
   * A saga as shown in lists, with the default stuck threshold (saga.stuck-after's default, 5
   * minutes).
   */
  static SagaView of(Saga s) {
    return of(s, java.time.Duration.ofMinutes(5));
  }

  static SagaView of(Saga s, java.time.Duration stuckAfter) {
    Problem failure =
        s.failure() == null
            ? null
            : new Problem(
                s.failure().kind(),
                s.failure().code(),
                s.failure().message(),
                s.failure().requestId());
    Problem last =
        s.lastError() == null
            ? null
            : new Problem(
                s.lastError().kind().name(),
                s.lastError().code(),
                s.lastError().message(),
                s.lastError().requestId());
    return new SagaView(
        s.id().toString(),
        s.type().name(),
        s.status().name(),
        s.step().name(),
        s.commandId(),
        s.regionId(),
        s.imageId(),
        s.attempt(),
        s.progress(),
        s.createdAt(),
        s.nextWakeAt(),
        s.deadlineAt(),
        isStuck(s, Instant.now(), stuckAfter),
        failure,
        last);
  }

  /**
   * Unfinished and overdue for its next step, or past its deadline, by more than {@code
   * stuckAfter}.
   */
  static boolean isStuck(Saga s, Instant now, java.time.Duration stuckAfter) {
    Instant limit = now.minus(stuckAfter);
    return !s.status().isTerminal()
        && ((s.nextWakeAt() != null && s.nextWakeAt().isBefore(limit))
            || (s.deadlineAt() != null && s.deadlineAt().isBefore(limit)));
  }
}
