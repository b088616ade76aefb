package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayStore;
import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link ReplayStore} on an {@link InMemorySagaStore}: a replay is written into the store's row
 * only if the row still has the expected version and a replayable status (its version then moves
 * one on and its lease is cleared), together with its audit row; otherwise only an audit row with
 * result CONFLICT is written, as the PostgreSQL store does. The audit trail is read back by {@link
 * InMemorySagaQueries#replays} and {@link InMemoryReplayJobs#items}.
 */
public final class InMemoryReplayStore implements ReplayStore {

  private final InMemorySagaStore sagas;
  private final List<ReplayAudit> audits = new ArrayList<>();
  private final List<Saga> written = new ArrayList<>();

  public InMemoryReplayStore(InMemorySagaStore sagas) {
    this.sagas = sagas;
  }

  /** Every audit row, in the order written. */
  public synchronized List<ReplayAudit> audits() {
    return List.copyOf(audits);
  }

  /** Every replayed saga written, in order (as asked, before the store moved its version). */
  public synchronized List<Saga> written() {
    return List.copyOf(written);
  }

  /** The audit rows of one saga, oldest first. */
  synchronized List<ReplayAudit> auditsOf(UUID sagaId) {
    return audits.stream().filter(a -> sagaId.equals(a.sagaId())).toList();
  }

  /** The audit rows of one bulk job, oldest first. */
  synchronized List<ReplayAudit> auditsOfJob(UUID jobId) {
    return audits.stream().filter(a -> jobId.equals(a.jobId())).toList();
  }

  @Override
  public synchronized Uni<Boolean> replay(Saga next, long expectedVersion, ReplayAudit audit) {
    if (!sagas.replace(next, expectedVersion)) {
      audits.add(
          new ReplayAudit(
              audit.sagaId(),
              audit.jobId(),
              audit.actor(),
              audit.reason(),
              audit.scope(),
              audit.mode(),
              "CONFLICT",
              "the saga changed while it was being replayed",
              audit.at()));
      return Uni.createFrom().item(false);
    }
    written.add(next);
    audits.add(audit);
    return Uni.createFrom().item(true);
  }

  @Override
  public synchronized Uni<Void> audit(ReplayAudit audit) {
    audits.add(audit);
    return Uni.createFrom().voidItem();
  }
}
