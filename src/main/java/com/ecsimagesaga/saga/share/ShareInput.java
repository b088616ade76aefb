package com.ecsimagesaga.saga.share;

import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a share saga was asked to do.
 *
 * @param requestedBy the id of the command the user sent; the saga's events carry it
 */
public record ShareInput(String requestedBy, List<String> addAccounts, List<String> removeAccounts)
    implements SagaInput {

  public ShareInput {
    addAccounts = addAccounts == null ? List.of() : List.copyOf(addAccounts);
    removeAccounts = removeAccounts == null ? List.of() : List.copyOf(removeAccounts);
  }

  @Override
  public Map<Step, Duration> stepTimeouts() {
    return Map.of();
  }

  @Override
  public Duration defaultStepTimeout(Step step, StepTimeouts configured) {
    if (step == ShareImageSaga.MODIFY_SHARE_PERMISSION || step == ShareImageSaga.CHECK_SHARES) {
      return Duration.ofMinutes(10);
    }
    return null;
  }
}
