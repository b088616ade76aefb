package com.ecsimagesaga.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** The mechanics every saga definition shares: following a row, waiting, retrying, failing. */
public final class Moves {

  public static final String RETRYABLE_ERROR = "retryable error";
  public static final String ERROR = "error";
  public static final String DEADLINE_PASSED = "deadline passed";
  public static final String STEP_TIMED_OUT = "step timed out";

  /**
   * The trigger of a step whose call the service's rate budget (or a hold ECS asked for) kept back:
   * the saga waits for its turn, which is neither a failure nor an attempt.
   */
  public static final String WAITING_FOR_QUOTA = "waiting for ECS quota";

  /** The trigger of a submission whose ClientToken ECS refused for good: it takes a new one. */
  public static final String TOKEN_REFUSED = "token refused";

  /**
   * The trigger of a submission that gave up after a call whose outcome is unknown: ECS may have
   * made what it was asked, so it is looked for by the saga tag.
   */
  public static final String SUBMIT_OUTCOME_UNKNOWN = "gave up, outcome unknown";

  /** The failure code of a step that waited longer than {@code quotaMaxWait} for ECS quota. */
  public static final String QUOTA_NEVER_FREED_CODE = "Saga.QuotaNeverFreed";

  /** The failure code of a step that ran past its own timeout. */
  public static final String STEP_TIMEOUT_CODE = "Saga.StepTimeout";

  /** Which limit a saga has reached. */
  public enum Expiry {
    NONE,
    /** The saga's overall deadline. */
    SAGA,
    /** The current step's own timeout, which came before the saga's deadline. */
    STEP
  }

  private final TransitionTable table;
  private final SagaPolicies policies;
  private final Set<Step> beyondSagaDeadline;
  private final QuotaNotice quotaNotice;

  /**
   * @param beyondSagaDeadline steps the saga's overall deadline does not end (compensation: giving
   *     up on it would leak what it is removing); their own step timeout still does
   * @param quotaNotice the events a saga publishes when a step starts waiting for ECS quota
   */
  public Moves(
      TransitionTable table,
      SagaPolicies policies,
      Set<Step> beyondSagaDeadline,
      QuotaNotice quotaNotice) {
    this.table = table;
    this.policies = policies;
    this.beyondSagaDeadline = Set.copyOf(beyondSagaDeadline);
    this.quotaNotice = quotaNotice;
  }

  public Moves(TransitionTable table, SagaPolicies policies, Set<Step> beyondSagaDeadline) {
    this(table, policies, beyondSagaDeadline, (s, until, now) -> List.of());
  }

  /** Follows a row; a new step starts with a clean attempt count, due at {@code wakeAt}. */
  public Decision move(
      Saga s,
      String trigger,
      Instant wakeAt,
      UnaryOperator<Saga.Builder> change,
      List<SagaEvent> events) {
    Transition t = table.require(s.step(), trigger);
    Saga.Builder b =
        s.edit().status(t.status()).step(t.to()).nextWakeAt(t.to() == Step.DONE ? null : wakeAt);
    if (t.to() != s.step()) {
      b.attempt(0)
          .stepStartedAt(wakeAt == null ? s.stepStartedAt() : wakeAt)
          .lastError(null)
          .quotaWait(QuotaWait.NONE);
    }
    Saga next = change.apply(b).build();
    Instant limit = deadlineOf(next);
    if (next.nextWakeAt() != null && limit != null && next.nextWakeAt().isAfter(limit)) {
      // A backoff or a poll interval never sleeps past the step's deadline: the saga wakes up to
      // give up on time.
      next = next.edit().nextWakeAt(limit).build();
    }
    return new Decision(next, events, t);
  }

  public Decision move(Saga s, String trigger, Instant wakeAt) {
    return move(s, trigger, wakeAt, UnaryOperator.identity(), List.of());
  }

  /**
   * Retries the step after a backoff when the error allows it and attempts remain; otherwise takes
   * the step's error row through {@code onGiveUp}.
   */
  public Decision retryOrFail(Saga s, CloudError e, Instant now, GiveUp onGiveUp) {
    if (e.kind() == ErrorKind.HELD || e.kind() == ErrorKind.THROTTLED) {
      return waitForQuota(s, e, now, onGiveUp);
    }
    if (!e.isRetryable()) {
      return onGiveUp.decide(
          Failure.of(s.step(), e.kind() == ErrorKind.NOT_FOUND ? "NOT_FOUND" : "PERMANENT", e));
    }
    int failed = s.attempt() + 1;
    if (!policies.retryFor(e.kind()).allowsRetry(failed)) {
      return onGiveUp.decide(Failure.of(s.step(), "RETRIES_EXHAUSTED", e));
    }
    Duration delay =
        policies.retryFor(e.kind()).nextDelay(failed, unitRandom(s, failed), e.retryAfter());
    return move(
        s, RETRYABLE_ERROR, now.plus(delay), b -> b.attempt(failed).lastError(e), List.of());
  }

