package com.ecsimagesaga.app;

import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.EventPublisher;
import io.smallrye.mutiny.Uni;

/** Moves stored events to the event topic, oldest first, until the broker acknowledged them. */
public final class OutboxRelay {

  private final EventOutbox outbox;
  private final EventPublisher publisher;
  private final int batchSize;

  public OutboxRelay(EventOutbox outbox, EventPublisher publisher, int batchSize) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.batchSize = batchSize;
  }

  /** Publishes one batch. Completes with how many events left the outbox. */
  public Uni<Integer> relayOnce() {
    return outbox.drain(batchSize, publisher::publish);
  }
}
