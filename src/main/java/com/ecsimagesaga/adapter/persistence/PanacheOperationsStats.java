package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OperationsStats;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** {@link OperationsStats} from three aggregate queries in one read-only session. */
@ApplicationScoped
public class PanacheOperationsStats implements OperationsStats {

  private static final String BY_STATUS =
      "select type, status, count(*) from saga group by type, status";
  private static final String OUTBOX =
      """
      select count(*), coalesce(extract(epoch from (:now - min(occurred_at))), 0)::float8
      from outbox where published_at is null""";
  private static final String STUCK =
      """
      select count(*) from saga
      where status in ('RUNNING', 'WAITING', 'COMPENSATING') and next_wake_at < :threshold""";

  @Override
  public Uni<Snapshot> snapshot(Instant now, Duration stuckAfter) {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        byStatus(session)
                            .chain(
                                sagas ->
                                    outbox(session, now)
                                        .chain(
                                            outbox ->
                                                stuck(session, now.minus(stuckAfter))
                                                    .map(
                                                        stuck ->
                                                            new Snapshot(
                                                                sagas,
                                                                ((Number) outbox[0]).longValue(),
                                                                ((Number) outbox[1]).doubleValue(),
                                                                stuck))))));
  }

  private static Uni<Map<String, Long>> byStatus(Mutiny.Session session) {
    return session
        .createNativeQuery(BY_STATUS, Object[].class)
        .getResultList()
        .map(PanacheOperationsStats::toMap);
  }

  private static Map<String, Long> toMap(List<Object[]> rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.forEach(r -> counts.put(r[0] + "/" + r[1], ((Number) r[2]).longValue()));
    return counts;
  }

  private static Uni<Object[]> outbox(Mutiny.Session session, Instant now) {
    return session
        .createNativeQuery(OUTBOX, Object[].class)
        .setParameter("now", now)
        .getSingleResult();
  }

  private static Uni<Long> stuck(Mutiny.Session session, Instant threshold) {
    return session
        .createNativeQuery(STUCK, Long.class)
        .setParameter("threshold", threshold)
        .getSingleResult();
  }
}
