package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayStore;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * {@link ReplayStore} on PostgreSQL: the saga row, its history and the audit row in one
 * transaction.
 */
@ApplicationScoped
public class PanacheReplayStore implements ReplayStore {

  @Inject Clock clock;

  @Override
  public Uni<Boolean> replay(Saga next, long expectedVersion, ReplayAudit audit) {
    Instant now = clock.instant();
    return Panache.withTransaction(
        () ->
            SagaEntity.<SagaEntity>findById(next.id())
                .chain(
                    row -> {
                      if (row == null
                          || row.version != expectedVersion
                          || !Replay.REPLAYABLE.contains(SagaStatus.valueOf(row.status))) {
                        return conflict(audit).replaceWith(false);
                      }
                      SagaRows.copyState(next, row, now);
                      row.deadlineAt = next.deadlineAt();
                      row.leaseOwner = null;
                      row.leaseUntil = null;
                      return ReplayAuditEntity.of(audit).persist().replaceWith(true);
                    }));
  }

  private static Uni<Void> conflict(ReplayAudit a) {
    var conflict =
        new ReplayAudit(
            a.sagaId(),
            a.jobId(),
            a.actor(),
            a.reason(),
            a.scope(),
            a.mode(),
            "CONFLICT",
            "the saga changed while it was being replayed",
            a.at());
    return ReplayAuditEntity.of(conflict).persist().replaceWithVoid();
  }

  @Override
  public Uni<Void> audit(ReplayAudit audit) {
    return Panache.withTransaction(() -> ReplayAuditEntity.of(audit).persist()).replaceWithVoid();
  }
}
