package com.ecsimagesaga.saga.delete;

import com.ecsimagesaga.command.FieldRules;
import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.StepTimeoutRules;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link DeleteImageCommand}. */
public final class DeleteImageRules {

  private DeleteImageRules() {}

  public static Validated<DeleteImageCommand> check(DeleteImageCommand c) {
    List<Violation> out = new ArrayList<>();
    FieldRules.commandId(c.commandId(), out);
    FieldRules.regionId(c.regionId(), out);
    FieldRules.imageId(c.imageId(), out);
    StepTimeoutRules.check(c.stepTimeoutSeconds(), DeleteImageSaga.TABLE, out);
    return new Validated<>(out.isEmpty() ? c : null, out, List.of());
  }
}
