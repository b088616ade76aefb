package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.OutboxMessage;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link EventOutbox} in memory. {@link InMemorySagaStore} writes into it as the real store writes
 * its outbox rows in the transaction of a move; the relay drains it in the order the events were
 * written, marking published only what the publisher answered as sent.
 */
public final class InMemoryEventOutbox implements EventOutbox {

  private final List<OutboxMessage> rows = new ArrayList<>();
  private final List<Boolean> published = new ArrayList<>();

  /** Appends an event, numbered as the outbox numbers its rows. */
  public synchronized void add(OutboxMessage message) {
    rows.add(message.withId(rows.size() + 1L));
    published.add(false);
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

  @Override
  public Uni<Integer> drain(
      int limit, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    List<OutboxMessage> pending;
    synchronized (this) {
      pending = new ArrayList<>();
      for (int i = 0; i < rows.size() && pending.size() < limit; i++) {
        if (!published.get(i)) {
          pending.add(rows.get(i));
        }
      }
    }
    if (pending.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return publish
        .apply(pending)
        .map(
            sent -> {
              synchronized (this) {
                sent.forEach(m -> published.set((int) m.id() - 1, true));
              }
              return sent.size();
            });
  }

  @Override
  public synchronized Uni<Long> backlog() {
    return Uni.createFrom().item(published.stream().filter(p -> !p).count());
  }
}
