package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.ImageLookup;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.ReplayJobs;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.port.StepRun;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.ReplayTestSagas;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.testsupport.InMemoryEventOutbox;
import com.ecsimagesaga.testsupport.InMemorySagaStore;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk replay jobs with in-memory fakes: slices of the configured size, and a restart that goes on
 * after the cursor.
 */
class BulkReplayJobTest {

  static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final InMemoryJobs jobs = new InMemoryJobs();
  final InMemoryQueries queries = new InMemoryQueries();
  final ReplaySagaTest.RecordingReplays replays = new ReplaySagaTest.RecordingReplays();
  final InMemorySagaStore sagas = new InMemorySagaStore(new InMemoryEventOutbox());
  final ImageLookup noImage = (region, id, known) -> Uni.createFrom().item(Optional.empty());
  final ReplaySaga replay = new ReplaySaga(sagas, replays, noImage, CLOCK);

  BulkReplay instance(String owner) {
    return new BulkReplay(replay, jobs, queries, CLOCK, owner, 4, Duration.ofSeconds(60));
  }

  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(5));
  }

  void tenFailedSagas() {
    IntStream.range(0, 10)
        .forEach(
            i -> {
              Saga base =
                  ReplayTestSagas.failedCreate(SagaStatus.FAILED, Step.SUBMIT_CREATE_IMAGE, null);
              UUID id = new UUID(0, i + 1);
              queries.sagas.add(
                  Saga.restore(
                          id,
                          base.type(),
                          "c-" + i,
                          base.regionId(),
                          base.input(),
                          base.createdAt().plusSeconds(i),
                          1)
                      .status(base.status())
                      .step(base.step())
                      .token(Saga.clientToken(id, 0), 0)
                      .stepStartedAt(base.stepStartedAt())
                      .deadlineAt(base.deadlineAt())
                      .failure(base.failure())
                      .lastError(base.lastError())
                      .build());
            });
  }

  @Test
  void eachPassReplaysAtMostOneSliceAndTheJobEndsDoneWithItsCounts() {
    tenFailedSagas();
    var job =
        await(
            instance("a")
                .start(
                    UUID.randomUUID(),
                    new SagaFilter(List.of(), null, null, null, null, null, null, null),
                    Replay.Mode.RESUME,
                    "alice",
                    "fixed",
                    false));
    assertThat(job.matched()).isEqualTo(10);

    assertThat(await(instance("a").runOnce())).isEqualTo(4);
    assertThat(jobs.rows.get(job.id()).processed()).isEqualTo(4);
    assertThat(await(instance("a").runOnce())).isEqualTo(4);
    assertThat(await(instance("a").runOnce())).isEqualTo(2);
    var done = jobs.rows.get(job.id());
    assertThat(done.status()).isEqualTo("DONE");
    assertThat(done.replayed()).isEqualTo(10);
    assertThat(replays.written).hasSize(10).extracting(Saga::id).doesNotHaveDuplicates();
    assertThat(await(instance("a").runOnce())).isZero();
  }

  @Test
  void aJobWhoseInstanceDiedIsTakenOverAfterItsLeaseAndGoesOnAfterItsCursor() {
    tenFailedSagas();
    var job =
        await(
            instance("a")
                .start(
                    UUID.randomUUID(),
                    new SagaFilter(List.of(), null, null, null, null, null, null, null),
                    Replay.Mode.RESUME,
                    "alice",
                    "fixed",
                    false));
    await(instance("a").runOnce());
    assertThat(await(instance("b").runOnce())).as("leased to a").isZero();

    jobs.expireLeases();
    await(instance("b").runOnce());
    await(instance("b").runOnce());
    assertThat(jobs.rows.get(job.id()).status()).isEqualTo("DONE");
    assertThat(replays.written).hasSize(10).extracting(Saga::id).doesNotHaveDuplicates();
  }

  @Test
  void aJobIdThatExistsStartsNothingNew() {
    tenFailedSagas();
    UUID id = UUID.randomUUID();
    var filter = new SagaFilter(List.of(), null, null, null, null, null, null, null);
    var first = await(instance("a").start(id, filter, Replay.Mode.RESUME, "alice", "fixed", false));
    var second = await(instance("a").start(id, filter, Replay.Mode.RESTART, "bob", "again", true));
    assertThat(second).isEqualTo(first);
    assertThat(jobs.rows).hasSize(1);
  }

  /**
   * Sagas newest first, with the keyset cursor of the real store; replayed sagas leave the failed
   * set.
   */
  final class InMemoryQueries implements SagaQueries {
    final List<Saga> sagas = new ArrayList<>();

    List<Saga> failed() {
      var replayed = replays.written.stream().map(Saga::id).toList();
      return sagas.stream()
          .filter(s -> !replayed.contains(s.id()))
          .sorted(Comparator.comparing(Saga::createdAt).thenComparing(Saga::id).reversed())
          .toList();
    }

    @Override
    public Uni<SagaPage> search(
        SagaFilter filter, SagaPage.Order order, int pageSize, SagaPage.Position after) {
      var rest =
          failed().stream()
              .filter(
                  s ->
                      after == null
                          || s.createdAt().isBefore(after.createdAt())
                          || (s.createdAt().equals(after.createdAt())
                              && s.id().compareTo(after.id()) < 0))
              .toList();
      var page = rest.stream().limit(pageSize).toList();
      var last = page.isEmpty() ? null : page.get(page.size() - 1);
      return Uni.createFrom()
          .item(
              new SagaPage(
                  page,
                  rest.size() > pageSize
                      ? new SagaPage.Position(last.createdAt(), last.id())
                      : null));
    }

    @Override
    public Uni<Long> count(SagaFilter filter) {
      return Uni.createFrom().item((long) failed().size());
    }

    @Override
    public Uni<List<StepRun>> history(UUID sagaId) {
      return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<List<ReplayAudit>> replays(UUID sagaId) {
      return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<List<com.ecsimagesaga.port.EmittedEvent>> events(UUID sagaId) {
      return Uni.createFrom().item(List.of());
    }
  }

  static final class InMemoryJobs implements ReplayJobs {
    final Map<UUID, ReplayJob> rows = new LinkedHashMap<>();
    final Map<UUID, String> leases = new LinkedHashMap<>();

    void expireLeases() {
      leases.clear();
    }

    @Override
    public Uni<Void> create(ReplayJob job) {
      rows.put(job.id(), job);
      return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Optional<ReplayJob>> claim(String owner, Instant now, Duration lease) {
      var job =
          rows.values().stream()
              .filter(j -> !j.done())
              .filter(j -> leases.get(j.id()) == null || leases.get(j.id()).equals(owner))
              .findFirst();
      job.ifPresent(j -> leases.put(j.id(), owner));
      return Uni.createFrom().item(job);
    }

    @Override
    public Uni<Boolean> save(ReplayJob job, String owner) {
      if (!owner.equals(leases.get(job.id()))) {
        return Uni.createFrom().item(false);
      }
      rows.put(job.id(), job);
      return Uni.createFrom().item(true);
    }

    @Override
    public Uni<Optional<ReplayJob>> find(UUID id) {
      return Uni.createFrom().item(Optional.ofNullable(rows.get(id)));
    }

    @Override
    public Uni<List<ReplayAudit>> items(UUID jobId, int limit) {
      return Uni.createFrom().item(List.of());
    }
  }
}
