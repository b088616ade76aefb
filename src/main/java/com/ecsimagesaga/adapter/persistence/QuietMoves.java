package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.SagaStore.Transit;
import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores the moves that changed nothing but the saga's wake-up time and the image's progress (a
 * poll of an image still being made, with no new 10 % step, no event and no error: by far the
 * commonest move, every waiting saga every few seconds) for a whole pass in one statement. The
 * statement moves each row's wake-up time and progress under the same guard as every other move
 * (version and lease) and updates the step's history row exactly as {@link SagaHistoryWriter} would
 * (one more execution, its last time), so the history of a saga does not depend on which way its
 * moves were stored.
 */
final class QuietMoves {

  private static final String STORE =
      """
      with moved as (
        update saga s set next_wake_at = x.wake, progress = x.progress, updated_at = $4, lease_owner = null,
                          lease_until = null, version = s.version + 1
        from unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $6::int[]) as x(id, wake, version, progress)
        where s.id = x.id and s.version = x.version and s.lease_owner = $5
        returning s.id, s.step, coalesce(s.step_started_at, s.created_at) as started, s.attempt, s.status, s.progress,
                  s.image_id, s.quota_wait_ms),
      history as (
        insert into saga_history (saga_id, step, step_started_at, first_at, last_at, executions, max_attempt,
                                  outcome_status, outcome_step, progress, error_count, last_error_code,
                                  last_request_id, image_id, quota_wait_ms)
        select id, step, started, $4, $4, 1, attempt, status, step, progress, 0, null, null, image_id,
               quota_wait_ms from moved
      """
          + SagaHistoryWriter.ON_CONFLICT
          + """
      )
      select id from moved""";

  private QuietMoves() {}

  /**
   * Whether a transit is one move that changed only the wake-up time and the progress: same step,
   * status, attempt, image and everything else, no error and no event (a progress that crossed a 10
   * % step comes with its event, so it is never quiet).
   */
  static boolean isQuiet(Transit t) {
    Saga before = t.previous();
    Saga after = t.next();
    return t.moves() == 1
        && t.events().isEmpty()
        && after.lastError() == null
        && after.nextWakeAt() != null
        && before
            .edit()
            .nextWakeAt(after.nextWakeAt())
            .progress(after.progress())
            .build()
            .equals(after);
  }

  /**
   * Stores the quiet moves; completes with the ids of the sagas whose guard held. One statement, so
   * on its own (a pass of nothing but quiet polls) it needs no transaction around it.
   */
  static Uni<List<UUID>> store(
      SqlClient connection, List<Transit> quiet, String owner, Instant now) {
    if (quiet.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    UUID[] ids = new UUID[quiet.size()];
    OffsetDateTime[] wakes = new OffsetDateTime[quiet.size()];
    Long[] versions = new Long[quiet.size()];
    Integer[] progress = new Integer[quiet.size()];
    for (int i = 0; i < quiet.size(); i++) {
      Transit t = quiet.get(i);
      ids[i] = t.next().id();
      wakes[i] = SagaRows.utc(t.next().nextWakeAt());
      versions[i] = t.previousVersion();
      progress[i] = t.next().progress();
    }
    return connection
        .preparedQuery(STORE)
        .execute(Tuple.of(ids, wakes, versions, SagaRows.utc(now), owner, progress))
        .map(
            rows -> {
              List<UUID> stored = new ArrayList<>(quiet.size());
              rows.forEach(r -> stored.add(r.getUUID(0)));
              return stored;
            });
  }
}
