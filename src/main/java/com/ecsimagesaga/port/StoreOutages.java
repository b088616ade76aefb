package com.ecsimagesaga.port;

/**
 * Tells a failure that means the store cannot be reached for now (and will be again) from one that
 * is the work's own fault. The store's adapter knows its driver's errors; whoever retries asks it
 * rather than reading error codes itself.
 */
public interface StoreOutages {

  /**
   * Whether {@code failure} means the store is unreachable or refuses work for now, whatever wraps
   * it: the same work may succeed once the store is back, so it should be retried, not discarded.
   */
  boolean isOutage(Throwable failure);
}
