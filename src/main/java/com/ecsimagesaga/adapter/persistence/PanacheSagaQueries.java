package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.EmittedEvent;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.port.StepRun;
import com.ecsimagesaga.saga.Saga;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** {@link SagaQueries} on PostgreSQL, with keyset pagination on (created_at, id). */
@ApplicationScoped
public class PanacheSagaQueries implements SagaQueries {

  @Override
  public Uni<SagaPage> search(
      SagaFilter filter, SagaPage.Order order, int pageSize, SagaPage.Position after) {
    var sql = SagaSearchSql.of(filter, order, after);
    String column = SagaSearchSql.orderColumn(order);
    String text =
        "select * from saga" + sql.where + " order by " + column + " desc, id desc limit :limit";
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session -> {
                          var query = session.createNativeQuery(text, SagaEntity.class);
                          sql.params.forEach(query::setParameter);
                          query.setParameter("limit", pageSize + 1);
                          return query.getResultList();
                        }))
        .map(
            rows -> {
              List<Saga> sagas = rows.stream().limit(pageSize).map(SagaRows::toSaga).toList();
              SagaEntity last = rows.isEmpty() ? null : rows.get(sagas.size() - 1);
              SagaPage.Position next =
                  rows.size() > pageSize && last != null
                      ? new SagaPage.Position(
                          order == SagaPage.Order.LAST_CHANGE ? last.updatedAt : last.createdAt,
                          last.id)
                      : null;
              return new SagaPage(sagas, next);
            });
  }

  @Override
  public Uni<Long> count(SagaFilter filter) {
    var sql = SagaSearchSql.of(filter, null);
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session -> {
                      var query =
                          session.createNativeQuery(
                              "select count(*) from saga" + sql.where, Long.class);
                      sql.params.forEach(query::setParameter);
                      return query.getSingleResult();
                    }));
  }

  @Override
  public Uni<List<StepRun>> history(UUID sagaId) {
    return Panache.withSession(
            () ->
                SagaHistoryEntity.<SagaHistoryEntity>list(
                    "sagaId = ?1 order by firstAt, stepStartedAt", sagaId))
        .map(
            rows ->
                rows.stream()
                    .map(
                        h ->
                            new StepRun(
                                h.step,
                                h.stepStartedAt,
                                h.firstAt,
                                h.lastAt,
                                h.executions,
                                h.maxAttempt,
                                h.outcomeStatus,
                                h.outcomeStep,
                                h.progress,
                                h.errorCount,
                                h.lastErrorCode,
                                h.lastRequestId,
                                h.imageId,
                                h.quotaWaitMs))
                    .toList());
  }

  @Override
  public Uni<List<ReplayAudit>> replays(UUID sagaId) {
    return Panache.withSession(
            () -> ReplayAuditEntity.<ReplayAuditEntity>list("sagaId = ?1 order by id", sagaId))
        .map(rows -> rows.stream().map(ReplayAuditEntity::toAudit).toList());
  }

  @Override
  public Uni<List<EmittedEvent>> events(UUID sagaId) {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select type, occurred_at, published_at from outbox"
                                        + " where saga_id = :id order by id",
                                    Object[].class)
                                .setParameter("id", sagaId)
                                .getResultList()))
        .map(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new EmittedEvent(
                                (String) r[0], instant(r[1]), r[2] == null ? null : instant(r[2])))
                    .toList());
  }

  private static java.time.Instant instant(Object value) {
    return value instanceof java.time.OffsetDateTime o ? o.toInstant() : (java.time.Instant) value;
  }
}
