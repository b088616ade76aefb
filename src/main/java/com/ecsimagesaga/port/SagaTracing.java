package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Continues the trace of the command behind a saga through everything the saga does. A trace
 * context travels as a W3C {@code traceparent} string, stored on the saga row when the command is
 * taken in, so it survives restarts and moves between instances with the saga.
 */
public interface SagaTracing {

  /**
   * Runs one piece of a saga's work in a span of the saga's trace (a new trace when the saga has
   * none). The span is current while {@code work} is called, so a cloud call made there joins it,
   * and ends when the returned Uni completes.
   *
   * @param work gets the span's {@code traceparent}, to stamp on the events the work produces
   */
  <T> Uni<T> inSaga(Saga saga, String name, Function<String, Uni<T>> work);

  /**
   * Runs work that serves several sagas at once (one listing that answers every poll of a region)
   * in a span of its own, linked to the trace of each saga it serves.
   */
  <T> Uni<T> shared(String name, List<Saga> sagas, Supplier<Uni<T>> work);
}
