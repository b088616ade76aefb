package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.RejectedCommands;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** {@link RejectedCommands} on the {@code processed_command} table. */
@ApplicationScoped
public class PanacheRejectedCommands implements RejectedCommands {

  @Override
  public Uni<Optional<RejectedCommand>> bySagaId(UUID sagaId) {
    return Panache.withSession(
        () ->
            ProcessedCommandEntity.<ProcessedCommandEntity>find(
                    "sagaId = ?1 and outcome = 'REJECTED' and violations is not null", sagaId)
                .firstResult()
                .map(row -> Optional.ofNullable(row).map(RejectedCommandRows::from)));
  }
}
