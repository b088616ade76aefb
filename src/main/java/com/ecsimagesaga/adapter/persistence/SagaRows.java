package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.Step;
import io.vertx.mutiny.sqlclient.Tuple;
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

  /** Writes everything a decision can change, if the row still has the version and the lease the decision was made under. */
  static final String UPDATE_STATE = """
      update saga set status = $1, step = $2, image_id = $3, client_token = $4, token_generation = $5, attempt = $6,
                      step_started_at = $7, next_wake_at = $8, progress = $9, snapshot_ids = $10, failure_step = $11,
                      failure_kind = $12, failure_code = $13, failure_message = $14, failure_request_id = $15,
                      last_error_kind = $16, last_error_code = $17, last_error_message = $18, last_error_request_id = $19,
                      updated_at = $20, submit_unconfirmed = $24, lease_owner = null, lease_until = null,
                      version = version + 1
      where id = $21 and version = $22 and lease_owner = $23""";

  /** The parameters of {@link #UPDATE_STATE} for one saga; the same columns as {@link #copyState}. */
  static Tuple stateUpdate(Saga s, long previousVersion, String owner, Instant now) {
    SagaEntity e = new SagaEntity();
    copyState(s, e, now);
    return Tuple.from(Arrays.asList(e.status, e.step, e.imageId, e.clientToken, e.tokenGeneration, e.attempt,
        utc(e.stepStartedAt), utc(e.nextWakeAt), e.progress, e.snapshotIds, e.failureStep, e.failureKind, e.failureCode,
        e.failureMessage, e.failureRequestId, e.lastErrorKind, e.lastErrorCode, e.lastErrorMessage, e.lastErrorRequestId,
        utc(now), s.id(), previousVersion, owner, e.submitUnconfirmed));
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
    e.updatedAt = now;
  }

  static Saga toSaga(SagaEntity e) {
    Failure failure = e.failureKind == null ? null
        : new Failure(Step.valueOf(e.failureStep), e.failureKind, e.failureCode, e.failureMessage, e.failureRequestId);
    CloudError last = e.lastErrorKind == null ? null
        : new CloudError(ErrorKind.valueOf(e.lastErrorKind), e.lastErrorCode, e.lastErrorMessage, e.lastErrorRequestId, null);
    List<String> snapshots = e.snapshotIds == null || e.snapshotIds.isEmpty() ? List.of() : Arrays.asList(e.snapshotIds.split(","));
    return new Saga(e.id, SagaType.valueOf(e.type), SagaStatus.valueOf(e.status), Step.valueOf(e.step), e.commandId,
        e.regionId, SagaInputJson.read(e.input), e.imageId, e.clientToken, e.tokenGeneration, e.attempt, e.createdAt,
        e.stepStartedAt, e.nextWakeAt, e.deadlineAt, e.progress, snapshots, failure, last, e.version, e.traceParent,
        e.submitUnconfirmed);
  }
}
