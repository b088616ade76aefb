package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each saga move into {@code saga_history}, in the transaction that stores the move. A step
 * run (one step from the moment the saga entered it) is one row: its retries and polls update that
 * row, so history stays a few rows per saga however long it polls. It also times every step that
 * ends, for the step latency histogram.
 *
 * <p>Use from a store: {@code var h = history.batch();} then {@code h.add(previous, next, now)} for
 * each saga that moved, then chain {@code h.writeOn(connection)} inside the same transaction.
 */
@ApplicationScoped
public class SagaHistoryWriter {

  /** 13 parameters a row; PostgreSQL takes at most 65535 in one statement. */
  private static final int ROWS_PER_STATEMENT = 1000;

  private static final String INSERT =
      """
      insert into saga_history (saga_id, step, step_started_at, first_at, last_at, executions, max_attempt,
                                outcome_status, outcome_step, progress, error_count, last_error_code,
                                last_request_id, image_id, quota_wait_ms)
      values""";

  /** How a step run's row takes one more execution; {@link QuietMoves} shares it. */
  static final String ON_CONFLICT =
      """
       on conflict (saga_id, step, step_started_at) do update set
          last_at = excluded.last_at,
          executions = saga_history.executions + 1,
          max_attempt = greatest(saga_history.max_attempt, excluded.max_attempt),
          outcome_status = excluded.outcome_status,
          outcome_step = excluded.outcome_step,
          progress = excluded.progress,
          error_count = saga_history.error_count + excluded.error_count,
          last_error_code = coalesce(excluded.last_error_code, saga_history.last_error_code),
          last_request_id = coalesce(excluded.last_request_id, saga_history.last_request_id),
          image_id = coalesce(excluded.image_id, saga_history.image_id),
          quota_wait_ms = greatest(saga_history.quota_wait_ms, excluded.quota_wait_ms)""";

  /**
   * The values of one row, in the order of the columns after {@code first_at, last_at, executions}
   * are folded in.
   */
  private static final List<String> COLUMNS =
      List.of(
          "sagaId",
          "step",
          "startedAt",
          "now",
          "attempt",
          "status",
          "nextStep",
          "progress",
          "errors",
          "code",
          "requestId",
          "imageId",
          "quotaWaitMs");

  @Inject MeterRegistry registry;

  /** Clocks of two instances may disagree by a little: a step never took less than nothing. */
  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A new, empty batch for one transaction. */
  public Batch batch() {
    return new Batch();
  }

  /** The history rows of one transaction. */
  public final class Batch {
    private final List<Map<String, Object>> rows = new ArrayList<>();

    private Batch() {}

    /** Notes the move of {@code before} (the stored state, not yet overwritten) to {@code next}. */
    public void add(Saga before, Saga next, Instant now) {
      Instant startedAt =
          before.stepStartedAt() != null ? before.stepStartedAt() : before.createdAt();
      boolean sameStep = before.step() == next.step();
      CloudError retried = sameStep ? next.lastError() : null;
      Failure failed = before.failure() == null ? next.failure() : null;
      String code = retried != null ? retried.code() : failed != null ? failed.code() : null;
      String requestId =
          retried != null ? retried.requestId() : failed != null ? failed.requestId() : null;
      var row = new HashMap<String, Object>();
      row.put("sagaId", before.id());
      row.put("step", before.step().name());
      row.put("startedAt", startedAt);
      row.put("now", now);
      row.put("attempt", sameStep ? next.attempt() : before.attempt());
      row.put("status", next.status().name());
      row.put("nextStep", next.step().name());
      row.put("progress", next.progress());
      row.put("errors", code == null ? 0 : 1);
      row.put("code", code);
      row.put("requestId", requestId);
      row.put("imageId", next.imageId());
      row.put("quotaWaitMs", (sameStep ? next : before).quotaWait().waited().toMillis());
      rows.add(row);
      if (!sameStep) {
        Timer.builder("saga.step.duration")
            .description("How long a saga step took, from entering it to leaving it")
            .tag("type", before.type().name())
            .tag("step", before.step().name())
            .tag("outcome", next.status().name())
            .publishPercentileHistogram()
            .register(registry)
            .record(nonNegative(Duration.between(startedAt, now)));
      }
    }

    /**
     * Writes the noted rows, a statement per thousand, on the connection of the transaction that
     * stores the moves. A batch holds each step run at most once, which the upsert of several rows
     * needs: the coordinator moves a saga once per pass, or through several different steps when it
     * chains them (it never chains a step into itself).
     */
    public Uni<Void> writeOn(SqlConnection connection) {
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        List<Map<String, Object>> chunk =
            rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
        chain = chain.chain(() -> upsertOn(connection, chunk));
      }
      return chain;
    }

    private Uni<Void> upsertOn(SqlConnection connection, List<Map<String, Object>> chunk) {
      StringBuilder sql = new StringBuilder(INSERT);
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        int b = values.size();
        for (String name : COLUMNS) {
          Object v = chunk.get(i).get(name);
          values.add(v instanceof Instant t ? SagaRows.utc(t) : v);
        }
        // first_at and last_at are both "now"; executions starts at 1.
        sql.append(i == 0 ? " (" : ", (")
            .append("$")
            .append(b + 1)
            .append(", $")
            .append(b + 2)
            .append(", $")
            .append(b + 3)
            .append(", $")
            .append(b + 4)
            .append(", $")
            .append(b + 4)
            .append(", 1");
        for (int c = 5; c <= COLUMNS.size(); c++) {
          sql.append(", $").append(b + c);
        }
        sql.append(')');
      }
      return connection
          .preparedQuery(sql.append(ON_CONFLICT).toString())
          .execute(Tuple.from(values))
          .replaceWithVoid();
    }
  }
}
