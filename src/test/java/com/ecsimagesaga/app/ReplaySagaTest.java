package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.ReplayTestSagas;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.testsupport.FakeImageLookup;
import com.ecsimagesaga.testsupport.InMemoryEventOutbox;
import com.ecsimagesaga.testsupport.InMemoryReplayStore;
import com.ecsimagesaga.testsupport.InMemorySagaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay use case with in-memory fakes and a fixed clock: what it asks the cloud, writes and
 * audits.
 */
class ReplaySagaTest {

  static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final InMemorySagaStore sagas = new InMemorySagaStore(new InMemoryEventOutbox(), CLOCK);
  final InMemoryReplayStore replays = new InMemoryReplayStore(sagas);
  final FakeImageLookup lookup = new FakeImageLookup();
  final ReplaySaga useCase = new ReplaySaga(sagas, replays, lookup, KindRegistry.kinds(), CLOCK);

  ReplaySaga.Result replay(Saga s, boolean dryRun) {
    sagas.startAll(List.of(s)).await().indefinitely();
    return useCase.replay(request(s, dryRun)).await().atMost(Duration.ofSeconds(5));
  }

  static ReplaySaga.Request request(Saga s, boolean dryRun) {
    return new ReplaySaga.Request(
        s.id(), Replay.Mode.RESUME, "alice", "fixed", "saga", null, dryRun);
  }

  @Test
  void anImageFoundByItsTagIsWatchedAndTheReplayIsWrittenWithItsAuditRow() {
    Saga failed =
        ReplayTestSagas.failedCreate(SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null);
    lookup.image(failed.regionId(), "m-found", failed.id());
    var result = replay(failed, false);
    assertThat(result.result()).isEqualTo("REPLAYED");
    assertThat(sagas.saga(failed.id()).step())
        .as("the stored saga runs again")
        .isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
    assertThat(sagas.saga(failed.id()).version()).isEqualTo(failed.version() + 1);
    assertThat(replays.written())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.step()).isEqualTo(CreateImageSaga.AWAIT_IMAGE_USABLE);
              assertThat(s.imageId()).isEqualTo("m-found");
            });
    assertThat(replays.audits())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.actor()).isEqualTo("alice");
              assertThat(a.result()).isEqualTo("REPLAYED");
              assertThat(a.detail()).contains("found image m-found").contains("same ClientToken");
            });
  }

  @Test
  void whenTheCloudCannotBeAskedNothingIsReplayedAndTheErrorIsAudited() {
    lookup.unreachable(new IllegalStateException("SDK.ServerUnreachable"));
    var result =
        replay(
            ReplayTestSagas.failedCreate(
                SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null),
            false);
    assertThat(result.result()).isEqualTo("ERROR");
    assertThat(replays.written()).isEmpty();
    assertThat(replays.audits()).extracting(ReplayAudit::result).containsExactly("ERROR");
  }

  @Test
  void aDryRunAuditsWhatItWouldDoAndWritesNoSaga() {
    var result =
        replay(
            ReplayTestSagas.failedCreate(
                SagaStatus.FAILED, CreateImageSaga.SUBMIT_CREATE_IMAGE, null),
            true);
    assertThat(result.result()).isEqualTo("WOULD_REPLAY");
    assertThat(result.step()).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(replays.written()).isEmpty();
    assertThat(replays.audits()).extracting(ReplayAudit::result).containsExactly("WOULD_REPLAY");
  }

  @Test
  void aSagaThatMovedMeanwhileIsAConflictAndOnlyTheConflictIsAudited() {
    Saga asRead =
        ReplayTestSagas.failedCreate(
            SagaStatus.COMPENSATED, CreateImageSaga.AWAIT_IMAGE_USABLE, "m-old");
    assertThat(replay(asRead, false).result()).isEqualTo("REPLAYED");

    // A second replay from the state read before the first one moved the saga on.
    var result = useCase.replay(asRead, request(asRead, false)).await().indefinitely();

    assertThat(result.result()).isEqualTo("CONFLICT");
    assertThat(replays.written()).hasSize(1);
    assertThat(replays.audits())
        .extracting(ReplayAudit::result)
        .containsExactly("REPLAYED", "CONFLICT");
  }

  @Test
  void aRunningSagaIsRefusedWithoutAskingTheCloud() {
    var result =
        replay(
            ReplayTestSagas.failedCreate(
                SagaStatus.WAITING, CreateImageSaga.AWAIT_IMAGE_USABLE, "m-1"),
            false);
    assertThat(result.result()).isEqualTo("REFUSED");
    assertThat(lookup.calls()).isZero();
    assertThat(replays.audits()).extracting(ReplayAudit::result).containsExactly("REFUSED");
  }
}
