package com.ecsimagesaga.saga;

import java.util.List;

/**
 * What the decider concluded: the saga's next state, the events to publish with it, the table row
 * that allowed it, and the sagas it starts (stored with the move, so they start exactly once).
 */
public record Decision(
    Saga next, List<SagaEvent> events, Transition transition, List<Saga> starts) {

  public Decision {
    events = List.copyOf(events);
    starts = List.copyOf(starts);
  }

  public Decision(Saga next, List<SagaEvent> events, Transition transition) {
    this(next, events, transition, List.of());
  }

  /** This decision, also starting {@code more} sagas in the same transaction as its move. */
  public Decision starting(List<Saga> more) {
    List<Saga> all = new java.util.ArrayList<>(starts);
    all.addAll(more);
    return new Decision(next, events, transition, all);
  }
}
