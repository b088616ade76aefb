package com.ecsimagesaga.adapter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C {@code traceparent} strings to OpenTelemetry contexts and back. Parsing goes through the W3C
 * propagator, so a malformed or oversized value from a producer is dropped (no context), never
 * stored and never an error.
 */
public final class TraceParents {

  public static final String HEADER = "traceparent";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<String> SINGLE =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
          return HEADER.equals(key) ? carrier : null;
        }
      };

  private TraceParents() {}

  /**
   * The context a {@code traceparent} names, or the root context when it is absent or malformed.
   */
  public static Context context(String traceParent) {
    if (traceParent == null || traceParent.isEmpty()) {
      return Context.root();
    }
    return W3C.extract(Context.root(), traceParent, SINGLE);
  }

  /** The span context a {@code traceparent} names; invalid when it is absent or malformed. */
  public static SpanContext spanContext(String traceParent) {
    return Span.fromContext(context(traceParent)).getSpanContext();
  }

  /** The {@code traceparent} of a context's span, or null when it has no valid span. */
  public static String of(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(context, carrier, Map::put);
    return carrier.get(HEADER);
  }

  /** A {@code traceparent} checked and normalised: the same trace, or null when it is malformed. */
  public static String normalised(String traceParent) {
    return of(context(traceParent));
  }
}
