package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import java.time.Instant;
import java.util.UUID;

/**
 * Create sagas started directly in the store, for tests that drive claims and passes themselves.
 */
public final class SagaStarts {

  private SagaStarts() {}

  /**
   * A create saga of an image named {@code name} of {@code instance}, started and due at {@code at}
   * (a time far ahead keeps the running coordinator away from it), with a command id of its own.
   */
  public static Saga createFrom(
      String region, String instance, String name, Instant at, SagaPolicies policies) {
    return CreateImageSaga.start(
        UUID.randomUUID(),
        name + "-" + UUID.randomUUID(),
        new CreateInput(ImageSpecs.fromInstance(region, instance, name), null, false),
        at,
        policies);
  }

  /** The same saga, stored through {@code store} as intake stores a new one. */
  public static Saga started(
      SagaStore store,
      String region,
      String instance,
      String name,
      Instant at,
      SagaPolicies policies) {
    Saga saga = createFrom(region, instance, name, at, policies);
    if (!OnContext.onContext(() -> store.start(saga))) {
      throw new AssertionError("saga " + saga.id() + " was not stored: its command id was taken");
    }
    return saga;
  }
}
