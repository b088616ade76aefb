package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.port.EmittedEvent;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.port.StepRun;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteInput;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@link SagaQueries} over the sagas an {@link InMemorySagaStore} holds, with the PostgreSQL
 * search's semantics: every filter that is set must hold (statuses any of, type, region, the
 * failure's code, image id, source kind, {@code from <= createdAt < to}, the image name contained
 * in any case); newest first by creation or last change, then by id; keyset pages that start
 * strictly after their position, so a page does not shift when sagas are added or change.
 *
 * <p>Ids are compared as PostgreSQL compares {@code uuid} values, as unsigned bytes, not as {@link
 * UUID#compareTo} does. The source kind is read as {@code SagaSearchSql} reads the stored input: a
 * delete's source is {@code image}; a create's is {@code instance}, {@code snapshot} or {@code
 * disk-mappings} by its spec; any other input has no spec and counts as {@code disk-mappings}. The
 * image name is a create's spec's; other sagas never match a name. History comes from the store,
 * replays from the {@link InMemoryReplayStore}, events from the {@link InMemoryEventOutbox}.
 */
public final class InMemorySagaQueries implements SagaQueries {

  private final InMemorySagaStore sagas;
  private final InMemoryReplayStore replays;
  private final InMemoryEventOutbox outbox;

  public InMemorySagaQueries(
      InMemorySagaStore sagas, InMemoryReplayStore replays, InMemoryEventOutbox outbox) {
    this.sagas = sagas;
    this.replays = replays;
    this.outbox = outbox;
  }

  @Override
  public Uni<SagaPage> search(
      SagaFilter filter, SagaPage.Order order, int pageSize, SagaPage.Position after) {
    List<Saga> rest =
        matching(filter).stream()
            .sorted(newestFirst(order))
            .filter(s -> after == null || isAfter(s, order, after))
            .toList();
    List<Saga> page = rest.stream().limit(pageSize).toList();
    SagaPage.Position next = null;
    if (rest.size() > pageSize && !page.isEmpty()) {
      Saga last = page.get(page.size() - 1);
      next = new SagaPage.Position(orderedBy(last, order), last.id());
    }
    return Uni.createFrom().item(new SagaPage(page, next));
  }

  @Override
  public Uni<Long> count(SagaFilter filter) {
    return Uni.createFrom().item((long) matching(filter).size());
  }

  @Override
  public Uni<List<StepRun>> history(UUID sagaId) {
    return Uni.createFrom().item(sagas.history(sagaId));
  }

  @Override
  public Uni<List<ReplayAudit>> replays(UUID sagaId) {
    return Uni.createFrom().item(replays.auditsOf(sagaId));
  }

  @Override
  public Uni<List<EmittedEvent>> events(UUID sagaId) {
    return Uni.createFrom().item(outbox.events(sagaId));
  }

  private List<Saga> matching(SagaFilter f) {
    return sagas.sagas().stream().filter(matches(f)).toList();
  }

  static Predicate<Saga> matches(SagaFilter f) {
    return s ->
        (f.statuses().isEmpty() || f.statuses().contains(s.status().name()))
            && equalIfSet(f.type(), s.type().name())
            && equalIfSet(f.regionId(), s.regionId())
            && equalIfSet(f.errorCode(), s.failure() == null ? null : s.failure().code())
            && equalIfSet(f.imageId(), s.imageId())
            && equalIfSet(f.source(), sourceKind(s.input()))
            && (f.from() == null || !s.createdAt().isBefore(f.from()))
            && (f.to() == null || s.createdAt().isBefore(f.to()))
            && nameMatches(f.imageName(), s.input());
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  private static boolean equalIfSet(String wanted, String actual) {
    return !isSet(wanted) || wanted.equals(actual);
  }

  static String sourceKind(SagaInput input) {
    if (input instanceof DeleteInput) {
      return "image";
    }
    if (input instanceof CreateInput c) {
      ImageSource source = c.spec().source();
      if (source instanceof ImageSource.FromInstance) {
        return "instance";
      }
      if (source instanceof ImageSource.FromSnapshot) {
        return "snapshot";
      }
    }
    return "disk-mappings";
  }

  private static boolean nameMatches(String part, SagaInput input) {
    if (!isSet(part)) {
      return true;
    }
    return input instanceof CreateInput c
        && c.spec().imageName() != null
        && c.spec().imageName().toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  private Instant orderedBy(Saga s, SagaPage.Order order) {
    return order == SagaPage.Order.LAST_CHANGE ? sagas.updatedAt(s.id()) : s.createdAt();
  }

  private Comparator<Saga> newestFirst(SagaPage.Order order) {
    Comparator<Saga> oldestFirst =
        Comparator.comparing((Saga s) -> orderedBy(s, order))
            .thenComparing(Saga::id, InMemorySagaQueries::compareAsPostgres);
    return oldestFirst.reversed();
  }

  private boolean isAfter(Saga s, SagaPage.Order order, SagaPage.Position after) {
    int byTime = orderedBy(s, order).compareTo(after.createdAt());
    return byTime < 0 || (byTime == 0 && compareAsPostgres(s.id(), after.id()) < 0);
  }

  /** PostgreSQL orders {@code uuid} values by their bytes, unsigned. */
  static int compareAsPostgres(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
