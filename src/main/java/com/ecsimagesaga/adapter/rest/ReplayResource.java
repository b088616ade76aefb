package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.ReplaySaga;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Replays one failed saga (operators only). */
@Path("/api/sagas/{id}/replay")
public class ReplayResource {

  @Inject ReplaySaga replay;
  @Inject SecurityIdentity identity;

  @POST
  @Operation(
      summary = "Replay a failed saga",
      description =
          "resume: from the failed step with a fresh retry budget and the same ClientToken; restart: from "
              + "the first step. The cloud is asked first: an image that exists is watched, not created again. 409 when "
              + "the saga is not FAILED, COMPENSATED or COMPENSATION_FAILED, or changed meanwhile.")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RequestBody(content = @Content(schema = @Schema(implementation = ReplayRequestJson.class)))
  public Uni<Response> replay(
      @PathParam("id") String id, @HeaderParam("Content-Type") String contentType, byte[] json) {
    var read = GatewayBody.read(contentType, json, ReplayRequestJson.class);
    if (!read.isValid()) {
      return Uni.createFrom()
          .item(GatewayBody.refusal(read.status(), null, "Replay", read.violations()));
    }
    ReplayRequestJson body = read.value();
    var wrong = ReplayRequestJson.violations(body.mode(), body.reason());
    if (!wrong.isEmpty()) {
      return Uni.createFrom().item(GatewayBody.refusal(422, null, "Replay", wrong));
    }
    var request =
        new ReplaySaga.Request(
            sagaId(id),
            ReplayRequestJson.mode(body.mode()),
            identity.getPrincipal().getName(),
            ReplayRequestJson.reason(body.reason()),
            "saga",
            null,
            false);
    return replay.replay(request).map(r -> Response.status(status(r.result())).entity(r).build());
  }

  private static int status(String result) {
    return switch (result) {
      case "REPLAYED" -> 200;
      case "NOT_FOUND" -> 404;
      case "REFUSED", "CONFLICT" -> 409;
      default -> 503;
    };
  }

  static UUID sagaId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("saga ids are UUIDs: " + id);
    }
  }
}
