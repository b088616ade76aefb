package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.port.LifecycleFeed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows the event topic (each instance in its own consumer group, from the latest offset) and
 * fans the events out to whoever watches the live stream. A record that arrives while nobody
 * watches is dropped unread: the stream is live only, and decoding every event of a busy service
 * for no one (thousands of progress events a minute with 10,000 sagas in flight) costs CPU for
 * nothing. Counted in {@code saga_feed_records_total} by outcome ({@code delivered}, {@code
 * unwatched}, {@code unreadable}).
 */
@ApplicationScoped
public class KafkaLifecycleFeed implements LifecycleFeed {

  private static final Logger LOG = Logger.getLogger(KafkaLifecycleFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int WATCHER_BUFFER = 4096;

  private final AvroCodec codec = new AvroCodec();
  private final BroadcastProcessor<FeedEvent> hub = BroadcastProcessor.create();
  private final AtomicInteger watchers = new AtomicInteger();
  private final Counter delivered;
  private final Counter unwatched;
  private final Counter unreadable;

  private final WireFormat wire;

  public KafkaLifecycleFeed(MeterRegistry registry, WireFormat wire) {
    this.wire = wire;
    delivered = counter(registry, "delivered");
    unwatched = counter(registry, "unwatched");
    unreadable = counter(registry, "unreadable");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("saga_feed_records")
        .description("Records of the event topic read by the live event stream, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Incoming("event-feed")
  public void onEvent(byte[] payload) {
    if (watchers.get() == 0) {
      unwatched.increment();
      return;
    }
    try {
      SpecificRecord r = codec.decode(wire.incoming(payload));
      Map<String, Object> fields = toMap(r);
      hub.onNext(
          new FeedEvent(
              r.getSchema().getName(),
              String.valueOf(fields.get("sagaId")),
              String.valueOf(fields.get("commandId")),
              JSON.writeValueAsString(fields)));
      delivered.increment();
    } catch (UndecodableRecordException | JsonProcessingException e) {
      unreadable.increment();
      LOG.warnf("EIS-5001 an event on the event topic could not be read: %s", e.getMessage());
    }
  }

  @Override
  public Multi<FeedEvent> stream() {
    // Each watcher reads at its own pace from a buffer of its own: a burst of events (a
    // distribution's copies all finishing at once) must not find a watcher without outstanding
    // requests, which the broadcast would end with a back-pressure failure. A watcher that falls
    // WATCHER_BUFFER events behind is ended, and its page reconnects.
    return hub.onOverflow()
        .buffer(WATCHER_BUFFER)
        .onSubscription()
        .invoke(watchers::incrementAndGet)
        .onTermination()
        .invoke(watchers::decrementAndGet);
  }

  static Map<String, Object> toMap(SpecificRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field f : r.getSchema().getFields()) {
      out.put(f.name(), plain(r.get(f.pos())));
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof SpecificRecord nested) {
      return toMap(nested);
    }
    if (v instanceof List<?> list) {
      return list.stream().map(KafkaLifecycleFeed::plain).toList();
    }
    if (v instanceof CharSequence || v instanceof Instant) {
      return v.toString();
    }
    return v;
  }
}
