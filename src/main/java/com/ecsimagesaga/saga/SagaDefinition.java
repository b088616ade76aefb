package com.ecsimagesaga.saga;

import java.time.Instant;
import java.util.Optional;

/**
 * A saga type: for each step, the cloud call to make and what to do with its outcome. Pure: no I/O,
 * no clock, no randomness of its own.
 */
public interface SagaDefinition {

  TransitionTable table();

  /** The type of the sagas it decides for: its table's. */
  default SagaType type() {
    return table().type();
  }

  /** The cloud call the saga's current step needs. */
  CloudAction actionFor(Saga saga);

  /** A decision to stop the saga because its deadline passed, checked before each step runs. */
  Optional<Decision> expire(Saga saga, Instant now);

  /** The next state of the saga after its current step produced {@code outcome} at {@code now}. */
  Decision decide(Saga saga, StepOutcome outcome, Instant now);
}
