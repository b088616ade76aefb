package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.LifecycleFeed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LifecycleFeed} fed by the test: {@link #publish} stands for an event arriving on the event
 * topic. As the port promises, a watcher sees only what is published after it subscribed, never
 * older events; an event published while nobody watches is dropped. Each watcher reads from a
 * buffer of its own, so one slow watcher does not end the others.
 */
public final class FakeLifecycleFeed implements LifecycleFeed {

  private final BroadcastProcessor<FeedEvent> hub = BroadcastProcessor.create();
  private final AtomicInteger watchers = new AtomicInteger();

  /** Hands an event to everyone watching now; returns how many watched. */
  public int publish(FeedEvent event) {
    int watching = watchers.get();
    if (watching > 0) {
      hub.onNext(event);
    }
    return watching;
  }

  /** How many watch now. */
  public int watchers() {
    return watchers.get();
  }

  @Override
  public Multi<FeedEvent> stream() {
    return hub.onOverflow()
        .buffer(1024)
        .onSubscription()
        .invoke(watchers::incrementAndGet)
        .onTermination()
        .invoke(watchers::decrementAndGet);
  }
}
