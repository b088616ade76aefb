package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.ServiceShare;
import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.config.SagaConfig;
import com.ecsimagesaga.port.OverviewQueries;
import com.ecsimagesaga.port.ServiceRates;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The operator console's overview in one answer: what no other endpoint sums up. */
@Path("/api/overview")
public class OverviewResource {

  /** Failures are counted over this window. */
  static final Duration FAILURE_WINDOW = Duration.ofHours(1);

  @Inject OverviewQueries queries;
  @Inject ServiceRates rates;
  @Inject ServiceShare share;
  @Inject SagaConfig sagaConfig;
  @Inject EcsConfig ecsConfig;
  @Inject Clock clock;

  @GET
  @Operation(
      summary =
          "Saga counts, stuck sagas, failure codes of the last hour, ECS calls against the budget",
      description =
          "Counts come from the database (every instance answers the same); ECS calls per second and events "
              + "per second are this instance's, measured over the last 20 seconds.")
  public Uni<OverviewView> overview() {
    Instant now = clock.instant();
    return queries
        .overview(now.minus(sagaConfig.stuckAfter()), now.minus(FAILURE_WINDOW))
        .map(
            o ->
                OverviewView.of(
                    now,
                    sagaConfig.stuckAfter(),
                    FAILURE_WINDOW,
                    o,
                    rates.rates(),
                    ecsConfig.rateLimit(),
                    share.liveInstances()));
  }
}