  /**
   * Waits for ECS quota: the step is due again when the budget's token is (a hold), or after a
   * backoff with full jitter counted in throttles (ECS refused the call), never earlier than a wait
   * ECS asked for. The wait moves the step's timeout and the saga's deadline on by as much: they
   * bound the work, not the queue. Only a step that has waited longer than {@code quotaMaxWait} in
   * all gives up, with {@code Saga.QuotaNeverFreed}.
   */
  private Decision waitForQuota(Saga s, CloudError e, Instant now, GiveUp onGiveUp) {
    boolean held = e.kind() == ErrorKind.HELD;
    QuotaWait waited = s.quotaWait();
    int throttles = waited.throttles() + (held ? 0 : 1);
    Duration delay =
        held
            ? (e.retryAfter() == null ? policies.throttled().initialDelay() : e.retryAfter())
            : policies.throttled().nextDelay(throttles, unitRandom(s, -throttles), e.retryAfter());
    if (waited.waited().plus(delay).compareTo(policies.quotaMaxWait()) > 0) {
      return onGiveUp.decide(quotaNeverFreed(s, e));
    }
    Instant deadline = s.deadlineAt() == null ? null : s.deadlineAt().plus(delay);
    UnaryOperator<Saga.Builder> wait =
        b -> b.quotaWait(waited.plus(delay, !held)).deadlineAt(deadline);
    if (held) {
      List<SagaEvent> notice =
          waited.equals(QuotaWait.NONE)
              ? quotaNotice.notice(s, now.plus(delay), now)
              : List.<SagaEvent>of();
      return move(s, WAITING_FOR_QUOTA, now.plus(delay), wait, notice);
    }
    return move(s, RETRYABLE_ERROR, now.plus(delay), b -> wait.apply(b).lastError(e), List.of());
  }

  private Failure quotaNeverFreed(Saga s, CloudError e) {
    return new Failure(
        s.step(),
        "QUOTA_EXHAUSTED",
        QUOTA_NEVER_FREED_CODE,
        "step "
            + s.step()
            + " waited "
            + s.quotaWait().waited().toSeconds()
            + "s for ECS quota ("
            + s.quotaWait().throttles()
            + " throttled calls, last "
            + e.code()
            + ") and would wait longer than "
            + policies.quotaMaxWait().toSeconds()
            + "s",
        e.requestId());
  }

  /**
   * A call that asks ECS to make something under the saga's ClientToken (CreateImage, CopyImage)
   * failed. A lost answer is remembered for the rest of the step ({@link
   * Saga#submitUnconfirmed()}): later errors replace the last error but do not show that the lost
   * call did not run. A token ECS refused for good is replaced; anything else is retried or, once
   * that is over, given up on as {@link #giveUpSubmitting} says.
   */
  public Decision submissionFailed(Saga s, CloudError e, Instant now, Failing failing) {
    Saga t = e.kind() == ErrorKind.OUTCOME_UNKNOWN ? s.edit().submitUnconfirmed(true).build() : s;
    if (e.kind() == ErrorKind.IDEMPOTENCY_FAILED) {
      return move(t, TOKEN_REFUSED, now, b -> b.newToken().lastError(e), List.of());
    }
    return retryOrFail(t, e, now, f -> giveUpSubmitting(t, ERROR, f, now, failing));
  }

  /**
   * Ends a submission. When a call of it may have run without the saga learning of it (an answer
   * was lost, or the service stopped while a call was out), ECS may hold what it made: the saga
   * moves on {@link #SUBMIT_OUTCOME_UNKNOWN} to look for it by the saga tag. Otherwise every
   * attempt was answered with an error that shows it did not run, and {@code failing} ends the
   * saga.
   */
  public Decision giveUpSubmitting(
      Saga s, String trigger, Failure failure, Instant now, Failing failing) {
    if (s.submitUnconfirmed()) {
      return move(s, SUBMIT_OUTCOME_UNKNOWN, now, b -> b.failure(failure), List.of());
    }
    return failing.fail(s, trigger, failure, now);
  }

  /** How a saga ends with a failure on a trigger. */
  @FunctionalInterface
  public interface Failing {
    Decision fail(Saga s, String trigger, Failure failure, Instant now);
  }

