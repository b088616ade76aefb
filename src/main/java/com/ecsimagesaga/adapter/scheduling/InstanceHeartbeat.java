package com.ecsimagesaga.adapter.scheduling;

import com.ecsimagesaga.app.ServiceShare;
import com.ecsimagesaga.config.EcsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Beats in the instance table every {@code saga.ecs.rate-limit.heartbeat-interval}, from startup on
 * (before the saga ticker's start delay ends), so that every instance knows how many share the
 * service-wide ECS budget. At shutdown the instance leaves the table at once.
 */
@ApplicationScoped
public class InstanceHeartbeat {

  private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class);

  /** Shutdown does not wait longer than this for a database that is away. */
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(2);

  @Inject ServiceShare share;
  @Inject EcsConfig config;
  @Inject Vertx vertx;

  private PeriodicPass beats;

  void start(@Observes StartupEvent ignored) {
    beats =
        new PeriodicPass(
            "instance heartbeat",
            vertx,
            config.rateLimit().heartbeatInterval(),
            Integer.MAX_VALUE,
            share::beat);
    beats.start(Duration.ZERO);
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (beats == null) {
      return;
    }
    beats.stop();
    try {
      VertxContextSupport.subscribeAndAwait(
          () -> share.leave().ifNoItem().after(LEAVE_TIMEOUT).fail());
    } catch (Throwable e) {
      // The others stop counting this instance once its heartbeat expires.
      LOG.warnf(
          "EIS-2102 instance %s could not leave the instance table: %s",
          share.instanceId(), e.toString());
    }
  }
}
