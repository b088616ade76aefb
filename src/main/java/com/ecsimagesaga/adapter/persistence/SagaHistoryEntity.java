package com.ecsimagesaga.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One run of a saga step; written by {@link SagaHistoryWriter}, read for timelines. */
@Entity
@Table(name = "saga_history")
@IdClass(SagaHistoryEntity.Key.class)
public class SagaHistoryEntity extends PanacheEntityBase {
  @Id
  @Column(name = "saga_id")
  public UUID sagaId;

  @Id public String step;

  @Id
  @Column(name = "step_started_at")
  public Instant stepStartedAt;

  @Column(name = "first_at")
  public Instant firstAt;

  @Column(name = "last_at")
  public Instant lastAt;

  public int executions;

  @Column(name = "max_attempt")
  public int maxAttempt;

  @Column(name = "outcome_status")
  public String outcomeStatus;

  @Column(name = "outcome_step")
  public String outcomeStep;

  public int progress;

  @Column(name = "error_count")
  public int errorCount;

  @Column(name = "last_error_code")
  public String lastErrorCode;

  @Column(name = "last_request_id")
  public String lastRequestId;

  @Column(name = "image_id")
  public String imageId;

  @Column(name = "quota_wait_ms")
  public long quotaWaitMs;

  /** The composite key: saga, step and when that run of the step began. */
  public static class Key implements Serializable {
    public UUID sagaId;
    public String step;
    public Instant stepStartedAt;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(sagaId, k.sagaId)
          && Objects.equals(step, k.step)
          && Objects.equals(stepStartedAt, k.stepStartedAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sagaId, step, stepStartedAt);
    }
  }
}
