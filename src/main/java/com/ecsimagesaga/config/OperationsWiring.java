package com.ecsimagesaga.config;

import com.ecsimagesaga.app.BulkReplay;
import com.ecsimagesaga.app.ReplaySaga;
import com.ecsimagesaga.port.ImageLookup;
import com.ecsimagesaga.port.ReplayJobs;
import com.ecsimagesaga.port.ReplayStore;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.port.SagaStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Builds the operator use cases: single and bulk replay. */
public class OperationsWiring {

  @Produces
  @Singleton
  ReplaySaga replaySaga(SagaStore sagas, ReplayStore replays, ImageLookup lookup, Clock clock) {
    return new ReplaySaga(sagas, replays, lookup, KindRegistry.kinds(), clock);
  }

  @Produces
  @Singleton
  BulkReplay bulkReplay(
      ReplaySaga replay, ReplayJobs jobs, SagaQueries queries, Clock clock, ReplayConfig c) {
    return new BulkReplay(
        replay, jobs, queries, clock, "eis-replay-" + UUID.randomUUID(), c.perPass(), c.lease());
  }
}
