package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.EmittedEvent;
import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.OutboxMessage;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link EventOutbox} in memory. {@link InMemorySagaStore} writes into it as the real store writes
 * its outbox rows in the transaction of a move; the relay drains it in the order the events were
 * written, marking published (at its clock's time, as {@code published_at}) only what the publisher
 * answered as sent.
 */
public final class InMemoryEventOutbox implements EventOutbox {

  private final List<OutboxMessage> rows = new ArrayList<>();
  private final List<Instant> published = new ArrayList<>();
  private final Clock clock;
  private boolean draining;

  /** An outbox that stamps published events with the time of day. */
  public InMemoryEventOutbox() {
    this(Clock.systemUTC());
  }

  /** An outbox that stamps published events with {@code clock}'s time. */
  public InMemoryEventOutbox(Clock clock) {
    this.clock = clock;
  }

  /** Appends an event, numbered as the outbox numbers its rows. */
  public synchronized void add(OutboxMessage message) {
    rows.add(message.withId(rows.size() + 1L));
    published.add(null);
  }

  /** The events of one saga as {@code SagaQueries.events} reports them, in outbox order. */
  public synchronized List<EmittedEvent> events(UUID sagaId) {
    List<EmittedEvent> events = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (sagaId.equals(rows.get(i).sagaId())) {
        events.add(
            new EmittedEvent(rows.get(i).type(), rows.get(i).occurredAt(), published.get(i)));
      }
    }
    return events;
  }

  /** When the oldest event that still waits was written, if one waits. */
  public synchronized Optional<Instant> oldestUnpublished() {
    Instant oldest = null;
    for (int i = 0; i < rows.size(); i++) {
      Instant at = rows.get(i).occurredAt();
      if (published.get(i) == null && (oldest == null || at.isBefore(oldest))) {
        oldest = at;
      }
    }
    return Optional.ofNullable(oldest);
  }

  /** How many events wait to be published, without a Uni. */
  public synchronized long waiting() {
    return published.stream().filter(p -> p == null).count();
  }

  /** Whether an event with this id was written. */
  public synchronized boolean contains(UUID eventId) {
    return rows.stream().anyMatch(m -> m.eventId().equals(eventId));
  }

  /** Every event written, in order. */
  public synchronized List<OutboxMessage> messages() {
    return List.copyOf(rows);
  }

  /** The types of every event written, in order. */
  public synchronized List<String> types() {
    return rows.stream().map(OutboxMessage::type).toList();
  }

  /** The types of the events of one saga, in order. */
  public synchronized List<String> typesOf(UUID sagaId) {
    return rows.stream().filter(m -> sagaId.equals(m.sagaId())).map(OutboxMessage::type).toList();
  }

  /**
   * Runs when subscribed, as the store's transaction does. Like the relay's advisory lock, only one
   * drain runs at a time: a drain that finds another one running publishes nothing and answers 0.
   */
  @Override
  public Uni<Integer> drain(
      int limit, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    return Uni.createFrom()
        .deferred(
            () -> {
              List<OutboxMessage> pending = new ArrayList<>();
              synchronized (this) {
                if (draining) {
                  return Uni.createFrom().item(0);
                }
                for (int i = 0; i < rows.size() && pending.size() < limit; i++) {
                  if (published.get(i) == null) {
                    pending.add(rows.get(i));
                  }
                }
                if (pending.isEmpty()) {
                  return Uni.createFrom().item(0);
                }
                draining = true;
              }
              return publish
                  .apply(pending)
                  .map(this::markPublished)
                  .eventually(
                      () -> {
                        synchronized (this) {
                          draining = false;
                        }
                      });
            });
  }

  private synchronized int markPublished(List<OutboxMessage> sent) {
    Instant now = clock.instant();
    sent.forEach(m -> published.set((int) m.id() - 1, now));
    return sent.size();
  }

  @Override
  public synchronized Uni<Long> backlog() {
    return Uni.createFrom().item(waiting());
  }
}
