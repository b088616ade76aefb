package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** The stored events that still have to be published. */
public interface EventOutbox {

  /**
   * Runs {@code publish} on the oldest unpublished messages (at most {@code limit}, in outbox
   * order) while holding the outbox exclusively, and marks the ones it returns as published. Only
   * one caller across all instances runs at a time, which keeps events in order.
   *
   * @return how many messages were marked published
   */
  Uni<Integer> drain(int limit, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish);

  /** How many messages wait to be published. */
  Uni<Long> backlog();
}
