package com.ecsimagesaga.saga;

import java.time.Duration;
import java.util.Map;

/** What a saga was asked to do; fixed for the saga's whole life. */
public interface SagaInput {

  /**
   * The command's own step timeouts, overriding the service's {@link StepTimeouts}; empty when
   * none.
   */
  Map<Step, Duration> stepTimeouts();

  /**
   * How long {@code step} may take by default for a saga with this input; null for a step its kind
   * does not have. A kind sizes its steps here, from the service configuration ({@code configured})
   * or on its own.
   */
  Duration defaultStepTimeout(Step step, StepTimeouts configured);
}
