package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.EmittedEvent;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.FakeEventPublisher;
import com.ecsimagesaga.testsupport.InMemoryEventOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay on in-memory fakes: order, batches, and nothing lost while the broker is away.
 */
class OutboxRelayTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private final FakeClock clock = new FakeClock(T0);
  private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
  private final FakeEventPublisher publisher = new FakeEventPublisher();
  private final OutboxRelay relay = new OutboxRelay(outbox, publisher, 2);
  private final UUID sagaId = UUID.randomUUID();

  private void written(String type) {
    outbox.add(
        new OutboxMessage(
            0,
            UUID.randomUUID(),
            sagaId,
            type,
            sagaId.toString(),
            new byte[0],
            Map.of(),
            clock.instant()));
  }

  private int relayOnce() {
    return relay.relayOnce().await().indefinitely();
  }

  @Test
  void eventsLeaveInOrderInBatchesAndStayWhileTheBrokerIsAway() {
    written("SagaStarted");
    written("ImageCreationStarted");
    written("ImageCreated");

    publisher.down(true);
    assertThat(relayOnce()).isZero();
    assertThat(outbox.backlog().await().indefinitely()).as("nothing is lost").isEqualTo(3);

    publisher.down(false);
    clock.advance(Duration.ofSeconds(5));
    assertThat(relayOnce()).as("one batch").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(relayOnce()).isEqualTo(1);
    assertThat(relayOnce()).isZero();

    assertThat(publisher.sent())
        .extracting(OutboxMessage::type)
        .containsExactly("SagaStarted", "ImageCreationStarted", "ImageCreated");
    assertThat(outbox.events(sagaId))
        .extracting(EmittedEvent::publishedAt)
        .containsExactly(T0.plusSeconds(5), T0.plusSeconds(5), T0.plusSeconds(6));
    assertThat(outbox.backlog().await().indefinitely()).isZero();
  }
}