  /**
   * Looks again after a failed look at something ECS is working on (an image being made or
   * deleted). Not seeing is not failing: whatever the error, the step keeps looking, at the next
   * poll and no earlier than a wait ECS asked for, until its own deadline decides. Attempts are
   * counted for operators, never to give up; a look the budget held back counts none.
   */
  public Decision lookAgain(Saga s, CloudError e, Instant now) {
    Instant after = e.retryAfter() == null ? now : now.plus(e.retryAfter());
    if (e.kind() == ErrorKind.HELD) {
      return move(s, WAITING_FOR_QUOTA, nextPoll(s, after));
    }
    int failed = s.attempt() + 1;
    return move(
        s, RETRYABLE_ERROR, nextPoll(s, after), b -> b.attempt(failed).lastError(e), List.of());
  }

  /** The next poll time for a waiting step. */
  public Instant nextPoll(Saga s, Instant now) {
    Duration waited = Duration.between(s.stepStartedAt() == null ? now : s.stepStartedAt(), now);
    return policies.poll().nextPollAt(now, waited);
  }

  /** The next poll time for a creation that ECS reports {@code progress} percent done. */
  public Instant nextPoll(Saga s, Instant now, int progress) {
    Duration waited = Duration.between(s.stepStartedAt() == null ? now : s.stepStartedAt(), now);
    return policies.poll().nextPollAt(now, waited, progress);
  }

  /**
   * The limit a saga has reached at {@code now}, if any. A step is out of time from its deadline
   * on; when both limits have passed, the earlier one is the reason.
   */
  public Expiry expiry(Saga s, Instant now) {
    if (s.step() == Step.DONE) {
      return Expiry.NONE;
    }
    Instant step = stepDeadline(s);
    Instant saga = sagaDeadline(s);
    boolean stepPassed = step != null && !now.isBefore(step);
    boolean sagaPassed = saga != null && !now.isBefore(saga);
    if (stepPassed && (!sagaPassed || step.isBefore(saga))) {
      return Expiry.STEP;
    }
    return sagaPassed ? Expiry.SAGA : Expiry.NONE;
  }

  /**
   * When the current step runs out of its own time: its start plus its timeout; null for a finished
   * saga.
   */
  public Instant stepDeadline(Saga s) {
    if (s.step() == Step.DONE || s.stepStartedAt() == null) {
      return null;
    }
    return s.stepStartedAt()
        .plus(policies.steps().of(s.step(), s.input()))
        .plus(s.quotaWait().waited());
  }

  /** The saga's overall deadline, if it bounds the current step. */
  public Instant sagaDeadline(Saga s) {
    return beyondSagaDeadline.contains(s.step()) ? null : s.deadlineAt();
  }

  /** The current step's deadline: the earlier of its own limit and the saga's deadline. */
  public Instant deadlineOf(Saga s) {
    Instant step = stepDeadline(s);
    Instant saga = sagaDeadline(s);
    if (step == null || saga == null) {
      return step == null ? saga : step;
    }
    return step.isBefore(saga) ? step : saga;
  }

  /**
   * The failure of a saga still at work at its deadline.
   *
   * @param unmet what was not done by then, for example {@code the image was still listed}
   */
  public static Failure sagaTimeout(Saga s, String unmet) {
    return new Failure(
        s.step(),
        "TIMED_OUT",
        "SagaTimedOut",
        unmet + " at the saga's deadline " + s.deadlineAt(),
        null);
  }

  /** The failure of a step that ran past its own timeout. */
  public Failure stepTimeout(Saga s) {
    Duration limit = policies.steps().of(s.step(), s.input());
    return new Failure(
        s.step(),
        "TIMED_OUT",
        STEP_TIMEOUT_CODE,
        "step "
            + s.step()
            + " did not finish within "
            + limit.toSeconds()
            + "s of starting at "
            + s.stepStartedAt()
            + " (step deadline "
            + stepDeadline(s)
            + ")",
        null);
  }

  public SagaPolicies policies() {
    return policies;
  }

  /** A jitter draw that depends only on the saga and the attempt, so decisions stay repeatable. */
  public static double unitRandom(Saga s, int attempt) {
    long seed =
        s.id().getLeastSignificantBits()
            ^ (s.id().getMostSignificantBits() * 31)
            ^ (attempt * 0x9E3779B97F4A7C15L);
    return new SplittableRandom(seed).nextDouble();
  }

  /** What a step does when it gives up. */
  @FunctionalInterface
  public interface GiveUp {
    Decision decide(Failure failure);
  }

  /** The events of a saga whose step starts waiting for ECS quota, due again at {@code until}. */
  @FunctionalInterface
  public interface QuotaNotice {
    List<SagaEvent> notice(Saga s, Instant until, Instant now);
  }
}
