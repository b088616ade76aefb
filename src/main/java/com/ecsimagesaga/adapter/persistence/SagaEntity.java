package com.ecsimagesaga.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga row. {@link SagaRows} maps it to and from the domain {@link com.ecsimagesaga.saga.Saga}.
 */
@Entity
@Table(name = "saga")
public class SagaEntity extends PanacheEntityBase {
  @Id public UUID id;
  public String type;
  public String status;
  public String step;

  @Column(name = "command_id")
  public String commandId;

  @Column(name = "region_id")
  public String regionId;

  public String input;

  @Column(name = "image_id")
  public String imageId;

  @Column(name = "client_token")
  public String clientToken;

  @Column(name = "token_generation")
  public int tokenGeneration;

  public int attempt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "step_started_at")
  public Instant stepStartedAt;

  @Column(name = "next_wake_at")
  public Instant nextWakeAt;

  @Column(name = "deadline_at")
  public Instant deadlineAt;

  public int progress;

  @Column(name = "snapshot_ids")
  public String snapshotIds;

  @Column(name = "failure_step")
  public String failureStep;

  @Column(name = "failure_kind")
  public String failureKind;

  @Column(name = "failure_code")
  public String failureCode;

  @Column(name = "failure_message")
  public String failureMessage;

  @Column(name = "failure_request_id")
  public String failureRequestId;

  @Column(name = "last_error_kind")
  public String lastErrorKind;

  @Column(name = "last_error_code")
  public String lastErrorCode;

  @Column(name = "last_error_message")
  public String lastErrorMessage;

  @Column(name = "last_error_request_id")
  public String lastErrorRequestId;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "quota_wait_ms")
  public long quotaWaitMs;

  public int throttles;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "trace_parent")
  public String traceParent;

  @Column(name = "submit_unconfirmed")
  public boolean submitUnconfirmed;

  @Version public long version;
}
