package com.ecsimagesaga.saga.share;

import com.ecsimagesaga.saga.SagaKind;
import java.time.Instant;
import java.util.List;

/**
 * Share an image with accounts and stop sharing it with others (the wire's ShareImage and
 * UnshareImage both come to this).
 */
public record ShareImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String imageId,
    List<String> addAccounts,
    List<String> removeAccounts)
    implements SagaKind.ImageCommand {

  public ShareImageCommand {
    addAccounts = addAccounts == null ? List.of() : List.copyOf(addAccounts);
    removeAccounts = removeAccounts == null ? List.of() : List.copyOf(removeAccounts);
  }
}
