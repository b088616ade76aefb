package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.port.LifecycleFeed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows the event topic (each instance in its own consumer group, from the latest offset) and
 * fans the events out to whoever watches the live stream.
 */
@ApplicationScoped
public class KafkaLifecycleFeed implements LifecycleFeed {

  private static final Logger LOG = Logger.getLogger(KafkaLifecycleFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AvroCodec codec = new AvroCodec();
  private final BroadcastProcessor<FeedEvent> hub = BroadcastProcessor.create();

  @Incoming("event-feed")
  public void onEvent(byte[] payload) {
    try {
      SpecificRecord r = codec.decode(payload);
      Map<String, Object> fields = toMap(r);
      hub.onNext(
          new FeedEvent(
              r.getSchema().getName(),
              String.valueOf(fields.get("sagaId")),
              String.valueOf(fields.get("commandId")),
              JSON.writeValueAsString(fields)));
    } catch (UndecodableRecordException | JsonProcessingException e) {
      LOG.warnf("EIS-5001 an event on the event topic could not be read: %s", e.getMessage());
    }
  }

  @Override
  public Multi<FeedEvent> stream() {
    return hub;
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
