package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.EventPublisher;
import com.ecsimagesaga.port.OutboxMessage;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventPublisher} that keeps what it was given; while {@link #down} is set it answers that
 * nothing was sent, as a publisher does while the broker is away.
 */
public final class FakeEventPublisher implements EventPublisher {

  private final List<OutboxMessage> sent = new ArrayList<>();
  private volatile boolean down;

  public void down(boolean isDown) {
    down = isDown;
  }

  public synchronized List<OutboxMessage> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized Uni<List<OutboxMessage>> publish(List<OutboxMessage> messages) {
    if (down) {
      return Uni.createFrom().item(List.of());
    }
    sent.addAll(messages);
    return Uni.createFrom().item(List.copyOf(messages));
  }
}
