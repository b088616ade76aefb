package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.OverviewQueries;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link OverviewQueries} read from an {@link InMemorySagaStore} and its {@link
 * InMemoryEventOutbox}, as the PostgreSQL adapter's five queries read the tables: counts by type
 * and status (ordered by both, only combinations that occur); unfinished sagas due, or past their
 * deadline, before {@code stuckBefore}; unpublished events; failure codes ({@code none} for a
 * failure without one) of the failed, compensated or compensation-failed sagas that last changed at
 * or after {@code failedSince}, most frequent first, then by code, at most 20, each with the
 * message and id of its latest saga; the unfinished sagas by region (ordered by region), with those
 * whose current step waited for quota.
 */
public final class InMemoryOverviewQueries implements OverviewQueries {

  private static final Set<SagaStatus> FAILED =
      Set.of(SagaStatus.FAILED, SagaStatus.COMPENSATED, SagaStatus.COMPENSATION_FAILED);

  private final InMemorySagaStore store;
  private final InMemoryEventOutbox outbox;

  public InMemoryOverviewQueries(InMemorySagaStore store, InMemoryEventOutbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  public Uni<Overview> overview(Instant stuckBefore, Instant failedSince) {
    List<Saga> sagas = store.sagas();
    List<Saga> active =
        sagas.stream().filter(s -> InMemoryOperationsStats.ACTIVE.contains(s.status())).toList();
    long stuck =
        active.stream()
            .filter(
                s ->
                    (s.nextWakeAt() != null && s.nextWakeAt().isBefore(stuckBefore))
                        || (s.deadlineAt() != null && s.deadlineAt().isBefore(stuckBefore)))
            .count();
    return Uni.createFrom()
        .item(
            new Overview(
                counts(sagas),
                stuck,
                outbox.waiting(),
                failures(sagas, failedSince),
                regions(active)));
  }

  private static List<Count> counts(List<Saga> sagas) {
    Map<List<String>, Long> counted =
        sagas.stream()
            .collect(
                Collectors.groupingBy(
                    s -> List.of(s.type().name(), s.status().name()), Collectors.counting()));
    return counted.entrySet().stream()
        .map(e -> new Count(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .sorted(Comparator.comparing(Count::type).thenComparing(Count::status))
        .toList();
  }

  private List<FailureCount> failures(List<Saga> sagas, Instant since) {
    Map<String, List<Saga>> byCode = new TreeMap<>();
    sagas.stream()
        .filter(s -> FAILED.contains(s.status()))
        .filter(s -> !store.updatedAt(s.id()).isBefore(since))
        .forEach(s -> byCode.computeIfAbsent(code(s), c -> new ArrayList<>()).add(s));
    return byCode.entrySet().stream()
        .map(
            e -> {
              Saga latest =
                  e.getValue().stream()
                      .max(Comparator.comparing((Saga s) -> store.updatedAt(s.id())))
                      .orElseThrow();
              return new FailureCount(
                  e.getKey(),
                  e.getValue().size(),
                  latest.failure() == null ? null : latest.failure().message(),
                  latest.id().toString());
            })
        .sorted(
            Comparator.comparingLong(FailureCount::count)
                .reversed()
                .thenComparing(FailureCount::code))
        .limit(20)
        .toList();
  }

  private static String code(Saga s) {
    return s.failure() == null || s.failure().code() == null ? "none" : s.failure().code();
  }

  private static List<RegionLoad> regions(List<Saga> active) {
    Map<String, List<Saga>> byRegion =
        active.stream()
            .collect(Collectors.groupingBy(Saga::regionId, TreeMap::new, Collectors.toList()));
    return byRegion.entrySet().stream()
        .map(
            e ->
                new RegionLoad(
                    e.getKey(),
                    e.getValue().size(),
                    e.getValue().stream()
                        .filter(s -> s.quotaWait().waited().toMillis() > 0)
                        .count()))
        .toList();
  }
}
