package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.ImageLookup;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayStore;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The replay use case with in-memory fakes and a fixed clock: what it asks the cloud, writes and
 * audits.
 */
class ReplaySagaTest {

  static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");

  final InMemorySagaStore sagas = new InMemorySagaStore(new InMemoryEventOutbox());
  final RecordingReplays replays = new RecordingReplays();
  final FakeLookup lookup = new FakeLookup();
  final ReplaySaga useCase =
      new ReplaySaga(sagas, replays, lookup, Clock.fixed(NOW, ZoneOffset.UTC));

  ReplaySaga.Result replay(Saga s, boolean dryRun) {
    sagas.startAll(List.of(s)).await().indefinitely();
    return useCase
        .replay(
            new ReplaySaga.Request(
                s.id(), Replay.Mode.RESUME, "alice", "fixed", "saga", null, dryRun))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  @Test
  void anImageFoundByItsTagIsWatchedAndTheReplayIsWrittenWithItsAuditRow() {
    lookup.answer = Uni.createFrom().item(Optional.of("m-found"));
    var result =
        replay(
            ReplayTestSagas.failedCreate(SagaStatus.FAILED, Step.SUBMIT_CREATE_IMAGE, null), false);
    assertThat(result.result()).isEqualTo("REPLAYED");
    assertThat(replays.written)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.step()).isEqualTo(Step.AWAIT_IMAGE_USABLE);
              assertThat(s.imageId()).isEqualTo("m-found");
            });
    assertThat(replays.audits)
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
    lookup.answer = Uni.createFrom().failure(new IllegalStateException("SDK.ServerUnreachable"));
    var result =
        replay(
            ReplayTestSagas.failedCreate(SagaStatus.FAILED, Step.SUBMIT_CREATE_IMAGE, null), false);
    assertThat(result.result()).isEqualTo("ERROR");
    assertThat(replays.written).isEmpty();
    assertThat(replays.audits).extracting(ReplayAudit::result).containsExactly("ERROR");
  }

  @Test
  void aDryRunAuditsWhatItWouldDoAndWritesNoSaga() {
    lookup.answer = Uni.createFrom().item(Optional.empty());
    var result =
        replay(
            ReplayTestSagas.failedCreate(SagaStatus.FAILED, Step.SUBMIT_CREATE_IMAGE, null), true);
    assertThat(result.result()).isEqualTo("WOULD_REPLAY");
    assertThat(result.step()).isEqualTo("SUBMIT_CREATE_IMAGE");
    assertThat(replays.written).isEmpty();
    assertThat(replays.audits).extracting(ReplayAudit::result).containsExactly("WOULD_REPLAY");
  }

  @Test
  void aSagaThatMovedMeanwhileIsAConflict() {
    lookup.answer = Uni.createFrom().item(Optional.empty());
    replays.accept = false;
    var result =
        replay(
            ReplayTestSagas.failedCreate(SagaStatus.COMPENSATED, Step.AWAIT_IMAGE_USABLE, "m-old"),
            false);
    assertThat(result.result()).isEqualTo("CONFLICT");
  }

  @Test
  void aRunningSagaIsRefusedWithoutAskingTheCloud() {
    var result =
        replay(
            ReplayTestSagas.failedCreate(SagaStatus.WAITING, Step.AWAIT_IMAGE_USABLE, "m-1"),
            false);
    assertThat(result.result()).isEqualTo("REFUSED");
    assertThat(lookup.calls).isZero();
    assertThat(replays.audits).extracting(ReplayAudit::result).containsExactly("REFUSED");
  }

  static final class FakeLookup implements ImageLookup {
    Uni<Optional<String>> answer;
    int calls;

    @Override
    public Uni<Optional<String>> liveImage(String regionId, UUID sagaId, String knownImageId) {
      calls++;
      return answer;
    }
  }

  static final class RecordingReplays implements ReplayStore {
    final List<Saga> written = new ArrayList<>();
    final List<ReplayAudit> audits = new ArrayList<>();
    boolean accept = true;

    @Override
    public Uni<Boolean> replay(Saga next, long expectedVersion, ReplayAudit audit) {
      if (accept) {
        written.add(next);
        audits.add(audit);
      }
      return Uni.createFrom().item(accept);
    }

    @Override
    public Uni<Void> audit(ReplayAudit audit) {
      audits.add(audit);
      return Uni.createFrom().voidItem();
    }
  }
}
