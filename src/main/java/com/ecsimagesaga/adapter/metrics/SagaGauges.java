package com.ecsimagesaga.adapter.metrics;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.port.LiveInstances;
import com.ecsimagesaga.port.OperationsStats;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.SagaType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gauges read from the database every {@code ops.metrics.refresh}: sagas by type and status ({@code
 * sagas{type,status}}), the outbox lag ({@code outbox_backlog}, {@code outbox_oldest_age_seconds})
 * and stuck sagas ({@code sagas_stuck}: not finished, and due for longer than {@code
 * ops.metrics.stuck-after}), and the live instances that share the ECS rate budget ({@code
 * ecs_budget_instances}, from the heartbeats, not the refresh). Every instance reports the same
 * numbers; aggregate with max.
 */
@ApplicationScoped
public class SagaGauges {

  private static final Logger LOG = Logger.getLogger(SagaGauges.class);

  @Inject MeterRegistry registry;
  @Inject OperationsStats stats;
  @Inject LiveInstances share;
  @Inject Clock clock;
  @Inject Vertx vertx;

  @ConfigProperty(name = "ops.metrics.refresh")
  Duration refresh;

  @ConfigProperty(name = "ops.metrics.stuck-after")
  Duration stuckAfter;

  private final Map<String, AtomicLong> sagas = new ConcurrentHashMap<>();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicReference<Double> oldest = new AtomicReference<>(0.0);
  private final AtomicLong stuck = new AtomicLong();
  private long timer = -1;

  void start(@Observes StartupEvent ignored) {
    for (SagaType type : KindRegistry.kinds().types()) {
      for (SagaStatus status : SagaStatus.values()) {
        AtomicLong value = sagas.computeIfAbsent(type + "/" + status, k -> new AtomicLong());
        Gauge.builder("sagas", value, AtomicLong::get)
            .description("Sagas by type and status")
            .tag("type", type.name())
            .tag("status", status.name())
            .register(registry);
      }
    }
    Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
        .description("Events waiting in the outbox")
        .register(registry);
    Gauge.builder("outbox.oldest.age.seconds", oldest, AtomicReference::get)
        .description("Age of the oldest event waiting in the outbox")
        .register(registry);
    Gauge.builder("sagas.stuck", stuck, AtomicLong::get)
        .description("Unfinished sagas overdue by more than ops.metrics.stuck-after")
        .register(registry);
    Gauge.builder("ecs.budget.instances", share, LiveInstances::liveInstances)
        .description(
            "Live instances sharing the service-wide ECS rate budget, as this instance counts them")
        .register(registry);
    timer = vertx.setPeriodic(refresh.toMillis(), id -> refresh());
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void refresh() {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            stats
                .snapshot(clock.instant(), stuckAfter)
                .subscribe()
                .with(
                    s -> {
                      sagas.forEach((key, value) -> value.set(s.sagas().getOrDefault(key, 0L)));
                      backlog.set(s.outboxBacklog());
                      oldest.set(s.oldestUnpublishedSeconds());
                      stuck.set(s.stuckSagas());
                    },
                    failure ->
                        LOG.warnf("EIS-6401 saga gauges not refreshed: %s", failure.toString())));
  }
}
