package com.ecsimagesaga.port;

import java.util.Map;

/** What this instance did lately, per second, for the operator console. */
public interface ServiceRates {

  /**
   * Rates over the last few seconds.
   *
   * @param windowSeconds how long the rates were measured over (0 just after start)
   * @param ecsCallsPerSecond ECS calls this instance made, by region, then by ECS action
   * @param eventsPerSecond lifecycle events the service published (every instance's, as this
   *     instance reads them from the event topic)
   * @param eventsSeen lifecycle events read from the event topic since this instance started
   */
  record Rates(
      double windowSeconds,
      Map<String, Map<String, Double>> ecsCallsPerSecond,
      double eventsPerSecond,
      long eventsSeen) {}

  /** The current rates. */
  Rates rates();
}
