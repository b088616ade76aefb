package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.port.EmittedEvent;
import com.ecsimagesaga.port.RejectedCommands;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaPage;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.port.SagaStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Looks up sagas by id or by the command that started them, searches them, and shows their history.
 */
@Path("/api/sagas")
public class SagaResource {

  @Inject SagaStore store;
  @Inject SagaQueries queries;
  @Inject RejectedCommands rejected;
  @Inject com.ecsimagesaga.config.SagaConfig config;

  @GET
  @Path("/{id}")
  @Operation(summary = "One saga")
  public Uni<Response> byId(@PathParam("id") String id) {
    UUID sagaId = ReplayResource.sagaId(id);
    return store
        .find(sagaId)
        .chain(
            s ->
                s.isPresent()
                    ? Uni.createFrom().item(Response.ok(SagaView.of(s.get(), config.stuckAfter())))
                    : rejectedOr404(sagaId, "no saga " + id))
        .map(Response.ResponseBuilder::build);
  }

  /**
   * A saga that never started because the intake rejected its command: the link the JSON gateway
   * gave says so, and why, with status {@code REJECTED}.
   */
  private Uni<Response.ResponseBuilder> rejectedOr404(UUID sagaId, String notFound) {
    return rejected
        .bySagaId(sagaId)
        .map(
            r ->
                Response.ok(
                    RejectedCommandView.of(r.orElseThrow(() -> new NotFoundException(notFound)))));
  }

  @GET
  @Path("/{id}/timeline")
  @Operation(
      summary =
          "A saga's compact timeline: one entry per step run (polls and retries folded in), and its replays")
  public Uni<TimelineView> timeline(@PathParam("id") String id) {
    UUID sagaId = ReplayResource.sagaId(id);
    return store
        .find(sagaId)
        .chain(
            s ->
                s.isEmpty()
                    ? Uni.createFrom().failure(new NotFoundException("no saga " + id))
                    : queries
                        .history(sagaId)
                        .chain(
                            runs ->
                                queries.replays(sagaId).map(r -> TimelineView.of(id, runs, r))));
  }

  @GET
  @Operation(
      summary = "The saga of a command (commandId), or a search, newest first, one page at a time",
      description =
          "With commandId: that command's saga, as before. Otherwise every filter that is set must match; "
              + "status may repeat or be comma-separated; from/to are ISO-8601 instants on the creation time; pass the "
              + "returned 'next' as cursor for the following page. imageName matches any part of the image name "
              + "(any case); sort=started (default) or sort=lastChange orders by creation or last change.")
  public Uni<Response> search(
      @QueryParam("commandId") String commandId,
      @QueryParam("status") List<String> status,
      @QueryParam("type") String type,
      @QueryParam("regionId") String regionId,
      @QueryParam("errorCode") String errorCode,
      @QueryParam("imageId") String imageId,
      @QueryParam("source") String source,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("imageName") String imageName,
      @QueryParam("sort") @DefaultValue("started") String sort,
      @QueryParam("pageSize") @DefaultValue("50") int pageSize,
      @QueryParam("cursor") String cursor) {
    if (commandId != null && !commandId.isBlank()) {
      return store
          .findByCommandId(commandId)
          .chain(
              s ->
                  s.isPresent()
                      ? Uni.createFrom()
                          .item(Response.ok(SagaView.of(s.get(), config.stuckAfter())))
                      : rejectedOr404(
                          CommandIntake.sagaId(commandId), "no saga for command " + commandId))
          .map(Response.ResponseBuilder::build);
    }
    if (pageSize < 1 || pageSize > 500) {
      throw new BadRequestException("EIS-6205 pageSize must be between 1 and 500");
    }
    List<String> statuses =
        status == null
            ? List.of()
            : status.stream()
                .flatMap(s -> List.of(s.split(",")).stream())
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    var filter =
        new SagaFilter(
            statuses,
            type,
            regionId,
            errorCode,
            imageId,
            source,
            instant("from", from),
            instant("to", to),
            imageName);
    return queries
        .search(filter, order(sort), pageSize, SagaPageView.decode(cursor))
        .map(p -> Response.ok(SagaPageView.of(p)).build());
  }

  @GET
  @Path("/{id}/input")
  @Operation(
      summary = "What a saga was asked to do: the command's content as stored (it holds no secret)")
  public Uni<SagaInputView> input(@PathParam("id") String id) {
    UUID sagaId = ReplayResource.sagaId(id);
    return store
        .find(sagaId)
        .map(
            s ->
                s.map(SagaInputView::of).orElseThrow(() -> new NotFoundException("no saga " + id)));
  }

  @GET
  @Path("/{id}/events")
  @Operation(summary = "The events a saga emitted, oldest first, with when each was published")
  public Uni<List<EmittedEvent>> events(@PathParam("id") String id) {
    UUID sagaId = ReplayResource.sagaId(id);
    return store
        .find(sagaId)
        .chain(
            s ->
                s.isEmpty()
                    ? Uni.createFrom().failure(new NotFoundException("no saga " + id))
                    : queries.events(sagaId));
  }

  private static SagaPage.Order order(String sort) {
    return switch (sort) {
      case "started" -> SagaPage.Order.STARTED;
      case "lastChange" -> SagaPage.Order.LAST_CHANGE;
      default ->
          throw new BadRequestException(
              "EIS-6207 sort must be 'started' or 'lastChange', not '" + sort + "'");
    };
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "EIS-6206 " + name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
