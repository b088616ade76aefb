package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link EventOutbox} on the outbox table. */
@ApplicationScoped
public class PanacheEventOutbox implements EventOutbox {

  /**
   * A transaction-scoped advisory lock: one relay at a time across all instances, so events leave
   * in outbox order. The number is arbitrary but fixed.
   */
  private static final String RELAY_LOCK = "select pg_try_advisory_xact_lock(7318604)";

  @Inject Clock clock;

  @Override
  public Uni<Integer> drain(
      int limit, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(s -> s.createNativeQuery(RELAY_LOCK, Boolean.class).getSingleResult())
                .chain(
                    locked ->
                        !locked
                            ? Uni.createFrom().item(0)
                            : OutboxEntity.<OutboxEntity>find("publishedAt is null order by id")
                                .page(0, limit)
                                .list()
                                .chain(
                                    rows ->
                                        rows.isEmpty()
                                            ? Uni.createFrom().item(0)
                                            : publishAndMark(rows, publish))));
  }

  private Uni<Integer> publishAndMark(
      List<OutboxEntity> rows, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    Map<Long, OutboxEntity> byId =
        rows.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
    return publish
        .apply(rows.stream().map(OutboxRows::toMessage).toList())
        .map(
            sent -> {
              Instant now = clock.instant();
              Set<Long> ids = sent.stream().map(OutboxMessage::id).collect(Collectors.toSet());
              ids.forEach(id -> byId.get(id).publishedAt = now);
              return ids.size();
            });
  }

  @Override
  public Uni<Long> backlog() {
    return Panache.withSession(() -> OutboxEntity.count("publishedAt is null"));
  }
}
