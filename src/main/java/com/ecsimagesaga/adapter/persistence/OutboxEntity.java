package com.ecsimagesaga.adapter.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event waiting in (or already relayed from) the outbox. */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id")
  public UUID eventId;

  @Column(name = "saga_id")
  public UUID sagaId;

  public String type;

  @Column(name = "message_key")
  public String messageKey;

  public byte[] payload;

  /** Transport headers as a JSON object of strings. */
  public String headers;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  @Column(name = "published_at")
  public Instant publishedAt;
}
