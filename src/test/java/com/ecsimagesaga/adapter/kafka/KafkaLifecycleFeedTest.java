package com.ecsimagesaga.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.LifecycleFeed.FeedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

/** The live stream decodes the event topic's records only while someone watches it. */
class KafkaLifecycleFeedTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KafkaLifecycleFeed feed =
      new KafkaLifecycleFeed(registry, WireFormat.withoutRegistry());
  private final byte[] event = new AvroCodec().encode(AvroCodecTest.delete());

  @Test
  void aWatcherReceivesEachRecordDecoded() {
    AssertSubscriber<FeedEvent> watcher =
        feed.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
    feed.onEvent(event);
    assertThat(watcher.getItems()).hasSize(1);
    assertThat(watcher.getItems().get(0).type()).isEqualTo("DeleteImage");
    assertThat(watcher.getItems().get(0).commandId()).isEqualTo("c-1");
    assertThat(count("delivered")).isEqualTo(1);
    assertThat(count("unwatched")).isZero();
  }

  @Test
  void recordsNobodyWatchesAreNotDecodedAndALaterWatcherSeesOnlyWhatComesAfter() {
    feed.onEvent(event);
    // Unreadable bytes are not even looked at while nobody watches.
    feed.onEvent(new byte[] {1, 2, 3});
    assertThat(count("unwatched")).isEqualTo(2);
    assertThat(count("unreadable")).isZero();

    AssertSubscriber<FeedEvent> watcher =
        feed.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
    feed.onEvent(new byte[] {1, 2, 3});
    feed.onEvent(event);
    assertThat(watcher.getItems()).hasSize(1);
    assertThat(count("unreadable")).isEqualTo(1);
    assertThat(count("delivered")).isEqualTo(1);

    watcher.cancel();
    feed.onEvent(event);
    assertThat(count("unwatched")).as("after the last watcher left").isEqualTo(3);
    assertThat(count("delivered")).isEqualTo(1);
  }

  @Test
  void theFeedDecodesWhileAnyOfSeveralWatchersRemains() {
    AssertSubscriber<FeedEvent> first =
        feed.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
    AssertSubscriber<FeedEvent> second =
        feed.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
    first.cancel();
    feed.onEvent(event);
    assertThat(second.getItems()).hasSize(1);
    assertThat(first.getItems()).isEmpty();
    assertThat(count("unwatched")).isZero();
  }

  private double count(String outcome) {
    return registry.get("saga_feed_records").tag("outcome", outcome).counter().count();
  }
}
