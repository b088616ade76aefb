package com.ecsimagesaga.port;

import com.ecsimagesaga.command.CreateImageCommand;
import com.ecsimagesaga.command.DeleteImageCommand;
import com.ecsimagesaga.command.UpdateImageCommand;
import com.ecsimagesaga.saga.copy.CopyImageCommand;
import com.ecsimagesaga.saga.share.ShareImageCommand;
import io.smallrye.mutiny.Uni;

/**
 * Puts commands on the command topic, for clients that cannot speak Avro (the REST gateway). The
 * command then takes the same path as any other: nothing is executed here.
 */
public interface CommandSubmitter {

  /** Publishes a CreateImage command; completes once the broker acknowledged it. */
  Uni<Void> submit(CreateImageCommand command);

  /** Publishes an UpdateImage command; completes once the broker acknowledged it. */
  Uni<Void> submit(UpdateImageCommand command);

  /** Publishes a DeleteImage command; completes once the broker acknowledged it. */
  Uni<Void> submit(DeleteImageCommand command);

  /**
   * Publishes a CopyImage command under its key ({@code <sourceRegionId>/<sourceImageId>});
   * completes once the broker acknowledged it.
   */
  Uni<Void> submit(CopyImageCommand command);

  /**
   * Publishes a change of who an image is shared with: a ShareImage when the command adds accounts,
   * an UnshareImage when it removes them (a command must not do both: the contract has no record
   * for that); completes once the broker acknowledged it.
   */
  Uni<Void> submit(ShareImageCommand command);
}
