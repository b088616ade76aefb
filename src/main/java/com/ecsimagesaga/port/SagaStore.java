package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  default Uni<Boolean> start(Saga saga) {
    return startAll(List.of(saga)).map(started -> started.get(0));
  }

  /**
   * Records new sagas and their command ids in one transaction, as {@link #start} does for one: the
   * intake takes a poll's worth of commands in at once.
   *
   * @param sagas sagas of distinct command ids
   * @return for each saga, in order, whether it was recorded (false: its command id was seen
   *     before, and nothing was written for it)
   * @throws IllegalArgumentException if two sagas share a command id
   */
  Uni<List<Boolean>> startAll(List<Saga> sagas);

  /**
   * Records a rejected command, why it was rejected, and its CommandRejected event in one
   * transaction.
   *
   * @param commandId the key a repeat of the command is recognised by
   * @param why the rejection as {@link RejectedCommands} will find it; its saga id is null when the
   *     command's id was unusable
   * @return true if recorded, false if a command with the same id was seen before
   */
  Uni<Boolean> reject(String commandId, RejectedCommand why, OutboxMessage rejection);

  /**
   * Leases up to {@code limit} sagas that are due at {@code now} and not leased by anyone else, for
   * {@code lease}. Concurrent callers never receive the same saga. A lease counts until it runs
   * out, or, with {@code liveSince}, until its holder's last heartbeat is older than that: a dead
   * instance's sagas are taken over without waiting for their leases. Each region, saga type and
   * step gets its turn in every claim (the oldest due saga of each first, then the second of each,
   * ...), so a backlog in one region, of one type or in one step never holds up the others.
   *
   * @param liveSince heartbeats at or after this instant show an instance alive; null to count
   *     leases by their end only
   */
  Uni<List<Saga>> claimDue(Instant now, int limit, String owner, Duration lease, Instant liveSince);

  /**
   * {@link #claimDue(Instant, int, String, Duration, Instant)} counting leases by their end only.
   */
  default Uni<List<Saga>> claimDue(Instant now, int limit, String owner, Duration lease) {
    return claimDue(now, limit, owner, lease, null);
  }

  /**
   * Ends every lease {@code owner} holds, as of {@code now}: an instance that starts under the name
   * of one that stopped takes back its sagas at once. The leases stay set (as run out), so a claim
   * still sees that a pass may have stopped while a call was out.
   *
   * @return how many leases were ended
   */
  default Uni<Integer> releaseLeases(String owner, Instant now) {
    return releaseLeases(owner, now, null);
  }

  /**
   * {@link #releaseLeases(String, Instant)}, but only the leases that run until before {@code
   * heldUntilBefore} (all when null): the leases of passes of this instance that are still running
   * stay.
   *
   * @return how many leases were ended
   */
  Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore);

  /**
   * Stores the next state of each saga, releases its lease and appends its events to the outbox,
   * all in one transaction, with a history row for every move of a transit. A saga whose lease
   * {@code owner} no longer holds, or whose version moved, is skipped with all its moves: someone
   * else owns it now.
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
   * Finished sagas of {@code type} in {@code status} whose stored input has {@code field} equal to
   * {@code value} (a string field of a kind's input record, for example the source image of a
   * copy).
   */
  Uni<List<Saga>> findByInput(SagaType type, SagaStatus status, String field, String value);

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
   * One saga's moves in one pass: the state the first decision was computed from, the state after
   * each move, and the encoded events of all of them in order. Usually one move; a saga whose
   * decision left it due at once may take its next steps in the same pass (see {@code
   * SagaCoordinator}), and then the row is written once, with the last state, while every move
   * still gets its history.
   *
   * @param path the claimed state followed by the state after each move; at least two entries
   * @param starts new sagas the moves start (a created image's copies, say): stored in the same
   *     transaction as the moves, and only if the moves are, so each starts exactly once
   */
  record Transit(List<Saga> path, List<OutboxMessage> events, List<Saga> starts) {

    public Transit {
      path = List.copyOf(path);
      events = List.copyOf(events);
      starts = List.copyOf(starts);
      if (path.size() < 2) {
        throw new IllegalArgumentException(
            "a transit needs a state and at least one move, got " + path.size());
      }
    }

    public Transit(List<Saga> path, List<OutboxMessage> events) {
      this(path, events, List.of());
    }

    /** One move. */
    public Transit(Saga previous, Saga next, List<OutboxMessage> events) {
      this(List.of(previous, next), events);
    }

    /** One move that starts other sagas. */
    public Transit(Saga previous, Saga next, List<OutboxMessage> events, List<Saga> starts) {
      this(List.of(previous, next), events, starts);
    }

    /** The state the first decision was computed from, as claimed. */
    public Saga previous() {
      return path.get(0);
    }

    /** The state after the last move: what the row holds once stored. */
    public Saga next() {
      return path.get(path.size() - 1);
    }

    /** How many moves: one per step taken in this pass. */
    public int moves() {
      return path.size() - 1;
    }

    /** These moves followed by those of {@code more}, which starts where these end. */
    public Transit then(Transit more) {
      if (!more.previous().id().equals(next().id())
          || more.previousVersion() != previousVersion()) {
        throw new IllegalArgumentException(
            "saga " + next().id() + ": a continuation must be of the same saga and version");
      }
      List<Saga> longer = new ArrayList<>(path);
      longer.addAll(more.path.subList(1, more.path.size()));
      List<OutboxMessage> all = new ArrayList<>(events);
      all.addAll(more.events);
      List<Saga> started = new ArrayList<>(starts);
      started.addAll(more.starts);
      return new Transit(longer, all, started);
    }

    /**
     * The version the first decision was computed from; the moves are stored only if the row still
     * has it, and all together (the row moves one version on however many moves there were).
     */
    public long previousVersion() {
      return previous().version();
    }
  }
}
