package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;

/** The cloud that makes images. */
public interface CloudImageGateway {

  /**
   * Performs one cloud call. Never fails: every cloud error arrives classified as {@link
   * StepOutcome.Failed}. Completes on the caller's context.
   */
  Uni<StepOutcome> execute(CloudAction action);
}
