package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.StoreOutages;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link StoreOutages} for a store whose outages a test throws as {@link StoreDown} (or as any of
 * the types it was given): such a failure is an outage wherever it sits in the chain of causes, as
 * the port promises ("whatever wraps it"); any other failure is the work's own fault.
 */
public final class FakeStoreOutages implements StoreOutages {

  /** What a fake store throws while it cannot be reached. */
  public static final class StoreDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreDown(String message) {
      super(message);
    }
  }

  private final List<Class<? extends Throwable>> outages;

  /** Counts {@link StoreDown} as an outage, and nothing else. */
  public FakeStoreOutages() {
    this(List.of());
  }

  /** Counts {@link StoreDown} and the given types as outages. */
  public FakeStoreOutages(List<Class<? extends Throwable>> alsoOutages) {
    this.outages = Stream.concat(Stream.of(StoreDown.class), alsoOutages.stream()).toList();
  }

  @Override
  public boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Throwable cause = t;
      if (outages.stream().anyMatch(type -> type.isInstance(cause))) {
        return true;
      }
    }
    return false;
  }
}
