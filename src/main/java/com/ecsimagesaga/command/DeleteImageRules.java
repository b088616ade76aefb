package com.ecsimagesaga.command;

import java.util.ArrayList;
import java.util.List;

/** Checks a {@link DeleteImageCommand}. */
public final class DeleteImageRules {

  private DeleteImageRules() {}

  public static Validated<DeleteImageCommand> check(DeleteImageCommand c) {
    List<Violation> out = new ArrayList<>();
    FieldRules.commandId(c.commandId(), out);
    FieldRules.regionId(c.regionId(), out);
    if (c.imageId() == null || c.imageId().isBlank()) {
      out.add(Violation.of("imageId", "image-id.required", c.imageId(), "imageId is required"));
    } else {
      FieldRules.resourceId("imageId", c.imageId(), "m-", "image", out);
    }
    return new Validated<>(out.isEmpty() ? c : null, out, List.of());
  }
}
