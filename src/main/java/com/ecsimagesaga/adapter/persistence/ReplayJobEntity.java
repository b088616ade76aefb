package com.ecsimagesaga.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A bulk replay job row; {@link PanacheReplayJobs} maps it. */
@Entity
@Table(name = "replay_job")
public class ReplayJobEntity extends PanacheEntityBase {
  @Id public UUID id;
  public String actor;
  public String reason;
  public String mode;

  @Column(name = "dry_run")
  public boolean dryRun;

  public String filter;
  public String status;
  public int matched;
  public int processed;
  public int replayed;
  public int skipped;

  @Column(name = "cursor_created_at")
  public Instant cursorCreatedAt;

  @Column(name = "cursor_id")
  public UUID cursorId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Version public long version;
}
