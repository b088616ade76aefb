package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.saga.Saga;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Command dedupe: a command id is recorded in {@code processed_command} in the same statement or
 * transaction as its effect (a new saga, or a rejection and its event), so a repeated command
 * writes nothing. The intake's side of {@link com.ecsimagesaga.port.SagaStore}.
 */
final class PgCommandDedupe {

  /**
   * Records the commands and inserts their sagas in one statement, whatever their number, so taking
   * in a poll of commands costs one round trip (and one implicit transaction): each command's
   * columns arrive as one array per column, and a saga row is written only for the command ids that
   * were new. This is the intake's hot path.
   */
  static final String START =
      """
      with incoming as (
        select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::text[], $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[],
                             $14::timestamptz[], $15::timestamptz[], $16::int[], $17::text[], $18::text[], $19::bool[])
          as t(command_id, id, type, status, step, region_id, input, image_id, client_token, token_generation,
               attempt, created_at, step_started_at, next_wake_at, deadline_at, progress, snapshot_ids, trace_parent,
               submit_unconfirmed)),
      taken as (
        insert into processed_command (command_id, saga_id, outcome, received_at)
        select command_id, id, 'STARTED', $20 from incoming
        on conflict (command_id) do nothing returning command_id)
      insert into saga (id, type, status, step, command_id, region_id, input, image_id, client_token, token_generation,
                        attempt, created_at, updated_at, step_started_at, next_wake_at, deadline_at, progress,
                        snapshot_ids, trace_parent, submit_unconfirmed, version)
      select i.id, i.type, i.status, i.step, i.command_id, i.region_id, i.input, i.image_id, i.client_token,
             i.token_generation, i.attempt, i.created_at, $20, i.step_started_at, i.next_wake_at, i.deadline_at,
             i.progress, i.snapshot_ids, i.trace_parent, i.submit_unconfirmed, 0
      from incoming i join taken using (command_id)
      returning id""";

  private final Pool pool;
  private final Clock clock;
  private final SagaInputs inputs;
  private final IntConsumer written;

  PgCommandDedupe(Pool pool, Clock clock, SagaInputs inputs, IntConsumer written) {
    this.pool = pool;
    this.clock = clock;
    this.inputs = inputs;
    this.written = written;
  }

  Uni<List<Boolean>> startAll(List<Saga> sagas) {
    if (sagas.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Instant now = clock.instant();
    Tuple values = startValues(sagas, now);
    // A saga this instance takes in is usually claimed by it too: its input is kept from the start.
    return pool.preparedQuery(START)
        .execute(values)
        .map(
            written -> {
              Set<UUID> started = new HashSet<>();
              written.forEach(r -> started.add(r.getUUID(0)));
              List<Boolean> answers = new ArrayList<>(sagas.size());
              for (Saga saga : sagas) {
                boolean isNew = started.contains(saga.id());
                if (isNew) {
                  inputs.keep(saga.id(), saga.input());
                }
                answers.add(isNew);
              }
              return answers;
            });
  }

  /**
   * The parameters of the start statement for new sagas; also used by {@link PgSagaMoves} for the
   * sagas a move starts.
   */
  static Tuple startValues(List<Saga> sagas, Instant now) {
    List<SagaEntity> rows = sagas.stream().map(saga -> SagaRows.newRow(saga, now)).toList();
    Set<String> seen = new HashSet<>();
    for (SagaEntity row : rows) {
      if (!seen.add(row.commandId)) {
        throw new IllegalArgumentException(
            "command id " + row.commandId + " appears twice in one start");
      }
    }
    Tuple values =
        Tuple.from(
            Arrays.asList(
                column(rows, r -> r.commandId, String[]::new),
                column(rows, r -> r.id, UUID[]::new),
                column(rows, r -> r.type, String[]::new),
                column(rows, r -> r.status, String[]::new),
                column(rows, r -> r.step, String[]::new),
                column(rows, r -> r.regionId, String[]::new),
                column(rows, r -> r.input, String[]::new),
                column(rows, r -> r.imageId, String[]::new),
                column(rows, r -> r.clientToken, String[]::new),
                column(rows, r -> r.tokenGeneration, Integer[]::new),
                column(rows, r -> r.attempt, Integer[]::new),
                column(rows, r -> SagaRows.utc(r.createdAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.stepStartedAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.nextWakeAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.deadlineAt), OffsetDateTime[]::new),
                column(rows, r -> r.progress, Integer[]::new),
                column(rows, r -> r.snapshotIds, String[]::new),
                column(rows, r -> r.traceParent, String[]::new),
                column(rows, r -> r.submitUnconfirmed, Boolean[]::new),
                SagaRows.utc(now)));
    return values;
  }

  /** One column of {@code rows} as an array, for a statement that reads it with unnest. */
  private static <T> T[] column(
      List<SagaEntity> rows, Function<SagaEntity, T> value, IntFunction<T[]> array) {
    return rows.stream().map(value).toArray(array);
  }

  Uni<Boolean> reject(String commandId, RejectedCommand why, OutboxMessage rejection) {
    Instant now = clock.instant();
    return Panache.withTransaction(
            () ->
                ProcessedCommandEntity.<ProcessedCommandEntity>findById(commandId)
                    .chain(
                        seen ->
                            seen != null
                                ? Uni.createFrom().item(false)
                                : RejectedCommandRows.of(commandId, why, now)
                                    .persist()
                                    .chain(x -> OutboxRows.newRow(rejection).persist())
                                    .replaceWith(true)))
        .invoke(recorded -> written.accept(recorded ? 1 : 0));
  }
}
