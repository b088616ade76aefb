package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.QuotaWait;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.Step;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Maps sagas to rows and back. */
final class SagaRows {

  private SagaRows() {}

  static SagaEntity newRow(Saga s, Instant now) {
    SagaEntity e = new SagaEntity();
    e.id = s.id();
    e.type = s.type().name();
    e.commandId = s.commandId();
    e.regionId = s.regionId();
    e.input = SagaInputJson.write(s.input());
    e.createdAt = s.createdAt();
    e.deadlineAt = s.deadlineAt();
    e.traceParent = s.traceParent();
    copyState(s, e, now);
    return e;
  }

  /**
   * Writes everything a decision can change, if the row still has the version and the lease the
   * decision was made under.
   */
  static final String UPDATE_STATE =
      """
      update saga set status = $1, step = $2, image_id = $3, client_token = $4, token_generation = $5, attempt = $6,
                      step_started_at = $7, next_wake_at = $8, progress = $9, snapshot_ids = $10, failure_step = $11,
                      failure_kind = $12, failure_code = $13, failure_message = $14, failure_request_id = $15,
                      last_error_kind = $16, last_error_code = $17, last_error_message = $18, last_error_request_id = $19,
                      updated_at = $20, submit_unconfirmed = $24, deadline_at = $25, quota_wait_ms = $26,
                      throttles = $27, lease_owner = null, lease_until = null, version = version + 1
      where id = $21 and version = $22 and lease_owner = $23""";

  /**
   * The parameters of {@link #UPDATE_STATE} for one saga; the same columns as {@link #copyState}.
   */
  static Tuple stateUpdate(Saga s, long previousVersion, String owner, Instant now) {
    SagaEntity e = new SagaEntity();
    copyState(s, e, now);
    return Tuple.from(
        Arrays.asList(
            e.status,
            e.step,
            e.imageId,
            e.clientToken,
            e.tokenGeneration,
            e.attempt,
            utc(e.stepStartedAt),
            utc(e.nextWakeAt),
            e.progress,
            e.snapshotIds,
            e.failureStep,
            e.failureKind,
            e.failureCode,
            e.failureMessage,
            e.failureRequestId,
            e.lastErrorKind,
            e.lastErrorCode,
            e.lastErrorMessage,
            e.lastErrorRequestId,
            utc(now),
            s.id(),
            previousVersion,
            owner,
            e.submitUnconfirmed,
            utc(e.deadlineAt),
            e.quotaWaitMs,
            e.throttles));
  }

