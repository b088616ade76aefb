package com.ecsimagesaga.testsupport;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive work from a test thread on a Vert.x context and waits for its item. */
public final class OnContext {

  private OnContext() {}

  /** The item of {@code work}, run on a duplicated Vert.x context as the service's own work is. */
  public static <T> T onContext(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
