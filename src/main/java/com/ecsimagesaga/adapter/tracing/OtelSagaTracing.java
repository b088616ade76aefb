package com.ecsimagesaga.adapter.tracing;

import com.ecsimagesaga.adapter.TraceParents;
import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.saga.Saga;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link SagaTracing} on OpenTelemetry. A saga's step runs in a span whose parent is the context
 * stored with the saga (the command's), so the step, the ECS calls made in it and the events it
 * emits share the command's trace id. With the SDK disabled the tracer records nothing and the
 * stored context is passed on as it is.
 */
@ApplicationScoped
public class OtelSagaTracing implements SagaTracing {

  /** Links beyond this many make a span expensive to export and no easier to read. */
  static final int MAX_LINKS = 128;

  private final Tracer tracer;

  @Inject
  public OtelSagaTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public <T> Uni<T> inSaga(Saga saga, String name, Function<String, Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context parent = TraceParents.context(saga.traceParent());
              Span span =
                  tracer
                      .spanBuilder(name)
                      .setParent(parent)
                      .setSpanKind(SpanKind.INTERNAL)
                      .setAttribute("saga.id", saga.id().toString())
                      .setAttribute("saga.type", saga.type().name())
                      .setAttribute("saga.step", saga.step().name())
                      .setAttribute("saga.attempt", saga.attempt())
                      .setAttribute("saga.command_id", saga.commandId())
                      .startSpan();
              String own = TraceParents.of(parent.with(span));
              return around(
                  span,
                  parent.with(span),
                  () -> work.apply(own != null ? own : saga.traceParent()));
            });
  }

  @Override
  public <T> Uni<T> shared(String name, List<Saga> sagas, Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              SpanBuilder builder =
                  tracer
                      .spanBuilder(name)
                      .setNoParent()
                      .setSpanKind(SpanKind.INTERNAL)
                      .setAttribute("saga.count", sagas.size());
              sagas.stream()
                  .limit(MAX_LINKS)
                  .map(s -> TraceParents.spanContext(s.traceParent()))
                  .filter(SpanContext::isValid)
                  .forEach(builder::addLink);
              Span span = builder.startSpan();
              return around(span, Context.root().with(span), work);
            });
  }

  /** Makes the span current while the work is assembled, and ends it when the work completes. */
  private static <T> Uni<T> around(Span span, Context context, Supplier<Uni<T>> work) {
    Uni<T> assembled;
    Scope scope = context.makeCurrent();
    try {
      assembled = work.get();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      span.end();
      throw e;
    } finally {
      scope.close();
    }
    return assembled
        .onTermination()
        .invoke(
            (item, failure, cancelled) -> {
              if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
              }
              span.end();
            });
  }
}
