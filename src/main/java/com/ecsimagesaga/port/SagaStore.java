package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable saga state, with the outbox written in the same transactions. */
public interface SagaStore {

  /**
   * Records a new saga and its command id in one transaction.
   *
   * @return true if the saga was recorded, false if a command with the same id was seen before
   *     (nothing is written then)
   */
  Uni<Boolean> start(Saga saga);

  /**
   * Records a rejected command and its CommandRejected event in one transaction.
   *
   * @return true if recorded, false if a command with the same id was seen before
   */
  Uni<Boolean> reject(String commandId, OutboxMessage rejection);

  /**
   * Leases up to {@code limit} sagas that are due at {@code now} and not leased by anyone else,
   * for {@code lease}. Concurrent callers never receive the same saga.
   */
  Uni<List<Saga>> claimDue(Instant now, int limit, String owner, Duration lease);

  /**
   * Stores the next state of each saga, releases its lease and appends its events to the outbox,
   * all in one transaction. A saga whose lease {@code owner} no longer holds, or whose version
   * moved, is skipped: someone else owns it now.
   *
   * @return the ids of the sagas that were stored
   */
  Uni<List<UUID>> apply(List<Transit> transits, String owner);

  /** Appends an event to the outbox on its own, for answers that change no saga. */
  Uni<Void> append(OutboxMessage event);

  /**
   * The saga that is still working on an image: a create that has its image id but has not
   * finished, or any other unfinished saga on that image.
   */
  Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId);

  /**
   * Active sagas that made no progress: due before {@code overdueBefore} but not moved, or past
   * their deadline before {@code overdueBefore}. At most {@code limit}.
   */
  Uni<List<Saga>> findStuck(Instant overdueBefore, int limit);

  /** Appends events to the outbox unless an event with the same id is there already. */
  Uni<Integer> appendOnce(List<OutboxMessage> events);

  /** The saga with this id, if any. */
  Uni<Optional<Saga>> find(UUID id);

  /** The saga started by this command id, if any. */
  Uni<Optional<Saga>> findByCommandId(String commandId);

  /**
   * One saga's move: the state the decision was computed from, the next state and the encoded
   * events that go with it.
   */
  record Transit(Saga previous, Saga next, List<OutboxMessage> events) {

    /** The version the decision was computed from; the move is stored only if the row still has it. */
    public long previousVersion() {
      return previous.version();
    }
  }
}
