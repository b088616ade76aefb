package com.ecsimagesaga.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A command id the service has handled, so that a redelivery is a no-op. */
@Entity
@Table(name = "processed_command")
public class ProcessedCommandEntity extends PanacheEntityBase {
  @Id
  @Column(name = "command_id")
  public String commandId;

  @Column(name = "saga_id")
  public UUID sagaId;

  /** STARTED or REJECTED. */
  public String outcome;

  @Column(name = "received_at")
  public Instant receivedAt;

  /** For a rejection: the command's record name. */
  @Column(name = "command_type")
  public String commandType;

  /** For a rejection: its violations, as JSON. */
  public String violations;
}
