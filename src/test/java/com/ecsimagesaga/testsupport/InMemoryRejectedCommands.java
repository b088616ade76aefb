package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.RejectedCommands;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RejectedCommands} over the rejections an {@link InMemorySagaStore} recorded: the one whose
 * command would have started the saga. A rejection recorded without a saga id (its command id was
 * unusable) is found by none.
 */
public final class InMemoryRejectedCommands implements RejectedCommands {

  private final InMemorySagaStore store;

  public InMemoryRejectedCommands(InMemorySagaStore store) {
    this.store = store;
  }

  @Override
  public Uni<Optional<RejectedCommand>> bySagaId(UUID sagaId) {
    return Uni.createFrom()
        .item(store.rejections().stream().filter(r -> sagaId.equals(r.sagaId())).findFirst());
  }
}
