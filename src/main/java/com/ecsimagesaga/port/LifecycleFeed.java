package com.ecsimagesaga.port;

import io.smallrye.mutiny.Multi;

/** Lifecycle events as they appear on the event topic, for people watching. */
public interface LifecycleFeed {

  /** Events from now on, as they are published; never replays old events. */
  Multi<FeedEvent> stream();

  /**
   * One event in a neutral form.
   *
   * @param type the event type, for example {@code ImageCreated}
   * @param json the event's fields as a JSON object
   */
  record FeedEvent(String type, String sagaId, String commandId, String json) {}
}
