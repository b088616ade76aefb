package com.ecsimagesaga.saga.share;

import static com.ecsimagesaga.saga.Moves.ERROR;
import static com.ecsimagesaga.saga.Moves.RETRYABLE_ERROR;
import static com.ecsimagesaga.saga.Moves.STEP_TIMED_OUT;
import static com.ecsimagesaga.saga.Moves.WAITING_FOR_QUOTA;
import static com.ecsimagesaga.saga.SagaStatus.FAILED;
import static com.ecsimagesaga.saga.SagaStatus.RUNNING;
import static com.ecsimagesaga.saga.SagaStatus.SUCCEEDED;
import static com.ecsimagesaga.saga.SagaStatus.WAITING;
import static com.ecsimagesaga.saga.Step.DONE;

import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.TransitionTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Changing who an image is shared with: ModifyImageSharePermission in calls of at most ten accounts
 * each way (the saga's progress counts the calls made), then DescribeImageSharePermission to report
 * who the image is shared with now.
 */
public final class ShareImageSaga implements SagaDefinition {

  /** The type of the sagas of this kind. */
  public static final SagaType TYPE = SagaType.of("SHARE_IMAGE");

  // The steps of this kind, besides the shared ones of Step.
  public static final Step MODIFY_SHARE_PERMISSION = Step.of("MODIFY_SHARE_PERMISSION");
  public static final Step CHECK_SHARES = Step.of("CHECK_SHARES");

  /** ECS takes at most this many accounts each way in one ModifyImageSharePermission. */
  public static final int ACCOUNTS_PER_CALL = 10;

  static final TransitionTable TABLE =
      TransitionTable.of(ShareImageSaga.TYPE)
          .row(MODIFY_SHARE_PERMISSION, "more accounts", MODIFY_SHARE_PERMISSION, RUNNING)
          .row(MODIFY_SHARE_PERMISSION, "modified", CHECK_SHARES, RUNNING)
          .row(MODIFY_SHARE_PERMISSION, RETRYABLE_ERROR, MODIFY_SHARE_PERMISSION, WAITING)
          .row(MODIFY_SHARE_PERMISSION, ERROR, DONE, FAILED)
          .row(MODIFY_SHARE_PERMISSION, STEP_TIMED_OUT, DONE, FAILED)
          .row(CHECK_SHARES, "listed", DONE, SUCCEEDED)
          .row(CHECK_SHARES, RETRYABLE_ERROR, CHECK_SHARES, WAITING)
          .row(CHECK_SHARES, ERROR, DONE, SUCCEEDED)
          .row(CHECK_SHARES, STEP_TIMED_OUT, DONE, SUCCEEDED)
          .alsoOn(RETRYABLE_ERROR, WAITING_FOR_QUOTA);

  private final Moves moves;

  public ShareImageSaga(SagaPolicies policies) {
    // The change is made once CHECK_SHARES runs: only its own timeout ends it, as a success.
    this.moves = new Moves(TABLE, policies, Set.of(CHECK_SHARES));
  }

  @Override
  public TransitionTable table() {
    return TABLE;
  }

  @Override
  public CloudAction actionFor(Saga s) {
    ShareInput in = (ShareInput) s.input();
    Step at = s.step();
    if (at == MODIFY_SHARE_PERMISSION) {
      return new CloudAction.ModifyImageSharePermission(
          s.regionId(),
          s.imageId(),
          chunk(in.addAccounts(), s.progress()),
          chunk(in.removeAccounts(), s.progress()));
    }
    if (at == CHECK_SHARES) {
      return new CloudAction.DescribeImageSharePermission(s.regionId(), s.imageId());
    }
    throw new IllegalStateException("no action for " + s.step() + " of saga " + s.id());
  }

  /** The accounts of call number {@code call}. */
  static List<String> chunk(List<String> accounts, int call) {
    int from = Math.min(accounts.size(), call * ACCOUNTS_PER_CALL);
    return accounts.subList(from, Math.min(accounts.size(), from + ACCOUNTS_PER_CALL));
  }

  @Override
  public Optional<Decision> expire(Saga s, Instant now) {
    // The saga's deadline comes after the timeouts of both steps (each moved on alike by a wait for
    // quota), so a step always runs out of time first.
    if (moves.expiry(s, now) == Moves.Expiry.NONE) {
      return Optional.empty();
    }
    return Optional.of(
        s.step() == CHECK_SHARES
            ? shared(s, STEP_TIMED_OUT, now, List.of(), false)
            : fail(s, STEP_TIMED_OUT, moves.stepTimeout(s), now));
  }

  @Override
  public Decision decide(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.Failed f) {
      return moves.retryOrFail(
          s,
          f.error(),
          now,
          failure ->
              s.step() == CHECK_SHARES
                  ? shared(s, ERROR, now, List.of(), false)
                  : fail(s, ERROR, failure, now));
    }
    Step at = s.step();
    if (at == MODIFY_SHARE_PERMISSION) {
      return modified(s, now);
    }
    if (at == CHECK_SHARES) {
      return shared(s, "listed", now, ((StepOutcome.SharesSeen) o).accounts(), true);
    }
    throw new IllegalStateException("saga " + s.id() + " is done");
  }

  private Decision modified(Saga s, Instant now) {
    ShareInput in = (ShareInput) s.input();
    int calls = s.progress() + 1;
    boolean more =
        !chunk(in.addAccounts(), calls).isEmpty() || !chunk(in.removeAccounts(), calls).isEmpty();
    return more
        ? moves.move(s, "more accounts", now, b -> b.progress(calls), List.of())
        : moves.move(s, "modified", now, b -> b.progress(calls), List.of());
  }

  private Decision shared(
      Saga s, String trigger, Instant now, List<String> sharedWith, boolean verified) {
    ShareInput in = (ShareInput) s.input();
    var event =
        ShareEvents.shared(
            s,
            now,
            in.requestedBy(),
            s.imageId(),
            in.addAccounts(),
            in.removeAccounts(),
            sharedWith,
            verified);
    return moves.move(s, trigger, now, b -> b, List.of(event));
  }

  private Decision fail(Saga s, String trigger, Failure failure, Instant now) {
    ShareInput in = (ShareInput) s.input();
    var event =
        ShareEvents.shareFailed(
            s, now, in.requestedBy(), s.imageId(), in.addAccounts(), in.removeAccounts(), failure);
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }
}
