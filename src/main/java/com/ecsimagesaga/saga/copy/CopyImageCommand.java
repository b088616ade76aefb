package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.saga.SagaKind;
import java.time.Instant;
import java.util.List;

/**
 * Copy an image to other regions and, optionally, share each copy with other accounts. Each
 * destination becomes a saga of its own, so one failed region does not hold up the others.
 *
 * @param shareWith accounts each copy is shared with once it is usable; empty for none
 * @param timeoutSeconds how long each copy may take, or null for the service's default
 */
public record CopyImageCommand(
    String commandId,
    Instant issuedAt,
    String sourceRegionId,
    String sourceImageId,
    List<CopyDestination> destinations,
    List<String> shareWith,
    Integer timeoutSeconds)
    implements SagaKind.Command {

  public CopyImageCommand {
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    shareWith = shareWith == null ? List.of() : List.copyOf(shareWith);
  }

  @Override
  public String expectedKey() {
    return sourceRegionId + "/" + sourceImageId;
  }

  @Override
  public String regionId() {
    return sourceRegionId;
  }

  @Override
  public String subject() {
    return sourceImageId;
  }
}
