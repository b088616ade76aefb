package com.ecsimagesaga.adapter.scheduling;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a pass again and again on a Vert.x timer: after a pass that filled its batch at once, else
 * after the interval. A pass never overlaps the previous one. Each pass runs on a fresh duplicated
 * context, which is what Hibernate Reactive needs to open its own session. (The Quarkus scheduler
 * runs nothing more often than once a second, too slow for a saga tick.)
 */
final class PeriodicPass {

  private static final Logger LOG = Logger.getLogger(PeriodicPass.class);

  private final String name;
  private final Vertx vertx;
  private final Duration interval;
  private final int fullBatch;
  private final Supplier<Uni<Integer>> pass;
  private volatile boolean running = true;

  PeriodicPass(String name, Vertx vertx, Duration interval, int fullBatch, Supplier<Uni<Integer>> pass) {
    this.name = name;
    this.vertx = vertx;
    this.interval = interval;
    this.fullBatch = fullBatch;
    this.pass = pass;
  }

  void start(Duration delay) {
    schedule(delay);
  }

  void stop() {
    running = false;
  }

  private void schedule(Duration delay) {
    if (!running) {
      return;
    }
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> runOnce());
  }

  private void runOnce() {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(ignored -> pass.get().subscribe().with(
        done -> schedule(done >= fullBatch ? Duration.ZERO : interval),
        failure -> {
          LOG.warnf("EIS-2901 %s pass failed: %s", name, failure.toString());
          schedule(interval);
        }));
  }
}
