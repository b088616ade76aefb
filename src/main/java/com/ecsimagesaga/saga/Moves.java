package com.ecsimagesaga.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** The mechanics every saga definition shares: following a row, waiting, retrying, failing. */
final class Moves {

  static final String RETRYABLE_ERROR = "retryable error";
  static final String ERROR = "error";
  static final String DEADLINE_PASSED = "deadline passed";

  private final TransitionTable table;
  private final SagaPolicies policies;

  Moves(TransitionTable table, SagaPolicies policies) {
    this.table = table;
    this.policies = policies;
  }

  /** Follows a row; a new step starts with a clean attempt count, due at {@code wakeAt}. */
  Decision move(Saga s, String trigger, Instant wakeAt, UnaryOperator<Saga.Builder> change, List<SagaEvent> events) {
    Transition t = table.require(s.step(), trigger);
    Saga.Builder b = s.edit().status(t.status()).step(t.to()).nextWakeAt(t.to() == Step.DONE ? null : wakeAt);
    if (t.to() != s.step()) {
      b.attempt(0).stepStartedAt(wakeAt == null ? s.stepStartedAt() : wakeAt).lastError(null);
    }
    return new Decision(change.apply(b).build(), events, t);
  }

  Decision move(Saga s, String trigger, Instant wakeAt) {
    return move(s, trigger, wakeAt, UnaryOperator.identity(), List.of());
  }

  /**
   * Retries the step after a backoff when the error allows it and attempts remain; otherwise
   * takes the step's error row through {@code onGiveUp}.
   */
  Decision retryOrFail(Saga s, CloudError e, Instant now, GiveUp onGiveUp) {
    if (!e.isRetryable()) {
      return onGiveUp.decide(Failure.of(s.step(), e.kind() == ErrorKind.NOT_FOUND ? "NOT_FOUND" : "PERMANENT", e));
    }
    int failed = s.attempt() + 1;
    if (!policies.retryFor(e.kind()).allowsRetry(failed)) {
      return onGiveUp.decide(Failure.of(s.step(), "RETRIES_EXHAUSTED", e));
    }
    Duration delay = policies.retryFor(e.kind()).nextDelay(failed, unitRandom(s, failed), e.retryAfter());
    return move(s, RETRYABLE_ERROR, now.plus(delay), b -> b.attempt(failed).lastError(e), List.of());
  }

  /** The next poll time for a waiting step. */
  Instant nextPoll(Saga s, Instant now) {
    Duration waited = Duration.between(s.stepStartedAt() == null ? now : s.stepStartedAt(), now);
    return policies.poll().nextPollAt(now, waited);
  }

  boolean pastDeadline(Saga s, Instant now) {
    return s.deadlineAt() != null && now.isAfter(s.deadlineAt());
  }

  SagaPolicies policies() {
    return policies;
  }

  /** A jitter draw that depends only on the saga and the attempt, so decisions stay repeatable. */
  static double unitRandom(Saga s, int attempt) {
    long seed = s.id().getLeastSignificantBits() ^ (s.id().getMostSignificantBits() * 31) ^ (attempt * 0x9E3779B97F4A7C15L);
    return new SplittableRandom(seed).nextDouble();
  }

  /** What a step does when it gives up. */
  @FunctionalInterface
  interface GiveUp {
    Decision decide(Failure failure);
  }
}
