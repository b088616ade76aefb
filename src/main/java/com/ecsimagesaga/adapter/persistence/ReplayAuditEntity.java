package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.ReplayAudit;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One audited replay decision. */
@Entity
@Table(name = "replay_audit")
public class ReplayAuditEntity extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "saga_id")
  public UUID sagaId;

  @Column(name = "job_id")
  public UUID jobId;

  public String actor;
  public String reason;
  public String scope;
  public String mode;
  public String result;
  public String detail;
  public Instant at;

  static ReplayAuditEntity of(ReplayAudit a) {
    ReplayAuditEntity e = new ReplayAuditEntity();
    e.sagaId = a.sagaId();
    e.jobId = a.jobId();
    e.actor = a.actor();
    e.reason = a.reason();
    e.scope = a.scope();
    e.mode = a.mode();
    e.result = a.result();
    e.detail = a.detail();
    e.at = a.at();
    return e;
  }

  ReplayAudit toAudit() {
    return new ReplayAudit(sagaId, jobId, actor, reason, scope, mode, result, detail, at);
  }
}
