package com.ecsimagesaga.simulator.action;

import java.util.Map;

/**
 * One ECS API action. Runs while the world lock is held; throws {@link
 * com.ecsimagesaga.simulator.http.ApiError} to reject.
 */
@FunctionalInterface
public interface Action {
  /** Executes the call and returns the response fields except {@code RequestId}. */
  Map<String, Object> execute(ActionContext ctx);
}
