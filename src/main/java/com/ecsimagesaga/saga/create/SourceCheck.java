package com.ecsimagesaga.saga.create;

import static com.ecsimagesaga.saga.Moves.ERROR;

import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The CHECK_SOURCE step of {@link CreateImageSaga}: is the instance or snapshot fit to be imaged?
 */
final class SourceCheck {

  /** ECS refuses snapshots created on or before this day. */
  static final Instant OLDEST_USABLE_SNAPSHOT =
      LocalDate.of(2013, 7, 16).atStartOfDay().toInstant(ZoneOffset.UTC);

  interface Fail {
    Decision fail(Saga s, String trigger, Failure failure, Instant now);
  }

  private SourceCheck() {}

  static Decision decide(Saga s, StepOutcome o, Instant now, Moves moves, Fail fail) {
    if (o instanceof StepOutcome.InstanceSeen seen) {
      var i = seen.instance();
      if (i.canBeImaged()) {
        return moves.move(s, "source ready", now);
      }
      if (i.isTransitioning()) {
        return settle(
            s,
            now,
            moves,
            fail,
            "IncorrectInstanceStatus",
            "instance " + i.instanceId() + " is " + i.status());
      }
      String code = i.securityLocked() ? "InstanceLockedForSecurity" : "IncorrectInstanceStatus";
      String why =
          i.securityLocked()
              ? "is locked for security reasons"
              : "is " + i.status() + ", not Running or Stopped";
      return unusable(s, now, fail, code, "instance " + i.instanceId() + " " + why);
    }
    if (o instanceof StepOutcome.SnapshotSeen sn) {
      return snapshot(s, sn, now, moves, fail);
    }
    if (o instanceof StepOutcome.SourceMissing missing) {
      String code =
          missing.sourceId().startsWith("i-")
              ? "InvalidInstanceId.NotFound"
              : "InvalidSnapshotId.NotFound";
      return fail.fail(
          s,
          "source unusable",
          new Failure(s.step(), "NOT_FOUND", code, missing.sourceId() + " does not exist", null),
          now);
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    return moves.retryOrFail(s, e, now, f -> fail.fail(s, ERROR, f, now));
  }

  private static Decision snapshot(
      Saga s, StepOutcome.SnapshotSeen sn, Instant now, Moves moves, Fail fail) {
    if (!"system".equalsIgnoreCase(sn.sourceDiskType())) {
      return unusable(
          s,
          now,
          fail,
          "OperationDenied",
          "snapshot " + sn.snapshotId() + " is not from a system disk");
    }
    if (sn.creationTime() != null && sn.creationTime().isBefore(OLDEST_USABLE_SNAPSHOT)) {
      return unusable(
          s,
          now,
          fail,
          "InvalidSnapshot.TooOld",
          "snapshot " + sn.snapshotId() + " was created on or before 2013-07-15");
    }
    return switch (sn.status()) {
      case "accomplished" -> moves.move(s, "source ready", now);
      case "progressing" ->
          settle(
              s,
              now,
              moves,
              fail,
              "InvalidSnapshotId.NotReady",
              "snapshot " + sn.snapshotId() + " is still progressing");
      default ->
          unusable(
              s,
              now,
              fail,
              "InvalidSnapshotId.NotReady",
              "snapshot " + sn.snapshotId() + " is " + sn.status());
    };
  }

  /** Waits for a source in a passing state, within the state-wait budget. */
  private static Decision settle(
      Saga s, Instant now, Moves moves, Fail fail, String code, String message) {
    int failed = s.attempt() + 1;
    var policy = moves.policies().stateWait();
    if (!policy.allowsRetry(failed)) {
      return fail.fail(
          s,
          "source unusable",
          new Failure(s.step(), "RETRIES_EXHAUSTED", code, message, null),
          now);
    }
    var error = new CloudError(ErrorKind.STATE_WAIT, code, message, null, null);
    Instant wake = now.plus(policy.nextDelay(failed, Moves.unitRandom(s, failed)));
    return moves.move(
        s, "source settling", wake, b -> b.attempt(failed).lastError(error), List.of());
  }

  private static Decision unusable(Saga s, Instant now, Fail fail, String code, String message) {
    return fail.fail(
        s, "source unusable", new Failure(s.step(), "PRECONDITION", code, message, null), now);
  }
}
