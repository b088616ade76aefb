package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Sends encoded events to the event topic. */
public interface EventPublisher {

  /**
   * Publishes the messages in order and completes once the broker acknowledged every one of them.
   *
   * @return the messages acknowledged; fails if any could not be sent
   */
  Uni<List<OutboxMessage>> publish(List<OutboxMessage> messages);
}
