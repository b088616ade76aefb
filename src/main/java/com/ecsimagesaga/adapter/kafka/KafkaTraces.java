package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.adapter.TraceParents;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The trace context a command arrived in. */
final class KafkaTraces {

  /** A {@code traceparent} is 55 characters; anything much longer is not one and is not read. */
  private static final int MAX_HEADER_BYTES = 256;

  private KafkaTraces() {}

  /**
   * The {@code traceparent} to continue for a command: the span the messaging layer opened for the
   * record when tracing is on (a child of the producer's context), otherwise the record's own
   * {@code traceparent} header. Null when there is none or it is malformed: a bad header never
   * stops a command.
   */
  static String traceParentOf(Message<?> message) {
    String fromSpan =
        TracingMetadata.fromMessage(message)
            .map(TracingMetadata::getCurrentContext)
            .map(TraceParents::of)
            .orElse(null);
    if (fromSpan != null) {
      return fromSpan;
    }
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> m.getHeaders().lastHeader(TraceParents.HEADER))
        .map(KafkaTraces::text)
        .map(TraceParents::normalised)
        .orElse(null);
  }

  private static String text(Header header) {
    byte[] value = header.value();
    return value == null || value.length > MAX_HEADER_BYTES
        ? null
        : new String(value, StandardCharsets.US_ASCII);
  }
}