  /** An instant as the SQL client binds {@code timestamptz}. */
  static OffsetDateTime utc(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** Copies everything a decision can change. */
  static void copyState(Saga s, SagaEntity e, Instant now) {
    e.status = s.status().name();
    e.step = s.step().name();
    e.imageId = s.imageId();
    e.clientToken = s.clientToken();
    e.tokenGeneration = s.tokenGeneration();
    e.attempt = s.attempt();
    e.stepStartedAt = s.stepStartedAt();
    e.nextWakeAt = s.nextWakeAt();
    e.progress = s.progress();
    e.snapshotIds = String.join(",", s.snapshotIds());
    Failure f = s.failure();
    e.failureStep = f == null ? null : f.step().name();
    e.failureKind = f == null ? null : f.kind();
    e.failureCode = f == null ? null : f.code();
    e.failureMessage = f == null ? null : f.message();
    e.failureRequestId = f == null ? null : f.requestId();
    CloudError l = s.lastError();
    e.lastErrorKind = l == null ? null : l.kind().name();
    e.lastErrorCode = l == null ? null : l.code();
    e.lastErrorMessage = l == null ? null : l.message();
    e.lastErrorRequestId = l == null ? null : l.requestId();
    e.submitUnconfirmed = s.submitUnconfirmed();
    e.deadlineAt = s.deadlineAt();
    e.quotaWaitMs = s.quotaWait().waited().toMillis();
    e.throttles = s.quotaWait().throttles();
    e.updatedAt = now;
  }

  /**
   * The columns a claim returns, in this order: every column but the saga's input, which a claim
   * takes from {@link SagaInputs} when it can.
   */
  static final String CLAIMED_COLUMNS =
      "id, type, status, step, command_id, region_id, image_id, client_token, token_generation,"
          + " attempt, created_at, updated_at, step_started_at, next_wake_at, deadline_at, progress,"
          + " snapshot_ids, failure_step, failure_kind, failure_code, failure_message,"
          + " failure_request_id, last_error_kind, last_error_code, last_error_message,"
          + " last_error_request_id, lease_owner, lease_until, trace_parent, submit_unconfirmed,"
          + " version, quota_wait_ms, throttles";

  /**
   * A row of {@link #CLAIMED_COLUMNS}, read by position (a claim returns thousands of rows a
   * minute; looking each column up by name costs more than reading it). The input is left null.
   */
  static SagaEntity claimedEntityOf(Row r) {
    SagaEntity e = new SagaEntity();
    e.id = r.getUUID(0);
    e.type = r.getString(1);
    e.status = r.getString(2);
    e.step = r.getString(3);
    e.commandId = r.getString(4);
    e.regionId = r.getString(5);
    e.imageId = r.getString(6);
    e.clientToken = r.getString(7);
    e.tokenGeneration = r.getInteger(8);
    e.attempt = r.getInteger(9);
    e.createdAt = instant(r, 10);
    e.updatedAt = instant(r, 11);
    e.stepStartedAt = instant(r, 12);
    e.nextWakeAt = instant(r, 13);
    e.deadlineAt = instant(r, 14);
    e.progress = r.getInteger(15);
    e.snapshotIds = r.getString(16);
    e.failureStep = r.getString(17);
    e.failureKind = r.getString(18);
    e.failureCode = r.getString(19);
    e.failureMessage = r.getString(20);
    e.failureRequestId = r.getString(21);
    e.lastErrorKind = r.getString(22);
    e.lastErrorCode = r.getString(23);
    e.lastErrorMessage = r.getString(24);
    e.lastErrorRequestId = r.getString(25);
    e.leaseOwner = r.getString(26);
    e.leaseUntil = instant(r, 27);
    e.traceParent = r.getString(28);
    e.submitUnconfirmed = r.getBoolean(29);
    e.version = r.getLong(30);
    e.quotaWaitMs = r.getLong(31);
    e.throttles = r.getInteger(32);
    return e;
  }

  private static Instant instant(Row r, int column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  static Saga toSaga(SagaEntity e) {
    return toSaga(e, SagaInputJson.read(e.input));
  }

  /** The saga of a row whose input was read already. */
  static Saga toSaga(SagaEntity e, SagaInput input) {
    Failure failure =
        e.failureKind == null
            ? null
            : new Failure(
                Step.valueOf(e.failureStep),
                e.failureKind,
                e.failureCode,
                e.failureMessage,
                e.failureRequestId);
    CloudError last =
        e.lastErrorKind == null
            ? null
            : new CloudError(
                ErrorKind.valueOf(e.lastErrorKind),
                e.lastErrorCode,
                e.lastErrorMessage,
                e.lastErrorRequestId,
                null);
    List<String> snapshots =
        e.snapshotIds == null || e.snapshotIds.isEmpty()
            ? List.of()
            : Arrays.asList(e.snapshotIds.split(","));
    return Saga.restore(
            e.id, SagaType.valueOf(e.type), e.commandId, e.regionId, input, e.createdAt, e.version)
        .status(SagaStatus.valueOf(e.status))
        .step(Step.valueOf(e.step))
        .imageId(e.imageId)
        .token(e.clientToken, e.tokenGeneration)
        .attempt(e.attempt)
        .stepStartedAt(e.stepStartedAt)
        .nextWakeAt(e.nextWakeAt)
        .deadlineAt(e.deadlineAt)
        .progress(e.progress)
        .snapshotIds(snapshots)
        .failure(failure)
        .lastError(last)
        .traceParent(e.traceParent)
        .submitUnconfirmed(e.submitUnconfirmed)
        .quotaWait(new QuotaWait(Duration.ofMillis(e.quotaWaitMs), e.throttles))
        .build();
  }
}
