package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link SagaTracing} with tracing off: work runs as it is, with no trace context. */
public final class FakeSagaTracing implements SagaTracing {

  @Override
  public <T> Uni<T> inSaga(Saga saga, String name, Function<String, Uni<T>> work) {
    return work.apply(saga.traceParent());
  }

  @Override
  public <T> Uni<T> shared(String name, List<Saga> sagas, Supplier<Uni<T>> work) {
    return work.get();
  }
}
