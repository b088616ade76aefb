package com.ecsimagesaga.saga;

import java.util.List;

/**
 * What the decider concluded: the saga's next state, the events to publish with it, and the table
 * row that allowed it.
 */
public record Decision(Saga next, List<SagaEvent> events, Transition transition) {

  public Decision {
    events = List.copyOf(events);
  }
}
