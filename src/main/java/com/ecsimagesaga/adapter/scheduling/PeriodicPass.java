package com.ecsimagesaga.adapter.scheduling;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a pass again and again on a Vert.x timer: after a pass that filled its batch at once, else
 * after the interval; after passes that found nothing to do, less and less often (the wait doubles
 * up to the idle ceiling) until {@link #wake()} or a pass that found work. A pass never overlaps
 * the previous one. Each pass runs on a fresh duplicated context, which is what Hibernate Reactive
 * needs to open its own session. (The Quarkus scheduler runs nothing more often than once a second,
 * too slow for a saga tick.)
 */
final class PeriodicPass {

  private static final Logger LOG = Logger.getLogger(PeriodicPass.class);

  private final String name;
  private final Vertx vertx;
  private final Duration interval;
  private final Duration idleCeiling;
  private final int fullBatch;
  private final Supplier<Uni<Integer>> pass;
  private volatile boolean running = true;

  /** The timer of the next pass while none runs, else -1. */
  private final AtomicLong pending = new AtomicLong(-1);

  private volatile Duration idleWait;

  PeriodicPass(
      String name, Vertx vertx, Duration interval, int fullBatch, Supplier<Uni<Integer>> pass) {
    this(name, vertx, interval, interval, fullBatch, pass);
  }

  /**
   * @param idleCeiling the longest wait after passes that found nothing; equal to {@code interval}
   *     for a pass that never backs off
   */
  PeriodicPass(
      String name,
      Vertx vertx,
      Duration interval,
      Duration idleCeiling,
      int fullBatch,
      Supplier<Uni<Integer>> pass) {
    this.name = name;
    this.vertx = vertx;
    this.interval = interval;
    this.idleCeiling = idleCeiling.compareTo(interval) < 0 ? interval : idleCeiling;
    this.fullBatch = fullBatch;
    this.pass = pass;
    this.idleWait = interval;
  }

  void start(Duration delay) {
    schedule(delay);
  }

  void stop() {
    running = false;
  }

  /**
   * Runs the next pass now if the pass is waiting for its timer, e.g. because there is work for it
   * again. Does nothing while a pass runs (it is followed by another soon enough) or if the timer
   * fired meanwhile: a cancelled timer is the proof that no pass started.
   */
  void wake() {
    long id = pending.get();
    if (id != -1
        && idleWait.compareTo(interval) > 0
        && vertx.cancelTimer(id)
        && pending.compareAndSet(id, -1)) {
      idleWait = interval;
      schedule(Duration.ZERO);
    }
  }

  private void schedule(Duration delay) {
    if (!running) {
      return;
    }
    pending.set(
        vertx.setTimer(
            Math.max(1, delay.toMillis()),
            id -> {
              pending.compareAndSet(id, -1);
              runOnce();
            }));
  }

  /** The wait after a pass that moved {@code done} items. */
  private Duration after(int done) {
    if (done >= fullBatch) {
      idleWait = interval;
      return Duration.ZERO;
    }
    if (done > 0) {
      idleWait = interval;
      return interval;
    }
    Duration wait = idleWait;
    Duration doubled = wait.multipliedBy(2);
    idleWait = doubled.compareTo(idleCeiling) > 0 ? idleCeiling : doubled;
    return wait;
  }

  private void runOnce() {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            pass.get()
                .subscribe()
                .with(
                    done -> schedule(after(done)),
                    failure -> {
                      LOG.warnf("EIS-2901 %s pass failed: %s", name, failure.toString());
                      schedule(interval);
                    }));
  }
}
