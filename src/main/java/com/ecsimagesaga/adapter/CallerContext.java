package com.ecsimagesaga.adapter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a result computed on another thread (the cloud SDK's worker pool, the Kafka producer) back
 * to the Vert.x context that asked for it. Hibernate Reactive sessions are bound to that context,
 * so the next database step must run there.
 */
public final class CallerContext {

  private CallerContext() {}

  public static <T> Uni<T> returnTo(Uni<T> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context caller = Vertx.currentContext();
              return caller == null
                  ? work
                  : work.emitOn(task -> caller.runOnContext(ignored -> task.run()));
            });
  }
}
