package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.config.SagaConfig;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.OutboxWritten;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SagaStore} on PostgreSQL, composed of one class per role: {@link PgCommandDedupe} (a
 * command's id recorded with its effect), {@link PgSagaClaims} (leases), {@link PgSagaMoves}
 * (decisions stored under the lease and version guard, with their history and events), {@link
 * PgOutboxAppends} (events that change no saga) and {@link PgSagaLookups} (reads). The hot paths
 * are SQL on the reactive PostgreSQL client; the rest goes through Hibernate Reactive entities. The
 * roles share the inputs this instance keeps ({@link SagaInputs}) and one notice to the relay.
 */
@ApplicationScoped
public class PgSagaStore implements SagaStore {

  @Inject Clock clock;
  @Inject SagaHistoryWriter history;
  @Inject Pool pool;
  @Inject Event<OutboxWritten> outboxWritten;
  @Inject SagaConfig config;

  private SagaInputs inputs;
  private PgCommandDedupe commands;
  private PgSagaClaims claims;
  private PgSagaMoves moves;
  private PgOutboxAppends outbox;
  private PgSagaLookups lookups;

  @PostConstruct
  void compose() {
    inputs = new SagaInputs(config.inputCacheSize());
    commands = new PgCommandDedupe(pool, clock, inputs, this::written);
    claims = new PgSagaClaims(pool, inputs);
    moves = new PgSagaMoves(pool, clock, history, inputs, this::written);
    outbox = new PgOutboxAppends(this::written);
    lookups = new PgSagaLookups();
  }

  /** The inputs this instance keeps. */
  SagaInputs keptInputs() {
    return inputs;
  }

  /** Tells the relay, after the commit, that events wait in the outbox. */
  private void written(int rows) {
    if (rows > 0) {
      outboxWritten.fire(new OutboxWritten(rows));
    }
  }

  @Override
  public Uni<List<Boolean>> startAll(List<Saga> sagas) {
    return commands.startAll(sagas);
  }

  @Override
  public Uni<Boolean> reject(String commandId, RejectedCommand why, OutboxMessage rejection) {
    return commands.reject(commandId, why, rejection);
  }

  @Override
  public Uni<List<Saga>> claimDue(
      Instant now, int limit, String owner, Duration lease, Instant liveSince) {
    return claims.claimDue(now, limit, owner, lease, liveSince);
  }

  @Override
  public Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore) {
    return claims.releaseLeases(owner, now, heldUntilBefore);
  }

  @Override
  public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    return moves.apply(transits, owner);
  }

  @Override
  public Uni<Void> append(OutboxMessage event) {
    return outbox.append(event);
  }

  @Override
  public Uni<Integer> appendOnce(List<OutboxMessage> events) {
    return outbox.appendOnce(events);
  }

  @Override
  public Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return lookups.findActiveOnImage(regionId, imageId);
  }

  @Override
  public Uni<List<Saga>> findByInput(SagaType type, SagaStatus status, String field, String value) {
    return lookups.findByInput(type, status, field, value);
  }

  @Override
  public Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return lookups.findStuck(overdueBefore, limit);
  }

  @Override
  public Uni<Optional<Saga>> find(UUID id) {
    return lookups.find(id);
  }

  @Override
  public Uni<Optional<Saga>> findByCommandId(String commandId) {
    return lookups.findByCommandId(commandId);
  }
}
