package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;

/** Writes replays and their audit trail. */
public interface ReplayStore {

  /**
   * Stores the replayed saga and its audit row in one transaction, if the stored saga still has
   * {@code expectedVersion} and is still in a replayable status.
   *
   * @return true if written; false if the saga moved on in the meantime (only the audit row, with
   *     result CONFLICT, is written then)
   */
  Uni<Boolean> replay(Saga next, long expectedVersion, ReplayAudit audit);

  /** Records a replay that changed nothing: refused, dry run or failed. */
  Uni<Void> audit(ReplayAudit audit);
}
