package com.ecsimagesaga.testsupport;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A fake span exporter for tests: every span the service ends is kept in memory (the newest {@value
 * #CAPACITY}), where tests read them. Quarkus adds every {@link SpanProcessor} bean to the tracer
 * provider.
 */
@Singleton
public class RecordedSpans implements SpanProcessor {

  static final int CAPACITY = 20_000;

  private final Deque<SpanData> ended = new ArrayDeque<>();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public synchronized void onEnd(ReadableSpan span) {
    if (ended.size() == CAPACITY) {
      ended.removeFirst();
    }
    ended.addLast(span.toSpanData());
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** The ended spans of one trace, oldest first. */
  public synchronized List<SpanData> ofTrace(String traceId) {
    return ended.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  /** Every ended span kept, oldest first. */
  public synchronized List<SpanData> all() {
    return List.copyOf(ended);
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
