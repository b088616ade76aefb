package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.CommandSubmitter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A JSON gateway to the command topic for people and scripts without an Avro producer. It checks a
 * command with the rules the intake applies (so a command the intake would reject is answered at
 * once, 4xx with every violation, and never published) and publishes it under the key every
 * producer uses; the command is executed by the same consumer as every other command.
 *
 * <p>Answers: 202 with {@code Location} of the saga; 400 for a body that is not a readable command
 * (not JSON, unknown fields, values of the wrong type); 415 for another media type; 413 for a body
 * over {@link GatewayBody#MAX_BYTES}; 422 for a command that breaks a rule; 409 for an update or
 * delete of an image another saga is working on. Every refusal lists its violations in the shape of
 * a CommandRejected event's. Every command takes one path, {@link KindCommandGateway}.
 */
@Path("/api/commands")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

  @Inject CommandSubmitter submitter;
  @Inject KindCommandGateway kinds;

  @POST
  @Path("/create-image")
  @Operation(summary = "Publish a CreateImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = CreateImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable CreateImage; violations listed")
  public Uni<Response> createImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, CreateImageJson.class, GatewayCommands::create, submitter::submit);
  }

  @POST
  @Path("/update-image")
  @Operation(summary = "Publish an UpdateImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = UpdateImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "409", description = "another saga is working on the image")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable UpdateImage; violations listed")
  public Uni<Response> updateImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, UpdateImageJson.class, GatewayCommands::update, submitter::submit);
  }

  @POST
  @Path("/delete-image")
  @Operation(summary = "Publish a DeleteImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = DeleteImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "409", description = "another saga is working on the image")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable DeleteImage; violations listed")
  public Uni<Response> deleteImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, DeleteImageJson.class, GatewayCommands::delete, submitter::submit);
  }

  @POST
  @Path("/kinds/{type}")
  @Operation(
      summary = "Publish a command of any saga kind, in the shape of the kind's own command",
      description =
          "For every registered kind, including those with no endpoint of their own: {type} is the"
              + " saga type (GET /api/me lists them), the body the kind's command by field name;"
              + " commandId may be left out, issuedAt is the gateway's.")
  @APIResponse(responseCode = "202", description = "published; Location is the first saga")
  @APIResponse(responseCode = "404", description = "no saga kind of that type")
  @APIResponse(responseCode = "409", description = "another saga is working on the image")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable command; violations listed")
  public Uni<Response> kindCommand(
      @PathParam("type") String type,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    return kinds.submitAsKind(type, contentType, body, submitter::submit);
  }

  @POST
  @Path("/copy-image")
  @Operation(
      summary = "Publish a CopyImage command",
      description = "One saga per destination region; the answer lists them (sagaIds, sagas).")
  @RequestBody(content = @Content(schema = @Schema(implementation = CopyImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the first saga")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable CopyImage; violations listed")
  public Uni<Response> copyImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, CopyImageJson.class, GatewayCommands::copy, submitter::submit);
  }

  @POST
  @Path("/share-image")
  @Operation(summary = "Publish a ShareImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = ShareImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable ShareImage; violations listed")
  public Uni<Response> shareImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, ShareImageJson.class, GatewayCommands::share, submitter::submit);
  }

  @POST
  @Path("/unshare-image")
  @Operation(summary = "Publish an UnshareImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = UnshareImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable UnshareImage; violations listed")
  public Uni<Response> unshareImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    return kinds.submit(
        contentType, body, UnshareImageJson.class, GatewayCommands::unshare, submitter::submit);
  }
}
