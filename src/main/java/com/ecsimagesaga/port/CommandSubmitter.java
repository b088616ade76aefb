package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.SagaKind;
import io.smallrye.mutiny.Uni;

/**
 * Puts commands on the command topic, for clients that cannot speak Avro (the REST gateway). The
 * command then takes the same path as any other: nothing is executed here.
 */
public interface CommandSubmitter {

  /**
   * Publishes a command of a registered saga kind as any producer would: its kind's record, under
   * the key the kind expects. Completes once the broker acknowledged it.
   *
   * @throws IllegalArgumentException for a command no record of its kind can carry (the kind's
   *     rules refuse such a command first)
   */
  Uni<Void> submit(SagaKind.Command command);
}
