package com.ecsimagesaga.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * Told of every API call as it arrives, before any check, with its parameters and the simulator
 * clock's time of arrival. For measurements such as the time from a command to its first ECS call;
 * observers run on the request thread and must be quick.
 */
@FunctionalInterface
public interface CallObserver {

  /**
   * @param action the {@code Action} parameter, {@code Unknown} when missing
   * @param params every request parameter, query and form body merged
   * @param arrivedAt when the call arrived, on the simulator clock
   */
  void called(String action, Map<String, String> params, Instant arrivedAt);
}
