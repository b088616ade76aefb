package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.LifecycleFeed;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Lifecycle events as server-sent events, optionally filtered by type, saga or command. */
@Path("/api/events/stream")
public class EventStreamResource {

  @Inject LifecycleFeed feed;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<String> stream(
      @QueryParam("type") String type,
      @QueryParam("sagaId") String sagaId,
      @QueryParam("commandId") String commandId) {
    return feed.stream()
        .filter(e -> type == null || type.equals(e.type()))
        .filter(e -> sagaId == null || sagaId.equals(e.sagaId()))
        .filter(e -> commandId == null || commandId.equals(e.commandId()))
        .map(e -> "{\"type\":\"" + e.type() + "\",\"event\":" + e.json() + "}");
  }
}
