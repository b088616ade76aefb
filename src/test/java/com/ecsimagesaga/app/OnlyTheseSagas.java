package com.ecsimagesaga.app;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The real store, except that a claim keeps only the sagas under test: anything else due on a far
 * clock (sagas other tests left unfinished) is released at once, untouched.
 */
class OnlyTheseSagas implements SagaStore {
  private final SagaStore delegate;
  private final Pool pool;
  private final Set<UUID> ids;

  OnlyTheseSagas(SagaStore delegate, Pool pool, Set<UUID> ids) {
    this.delegate = delegate;
    this.pool = pool;
    this.ids = Set.copyOf(ids);
  }

  @Override
  public Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore) {
    return delegate.releaseLeases(owner, now, heldUntilBefore);
  }

  @Override
  public Uni<List<Saga>> claimDue(
      Instant now, int limit, String owner, Duration lease, Instant liveSince) {
    return delegate
        .claimDue(now, limit, owner, lease, liveSince)
        .chain(
            claimed -> {
              UUID[] others =
                  claimed.stream().map(Saga::id).filter(i -> !ids.contains(i)).toArray(UUID[]::new);
              List<Saga> mine = claimed.stream().filter(s -> ids.contains(s.id())).toList();
              return others.length == 0
                  ? Uni.createFrom().item(mine)
                  : pool.preparedQuery(
                          "update saga set lease_owner = null, lease_until = null where id = any($1) and lease_owner = $2")
                      .execute(Tuple.of(others, owner))
                      .replaceWith(mine);
            });
  }

  @Override
  public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    return delegate.apply(transits, owner);
  }

  @Override
  public Uni<List<Boolean>> startAll(List<Saga> sagas) {
    return delegate.startAll(sagas);
  }

  @Override
  public Uni<Boolean> reject(
      String commandId, com.ecsimagesaga.port.RejectedCommand why, OutboxMessage rejection) {
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
  public Uni<List<Saga>> findByInput(
      com.ecsimagesaga.saga.SagaType type,
      com.ecsimagesaga.saga.SagaStatus status,
      String field,
      String value) {
    return delegate.findByInput(type, status, field, value);
  }

  @Override
  public Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return delegate.findStuck(overdueBefore, limit);
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
