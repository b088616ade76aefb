package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OverviewQueries;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@link OverviewQueries} from five aggregate queries in one read-only session. The counts by
 * status read every saga row, like the saga gauges; the others read unfinished or recently failed
 * sagas only.
 */
@ApplicationScoped
public class PanacheOverviewQueries implements OverviewQueries {

  private static final String ACTIVE = "('RUNNING', 'WAITING', 'COMPENSATING')";
  private static final String BY_STATUS =
      "select type, status, count(*) from saga group by type, status order by type, status";
  private static final String STUCK =
      "select count(*) from saga where status in "
          + ACTIVE
          + " and (next_wake_at < :before or deadline_at < :before)";
  private static final String BACKLOG = "select count(*) from outbox where published_at is null";
  private static final String FAILURES =
      """
      select coalesce(failure_code, 'none'), count(*),
             (array_agg(failure_message order by updated_at desc))[1],
             (array_agg(id::text order by updated_at desc))[1]
      from saga
      where status in ('FAILED', 'COMPENSATED', 'COMPENSATION_FAILED') and updated_at >= :since
      group by 1 order by 2 desc, 1 limit 20""";
  private static final String REGIONS =
      "select region_id, count(*), count(*) filter (where quota_wait_ms > 0) from saga where status in "
          + ACTIVE
          + " group by region_id order by region_id";

  @Override
  public Uni<Overview> overview(Instant stuckBefore, Instant failedSince) {
    return Panache.withSession(
        () -> Panache.getSession().chain(session -> read(session, stuckBefore, failedSince)));
  }

  /** The queries run one after the other: a session runs one statement at a time. */
  private static Uni<Overview> read(
      Mutiny.Session session, Instant stuckBefore, Instant failedSince) {
    var parts = new Parts();
    return counts(session)
        .invoke(v -> parts.counts = v)
        .chain(() -> single(session, STUCK, "before", stuckBefore))
        .invoke(v -> parts.stuck = v)
        .chain(() -> single(session, BACKLOG, null, null))
        .invoke(v -> parts.backlog = v)
        .chain(() -> failures(session, failedSince))
        .invoke(v -> parts.failures = v)
        .chain(() -> regions(session))
        .map(
            regions ->
                new Overview(parts.counts, parts.stuck, parts.backlog, parts.failures, regions));
  }

  /** What the earlier queries of one read answered. */
  private static final class Parts {
    List<Count> counts;
    long stuck;
    long backlog;
    List<FailureCount> failures;
  }

  private static Uni<List<Count>> counts(Mutiny.Session session) {
    return rows(session, BY_STATUS, null, null)
        .map(
            rows ->
                rows.stream()
                    .map(r -> new Count((String) r[0], (String) r[1], number(r[2])))
                    .toList());
  }

  private static Uni<List<FailureCount>> failures(Mutiny.Session session, Instant since) {
    return rows(session, FAILURES, "since", since)
        .map(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new FailureCount(
                                (String) r[0], number(r[1]), (String) r[2], (String) r[3]))
                    .toList());
  }

  private static Uni<List<RegionLoad>> regions(Mutiny.Session session) {
    return rows(session, REGIONS, null, null)
        .map(
            rows ->
                rows.stream()
                    .map(r -> new RegionLoad((String) r[0], number(r[1]), number(r[2])))
                    .toList());
  }

  private static Uni<List<Object[]>> rows(
      Mutiny.Session session, String sql, String name, Instant value) {
    var query = session.createNativeQuery(sql, Object[].class);
    if (name != null) {
      query.setParameter(name, value);
    }
    return query.getResultList();
  }

  private static Uni<Long> single(Mutiny.Session session, String sql, String name, Instant value) {
    var query = session.createNativeQuery(sql, Long.class);
    if (name != null) {
      query.setParameter(name, value);
    }
    return query.getSingleResult();
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
