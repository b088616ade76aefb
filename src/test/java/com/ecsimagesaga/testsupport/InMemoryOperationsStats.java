package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.OperationsStats;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link OperationsStats} counted from an {@link InMemorySagaStore} and its {@link
 * InMemoryEventOutbox}, as the three queries of the PostgreSQL adapter count them: sagas by
 * "TYPE/STATUS" (only combinations that occur), the unpublished events and the age of the oldest of
 * them at {@code now} (0 when none waits), and the running, waiting or compensating sagas whose
 * wake-up time is before {@code now - stuckAfter}.
 */
public final class InMemoryOperationsStats implements OperationsStats {

  static final Set<SagaStatus> ACTIVE =
      Set.of(SagaStatus.RUNNING, SagaStatus.WAITING, SagaStatus.COMPENSATING);

  private final InMemorySagaStore store;
  private final InMemoryEventOutbox outbox;

  public InMemoryOperationsStats(InMemorySagaStore store, InMemoryEventOutbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  public Uni<Snapshot> snapshot(Instant now, Duration stuckAfter) {
    List<Saga> sagas = store.sagas();
    Map<String, Long> byStatus =
        sagas.stream()
            .collect(
                Collectors.groupingBy(s -> s.type() + "/" + s.status(), Collectors.counting()));
    double oldest =
        outbox.oldestUnpublished().map(at -> Duration.between(at, now).toNanos() / 1e9).orElse(0.0);
    Instant threshold = now.minus(stuckAfter);
    long stuck =
        sagas.stream()
            .filter(s -> ACTIVE.contains(s.status()))
            .filter(s -> s.nextWakeAt() != null && s.nextWakeAt().isBefore(threshold))
            .count();
    return Uni.createFrom().item(new Snapshot(byStatus, outbox.waiting(), oldest, stuck));
  }
}
