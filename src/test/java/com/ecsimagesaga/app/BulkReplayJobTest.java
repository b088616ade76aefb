package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.ReplayTestSagas;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.FakeImageLookup;
import com.ecsimagesaga.testsupport.InMemoryEventOutbox;
import com.ecsimagesaga.testsupport.InMemoryReplayJobs;
import com.ecsimagesaga.testsupport.InMemoryReplayStore;
import com.ecsimagesaga.testsupport.InMemorySagaQueries;
import com.ecsimagesaga.testsupport.InMemorySagaStore;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk replay jobs on the shared in-memory fakes (the saga store, its queries, the replay store and
 * the jobs): slices of the configured size, and a restart that goes on after the cursor.
 */
class BulkReplayJobTest {

  static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(60);

  final FakeClock clock = new FakeClock(NOW);
  final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
  final InMemorySagaStore sagas = new InMemorySagaStore(outbox, clock);
  final InMemoryReplayStore replays = new InMemoryReplayStore(sagas);
  final InMemoryReplayJobs jobs = new InMemoryReplayJobs(replays);
  final InMemorySagaQueries queries = new InMemorySagaQueries(sagas, replays, outbox);
  final ReplaySaga replay =
      new ReplaySaga(sagas, replays, new FakeImageLookup(), KindRegistry.kinds(), clock);

  BulkReplay instance(String owner) {
    return new BulkReplay(replay, jobs, queries, clock, owner, 4, LEASE);
  }

  ReplayJob job(UUID id) {
    return await(jobs.find(id)).orElseThrow();
  }

  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(5));
  }

  void tenFailedSagas() {
    IntStream.range(0, 10)
        .forEach(
            i -> {
              Saga base =
                  ReplayTestSagas.failedCreate(
                      SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null);
              UUID id = new UUID(0, i + 1);
              await(
                  sagas.start(
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
                          .build()));
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
    assertThat(job(job.id()).processed()).isEqualTo(4);
    assertThat(await(instance("a").runOnce())).isEqualTo(4);
    assertThat(await(instance("a").runOnce())).isEqualTo(2);
    var done = job(job.id());
    assertThat(done.status()).isEqualTo("DONE");
    assertThat(done.replayed()).isEqualTo(10);
    assertThat(jobs.leaseOwner(job.id())).as("a finished job is released").isNull();
    assertThat(replays.written()).hasSize(10).extracting(Saga::id).doesNotHaveDuplicates();
    assertThat(sagas.sagas()).extracting(Saga::status).containsOnly(SagaStatus.RUNNING);
    assertThat(await(jobs.items(job.id(), 100)))
        .hasSize(10)
        .extracting(ReplayAudit::result)
        .containsOnly("REPLAYED");
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
    clock.advance(LEASE);
    assertThat(await(instance("b").runOnce())).as("leased to a until now").isZero();

    clock.advance(Duration.ofSeconds(1));
    await(instance("b").runOnce());
    await(instance("b").runOnce());
    assertThat(job(job.id()).status()).isEqualTo("DONE");
    assertThat(jobs.leaseOwner(job.id())).isNull();
    assertThat(replays.written()).hasSize(10).extracting(Saga::id).doesNotHaveDuplicates();
  }

  @Test
  void aJobIdThatExistsStartsNothingNew() {
    tenFailedSagas();
    UUID id = UUID.randomUUID();
    var filter = new SagaFilter(List.of(), null, null, null, null, null, null, null);
    var first = await(instance("a").start(id, filter, Replay.Mode.RESUME, "alice", "fixed", false));
    var second = await(instance("a").start(id, filter, Replay.Mode.RESTART, "bob", "again", true));
    assertThat(second).isEqualTo(first);
    assertThat(job(id)).isEqualTo(first);
  }
}
