package com.ecsimagesaga.port;

/**
 * How many instances of the service are alive now, as this instance last counted them: the
 * service-wide ECS rate budget is shared among them. Read on every cloud call; costs no I/O.
 */
public interface LiveInstances {

  /** Live instances as of the last count; at least 1. */
  int liveInstances();
}
