package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.SagaStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;

/** Looks up sagas by id or by the command that started them. */
@Path("/api/sagas")
public class SagaResource {

  @Inject SagaStore store;
  @Inject com.ecsimagesaga.config.SagaConfig config;

  @GET
  @Path("/{id}")
  public Uni<SagaView> byId(@PathParam("id") String id) {
    UUID sagaId;
    try {
      sagaId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("saga ids are UUIDs: " + id);
    }
    return store.find(sagaId).map(s -> s.map(s2 -> SagaView.of(s2, config.stuckAfter())).orElseThrow(() -> new NotFoundException("no saga " + id)));
  }

  @GET
  public Uni<SagaView> byCommand(@QueryParam("commandId") String commandId) {
    if (commandId == null || commandId.isBlank()) {
      throw new BadRequestException("give a commandId");
    }
    return store.findByCommandId(commandId)
        .map(s -> s.map(s2 -> SagaView.of(s2, config.stuckAfter())).orElseThrow(() -> new NotFoundException("no saga for command " + commandId)));
  }
}
