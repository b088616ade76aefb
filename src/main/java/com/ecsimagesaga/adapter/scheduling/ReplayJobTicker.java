package com.ecsimagesaga.adapter.scheduling;

import com.ecsimagesaga.app.BulkReplay;
import com.ecsimagesaga.config.ReplayConfig;
import com.ecsimagesaga.config.SagaConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs bulk replay jobs, one slice per tick. A slice never follows another at once, whatever its
 * size: that gap is the throttle. Jobs live in the database, so a restart resumes them.
 */
@ApplicationScoped
public class ReplayJobTicker {

  @Inject BulkReplay bulk;
  @Inject ReplayConfig config;
  @Inject SagaConfig sagaConfig;
  @Inject Vertx vertx;

  private PeriodicPass jobs;

  void start(@Observes StartupEvent ignored) {
    jobs = new PeriodicPass("replay job", vertx, config.tick(), Integer.MAX_VALUE, bulk::runOnce);
    jobs.start(sagaConfig.startDelay());
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (jobs != null) {
      jobs.stop();
    }
  }
}
