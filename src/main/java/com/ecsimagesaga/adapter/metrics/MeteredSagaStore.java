package com.ecsimagesaga.adapter.metrics;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Measures the coordinator's passes from the store's side: how many due sagas each claim returned
 * ({@code saga_claim_batch_size}) and how many moves were stored or dropped because another
 * instance owned the saga ({@code saga_moves_total{result}}). A batch size that sits at {@code
 * saga.batch-size} means the coordinator is behind.
 */
@Decorator
@Priority(10)
public class MeteredSagaStore implements SagaStore {

  private final SagaStore delegate;
  private final DistributionSummary batch;
  private final MeterRegistry registry;

  @Inject
  public MeteredSagaStore(@Delegate @Any SagaStore delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    this.batch =
        DistributionSummary.builder("saga.claim.batch.size")
            .description("Due sagas claimed per coordinator pass")
            .publishPercentileHistogram()
            .register(registry);
  }

  @Override
  public Uni<List<Saga>> claimDue(
      Instant now, int limit, String owner, Duration lease, Instant liveSince) {
    return delegate
        .claimDue(now, limit, owner, lease, liveSince)
        .invoke(claimed -> batch.record(claimed.size()));
  }

  @Override
  public Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore) {
    return delegate.releaseLeases(owner, now, heldUntilBefore);
  }

  @Override
  public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    return delegate
        .apply(transits, owner)
        .invoke(
            stored -> {
              registry.counter("saga.moves", "result", "stored").increment(stored.size());
              registry
                  .counter("saga.moves", "result", "dropped")
                  .increment(transits.size() - stored.size());
            });
  }

  @Override
  public Uni<List<Boolean>> startAll(List<Saga> sagas) {
    return delegate.startAll(sagas);
  }

  @Override
  public Uni<Boolean> reject(String commandId, RejectedCommand why, OutboxMessage rejection) {
    return delegate.reject(commandId, why, rejection);
  }

  @Override
  public Uni<Void> append(OutboxMessage event) {
    return delegate.append(event);
  }

  @Override
  public Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return delegate.findActiveOnImage(regionId, imageId);
  }

  @Override
  public Uni<List<Saga>> findByInput(SagaType type, SagaStatus status, String field, String value) {
    return delegate.findByInput(type, status, field, value);
  }

  @Override
  public Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return delegate
        .findStuck(overdueBefore, limit)
        .invoke(stuck -> registry.counter("saga.stuck.found").increment(stuck.size()));
  }

  @Override
  public Uni<Integer> appendOnce(List<OutboxMessage> events) {
    return delegate.appendOnce(events);
  }

  @Override
  public Uni<Optional<Saga>> find(UUID id) {
    return delegate.find(id);
  }

  @Override
  public Uni<Optional<Saga>> findByCommandId(String commandId) {
    return delegate.findByCommandId(commandId);
  }
}
