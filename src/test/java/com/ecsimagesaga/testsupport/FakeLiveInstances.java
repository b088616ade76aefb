package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.LiveInstances;

/**
 * {@link LiveInstances} set by the test: the count a heartbeat would have left, read without I/O.
 * As the port promises, it is never below 1.
 */
public final class FakeLiveInstances implements LiveInstances {

  private volatile int live = 1;

  /** Sets the count of live instances; fails below 1, which no count can be. */
  public FakeLiveInstances live(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("live instances are at least 1, not " + count);
    }
    live = count;
    return this;
  }

  @Override
  public int liveInstances() {
    return live;
  }
}
