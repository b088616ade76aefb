package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Saga queries the use cases ask: by id, by command id, on an image, and the stuck ones. */
final class PgSagaLookups {

  private static final Logger LOG = Logger.getLogger(PgSagaLookups.class);

  Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return Panache.withSession(
            () ->
                SagaEntity.<SagaEntity>find(
                        "regionId = ?1 and imageId = ?2 and status in ('RUNNING', 'WAITING', 'COMPENSATING')",
                        regionId,
                        imageId)
                    .firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  /**
   * The input is JSON text: rows are narrowed by a text match on the field and value, then each
   * candidate's input is read and compared exactly.
   */
  Uni<List<Saga>> findByInput(SagaType type, SagaStatus status, String field, String value) {
    String fragment = "%\"" + escape(field) + "\":\"" + escape(value) + "\"%";
    return Panache.withSession(
            () ->
                SagaEntity.<SagaEntity>find(
                        "type = ?1 and status = ?2 and input like ?3 escape '!'",
                        type.name(),
                        status.name(),
                        fragment)
                    .list())
        .map(
            rows ->
                rows.stream()
                    .map(SagaRows::toSaga)
                    .filter(s -> value.equals(SagaInputJson.field(s.input(), field)))
                    .toList());
  }

  /** A value for a LIKE pattern with '!' as its escape character. */
  private static String escape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return Panache.withSession(
            () ->
                SagaEntity.<SagaEntity>find(
                        "status in ('RUNNING', 'WAITING', 'COMPENSATING') and (nextWakeAt < ?1 or deadlineAt < ?1) order by nextWakeAt",
                        overdueBefore)
                    .page(0, limit)
                    .list())
        .map(rows -> rows.stream().map(PgSagaLookups::readable).flatMap(Optional::stream).toList());
  }

  Uni<Optional<Saga>> find(UUID id) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>findById(id))
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  Uni<Optional<Saga>> findByCommandId(String commandId) {
    return Panache.withSession(
            () -> SagaEntity.<SagaEntity>find("commandId", commandId).firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  /**
   * A row that cannot be read (a defect, or a row written by a newer version) must not stop every
   * other saga: it is logged and left leased, so it comes back after the lease, not in a tight
   * loop.
   */
  private static Optional<Saga> readable(SagaEntity row) {
    try {
      return Optional.of(SagaRows.toSaga(row));
    } catch (RuntimeException e) {
      LOG.errorf("EIS-3002 saga %s cannot be read and is skipped: %s", row.id, e.getMessage());
      return Optional.empty();
    }
  }
}
