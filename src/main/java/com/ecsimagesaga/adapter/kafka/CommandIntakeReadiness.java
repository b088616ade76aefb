package com.ecsimagesaga.adapter.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports DOWN while command consumption is paused because the database is unreachable: the
 * instance holds its partitions without committing offsets and cannot take in work until the
 * database is back. It is readiness, not liveness: restarting the instance would not help.
 */
@Readiness
@ApplicationScoped
public class CommandIntakeReadiness implements HealthCheck {

  @Inject CommandIntakeState state;

  @Override
  public HealthCheckResponse call() {
    CommandIntakeState.Pause pause = state.current();
    if (pause == null) {
      return HealthCheckResponse.named("command-intake").up().build();
    }
    return HealthCheckResponse.named("command-intake")
        .down()
        .withData("reason", pause.reason())
        .withData("pausedSince", pause.since().toString())
        .build();
  }
}
