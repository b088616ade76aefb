package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.ecsimagesaga.port.LifecycleFeed.FeedEvent;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.OverviewQueries;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.StepRun;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.QuotaWait;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The fakes of the read-side and operations ports keep the promises their ports document, so a test
 * on them tells what the service would do: pages, filters and order of the saga search, the
 * overview's and the gauges' numbers, the live feed, outages and rates.
 */
class PortFakesTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  final FakeClock clock = new FakeClock(T0);
  final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
  final InMemorySagaStore store = new InMemorySagaStore(outbox, clock);
  final InMemoryReplayStore replays = new InMemoryReplayStore(store);
  final InMemorySagaQueries queries = new InMemorySagaQueries(store, replays, outbox);

  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(5));
  }

  static Saga create(UUID id, String region, String imageName, Instant createdAt) {
    var input = new CreateInput(ImageSpecs.fromInstance(region, "i-1", imageName), null, false);
    return Saga.begin(
        id,
        CreateImageSaga.TYPE,
        CreateImageSaga.SUBMIT_CREATE_IMAGE,
        "c-" + id,
        region,
        input,
        null,
        createdAt,
        createdAt.plus(Duration.ofHours(1)));
  }

  static SagaFilter any() {
    return new SagaFilter(List.of(), null, null, null, null, null, null, null);
  }

  @Test
  void searchPagesNewestFirstWithoutGapsOrRepeatsAndTiesOrderedAsPostgresOrdersUuids() {
    // Two sagas at the same instant whose ids compare one way signed and the other way unsigned.
    UUID high = UUID.fromString("80000000-0000-0000-0000-000000000001");
    UUID low = UUID.fromString("00000000-0000-0000-0000-000000000002");
    List<Saga> all = new ArrayList<>();
    all.add(create(high, "cn-hangzhou", "Web-Base", T0.plusSeconds(10)));
    all.add(create(low, "cn-hangzhou", "web-2", T0.plusSeconds(10)));
    for (int i = 0; i < 3; i++) {
      all.add(create(new UUID(1, i), "cn-beijing", "db-" + i, T0.plusSeconds(i)));
    }
    await(store.startAll(all));

    List<UUID> seen = new ArrayList<>();
    SagaPage.Position after = null;
    int pages = 0;
    do {
      SagaPage page = await(queries.search(any(), 2, after));
      page.sagas().forEach(s -> seen.add(s.id()));
      after = page.next();
      pages++;
    } while (after != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(high, low, new UUID(1, 2), new UUID(1, 1), new UUID(1, 0));
    var webInHangzhou =
        new SagaFilter(
            List.of("RUNNING"),
            "CREATE_IMAGE",
            "cn-hangzhou",
            null,
            null,
            "instance",
            null,
            null,
            "WEB");
    assertThat(await(queries.count(webInHangzhou))).isEqualTo(2);
    var fromSnapshots =
        new SagaFilter(List.of(), null, null, null, null, "snapshot", null, null, null);
    assertThat(await(queries.count(fromSnapshots))).isZero();
    var window =
        new SagaFilter(
            List.of(), null, null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(10));
    assertThat(await(queries.search(window, 10, null)).sagas())
        .extracting(Saga::id)
        .containsExactly(new UUID(1, 2), new UUID(1, 1));
  }

  @Test
  void aReplayChangesTheRowSoItComesFirstByLastChangeAndItsAuditIsInTheSagasReplays() {
    Saga older = create(new UUID(2, 1), "cn-hangzhou", "a", T0);
    Saga failed =
        create(new UUID(2, 2), "cn-hangzhou", "b", T0.plusSeconds(1))
            .edit()
            .status(SagaStatus.FAILED)
            .failure(
                new Failure(CreateImageSaga.SUBMIT_CREATE_IMAGE, "PERMANENT", "X", "no", "r-1"))
            .build();
    Saga newer = create(new UUID(2, 3), "cn-hangzhou", "c", T0.plusSeconds(2));
    await(store.startAll(List.of(older, failed, newer)));
    clock.advance(Duration.ofMinutes(1));
    var audit =
        new ReplayAudit(failed.id(), null, "alice", "fixed", "saga", "RESUME", "REPLAYED", "d", T0);

    assertThat(await(replays.replay(failed.edit().status(SagaStatus.RUNNING).build(), 0, audit)))
        .isTrue();
    assertThat(await(replays.replay(failed.edit().status(SagaStatus.RUNNING).build(), 0, audit)))
        .as("the stored version moved on")
        .isFalse();

    SagaPage byChange = await(queries.search(any(), SagaPage.Order.LAST_CHANGE, 10, null));
    assertThat(byChange.sagas())
        .extracting(Saga::id)
        .containsExactly(failed.id(), newer.id(), older.id());
    assertThat(store.saga(failed.id()).version()).isEqualTo(1);
    assertThat(await(queries.replays(failed.id())))
        .extracting(ReplayAudit::result)
        .containsExactly("REPLAYED", "CONFLICT");
  }

  @Test
  void theOverviewAndTheGaugesCountWhatTheStoreAndTheOutboxHold() {
    Saga due = create(new UUID(3, 1), "cn-hangzhou", "a", T0);
    Saga waitingForQuota =
        create(new UUID(3, 2), "cn-beijing", "b", T0)
            .edit()
            .nextWakeAt(T0.plus(Duration.ofHours(2)))
            .quotaWait(new QuotaWait(Duration.ofSeconds(3), 1))
            .build();
    Saga failed =
        create(new UUID(3, 3), "cn-beijing", "c", T0)
            .edit()
            .status(SagaStatus.FAILED)
            .failure(
                new Failure(
                    CreateImageSaga.SUBMIT_CREATE_IMAGE,
                    "PERMANENT",
                    "Forbidden.RAM",
                    "denied",
                    "r"))
            .build();
    await(store.startAll(List.of(due, waitingForQuota, failed)));
    outbox.add(
        new OutboxMessage(
            0, UUID.randomUUID(), due.id(), "SagaStarted", "k", new byte[0], Map.of(), T0));
    clock.advance(Duration.ofMinutes(10));
    Instant now = clock.instant();

    var overview =
        await(
            new InMemoryOverviewQueries(store, outbox)
                .overview(now.minus(Duration.ofMinutes(5)), T0));
    assertThat(overview.sagas())
        .containsExactly(
            new OverviewQueries.Count("CREATE_IMAGE", "FAILED", 1),
            new OverviewQueries.Count("CREATE_IMAGE", "RUNNING", 2));
    assertThat(overview.stuck()).as("due 10 minutes ago; the other wakes in 2 hours").isEqualTo(1);
    assertThat(overview.outboxBacklog()).isEqualTo(1);
    assertThat(overview.failures())
        .containsExactly(
            new OverviewQueries.FailureCount("Forbidden.RAM", 1, "denied", failed.id().toString()));
    assertThat(overview.regions())
        .containsExactly(
            new OverviewQueries.RegionLoad("cn-beijing", 1, 1),
            new OverviewQueries.RegionLoad("cn-hangzhou", 1, 0));

    var stats =
        await(new InMemoryOperationsStats(store, outbox).snapshot(now, Duration.ofMinutes(5)));
    assertThat(stats.sagas())
        .containsOnly(Map.entry("CREATE_IMAGE/RUNNING", 2L), Map.entry("CREATE_IMAGE/FAILED", 1L));
    assertThat(stats.outboxBacklog()).isEqualTo(1);
    assertThat(stats.oldestUnpublishedSeconds()).isEqualTo(600.0);
    assertThat(stats.stuckSagas()).isEqualTo(1);
  }

  @Test
  void theFeedGivesAWatcherOnlyWhatIsPublishedAfterItSubscribed() {
    var feed = new FakeLifecycleFeed();
    var before = new FeedEvent("ImageCreated", "s-0", "c-0", "{}");
    var after = new FeedEvent("ImageCreated", "s-1", "c-1", "{}");
    assertThat(feed.publish(before)).as("nobody watches").isZero();

    var watcher = feed.stream().subscribe().withSubscriber(AssertSubscriber.<FeedEvent>create(10));
    assertThat(feed.publish(after)).isEqualTo(1);

    watcher.assertItems(after);
    watcher.cancel();
    assertThat(feed.watchers()).isZero();
  }

  @Test
  void anOutageIsRecognisedWhateverWrapsItAndTheWorksOwnFaultIsNot() {
    var outages = new FakeStoreOutages();
    assertThat(outages.isOutage(new IllegalStateException(new FakeStoreOutages.StoreDown("gone"))))
        .isTrue();
    assertThat(outages.isOutage(new IllegalArgumentException("duplicate key"))).isFalse();
  }

  @Test
  void ratesAreWhatHappenedInTheWindowPerSecond() {
    var rates = new FakeServiceRates(clock, Duration.ofSeconds(20));
    assertThat(rates.rates().windowSeconds()).as("just started").isZero();
    for (int i = 0; i < 10; i++) {
      rates.ecsCall("cn-hangzhou", "DescribeImages");
      clock.advance(Duration.ofSeconds(1));
    }
    rates.eventSeen();

    var now = rates.rates();
    assertThat(now.windowSeconds()).isEqualTo(10.0);
    assertThat(now.ecsCallsPerSecond()).containsEntry("cn-hangzhou", Map.of("DescribeImages", 1.0));
    assertThat(now.eventsPerSecond()).isEqualTo(0.1);
    assertThat(now.eventsSeen()).isEqualTo(1);
  }

  @Test
  void aSagasPollsFoldIntoOneStepRunAndTheNextStepStartsAnother() {
    Saga started = create(new UUID(4, 1), "cn-hangzhou", "a", T0);
    await(store.start(started));
    Saga polling = started.edit().step(CreateImageSaga.AWAIT_IMAGE_USABLE).imageId("m-1").build();
    move(started, polling);
    clock.advance(Duration.ofSeconds(30));
    Saga polledOnce = store.saga(started.id()).edit().progress(40).build();
    move(store.saga(started.id()), polledOnce);
    clock.advance(Duration.ofSeconds(30));
    move(store.saga(started.id()), store.saga(started.id()).edit().progress(90).build());

    assertThat(await(queries.history(started.id())))
        .extracting(StepRun::step, StepRun::executions, StepRun::progress)
        .containsExactly(tuple("SUBMIT_CREATE_IMAGE", 1, 0), tuple("AWAIT_IMAGE_USABLE", 2, 90));
  }

  /** One claimed move, stored as the coordinator stores it. */
  private void move(Saga from, Saga to) {
    await(store.claimDue(clock.instant(), 10, "a", Duration.ofSeconds(30)));
    assertThat(await(store.apply(List.of(new SagaStore.Transit(from, to, List.of())), "a")))
        .containsExactly(from.id());
  }

  @Test
  void onlyOneDrainOfTheOutboxRunsAtATime() {
    outbox.add(
        new OutboxMessage(
            0, UUID.randomUUID(), null, "SagaStarted", "k", new byte[0], Map.of(), T0));
    var broker = new CompletableFuture<List<OutboxMessage>>();
    var first =
        outbox
            .drain(10, batch -> Uni.createFrom().completionStage(broker))
            .subscribe()
            .asCompletionStage();

    assertThat(await(outbox.drain(10, batch -> Uni.createFrom().item(batch))))
        .as("the first drain holds the outbox")
        .isZero();

    broker.complete(outbox.messages());
    assertThat(first.join()).isEqualTo(1);
    assertThat(outbox.waiting()).isZero();
  }
}
