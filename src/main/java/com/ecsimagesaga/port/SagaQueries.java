package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Read-only questions operators ask about sagas. */
public interface SagaQueries {

  /**
   * Sagas matching {@code filter}, newest first ({@code created_at}, then id), at most {@code
   * pageSize}, starting after {@code after} (null for the first page).
   */
  default Uni<SagaPage> search(SagaFilter filter, int pageSize, SagaPage.Position after) {
    return search(filter, SagaPage.Order.STARTED, pageSize, after);
  }

  /**
   * Sagas matching {@code filter} in the given order (newest first, then by id), at most {@code
   * pageSize}, starting after {@code after} (null for the first page).
   */
  Uni<SagaPage> search(
      SagaFilter filter, SagaPage.Order order, int pageSize, SagaPage.Position after);

  /** How many sagas match {@code filter}. */
  Uni<Long> count(SagaFilter filter);

  /** The saga's step runs, oldest first. */
  Uni<List<StepRun>> history(UUID sagaId);

  /** The saga's audited replays, oldest first. */
  Uni<List<ReplayAudit>> replays(UUID sagaId);

  /** The events the saga emitted, oldest first. */
  Uni<List<EmittedEvent>> events(UUID sagaId);
}
