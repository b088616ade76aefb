package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.command.RecordRules;
import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.CommandSubmitter;
import com.ecsimagesaga.port.SagaStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * a CommandRejected event's. The commands of saga kinds defined in packages of their own (copy,
 * share, unshare) take one path, {@link KindCommandGateway}.
 */
@Path("/api/commands")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

  @Inject CommandSubmitter submitter;
  @Inject SagaStore store;
  @Inject Clock clock;
  @Inject KindCommandGateway kinds;

  @POST
  @Path("/create-image")
  @Operation(summary = "Publish a CreateImage command")
  @RequestBody(content = @Content(schema = @Schema(implementation = CreateImageJson.class)))
  @APIResponse(responseCode = "202", description = "published; Location is the saga")
  @APIResponse(responseCode = "422", description = "the command breaks a rule; violations listed")
  @APIResponse(responseCode = "400", description = "not a readable CreateImage; violations listed")
  public Uni<Response> createImage(@HeaderParam("Content-Type") String contentType, byte[] body) {
    var read = GatewayBody.read(contentType, body, CreateImageJson.class);
    if (!read.isValid()) {
      return refused(read.status(), null, "CreateImage", read.violations());
    }
    String commandId = commandId(read.value().commandId());
    Instant now = clock.instant();
    var command = GatewayCommands.create(read.value(), commandId, now);
    var checked = CommandIntake.check(command, RecordRules.createKey(command), now);
    if (!checked.isValid()) {
      return refused(422, commandId, "CreateImage", checked.violations());
    }
    return submitter.submit(command).replaceWith(accepted(commandId));
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
    return aboutAnImage(
        contentType,
        body,
        UpdateImageJson.class,
        "UpdateImage",
        UpdateImageJson::commandId,
        (json, commandId, now) -> {
          var command = GatewayCommands.update(json, commandId, now);
          return new OnImage(
              command.regionId(),
              command.imageId(),
              CommandIntake.check(
                  command, RecordRules.imageKey(command.regionId(), command.imageId()), now),
              () -> submitter.submit(command));
        });
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
    return aboutAnImage(
        contentType,
        body,
        DeleteImageJson.class,
        "DeleteImage",
        DeleteImageJson::commandId,
        (json, commandId, now) -> {
          var command = GatewayCommands.delete(json, commandId, now);
          return new OnImage(
              command.regionId(),
              command.imageId(),
              CommandIntake.check(
                  command, RecordRules.imageKey(command.regionId(), command.imageId()), now),
              () -> submitter.submit(command));
        });
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

  /**
   * A command about an existing image (an update or a delete), read from its JSON: the image, the
   * command's check and how to publish it.
   */
  private record OnImage(
      String regionId, String imageId, Validated<?> checked, Supplier<Uni<Void>> publish) {}

  /** Makes the {@link OnImage} of a read body with its command id, issued at {@code now}. */
  @FunctionalInterface
  private interface OnImageCommand<J> {
    OnImage of(J json, String commandId, Instant now);
  }

  /**
   * Reads a command about an existing image, checks it and publishes it unless another saga is
   * working on that image.
   */
  private <J extends Record> Uni<Response> aboutAnImage(
      String contentType,
      byte[] body,
      Class<J> type,
      String commandType,
      Function<J, String> givenCommandId,
      OnImageCommand<J> command) {
    var read = GatewayBody.read(contentType, body, type);
    if (!read.isValid()) {
      return refused(read.status(), null, commandType, read.violations());
    }
    String commandId = commandId(givenCommandId.apply(read.value()));
    OnImage on = command.of(read.value(), commandId, clock.instant());
    return unlessBusy(
        on.checked(), on.regionId(), on.imageId(), commandId, commandType, on.publish());
  }

  /**
   * An update or delete of an image another saga is still working on is answered 409 at once, as
   * the intake would reject it. The intake still checks again: a saga may start in between.
   */
  private Uni<Response> unlessBusy(
      Validated<?> checked,
      String regionId,
      String imageId,
      String commandId,
      String commandType,
      Supplier<Uni<Void>> publish) {
    if (!checked.isValid()) {
      return refused(422, commandId, commandType, checked.violations());
    }
    return store
        .findActiveOnImage(regionId, imageId)
        .chain(
            busy ->
                busy.isPresent() && !busy.get().commandId().equals(commandId)
                    ? refused(
                        409,
                        commandId,
                        commandType,
                        List.of(CommandIntake.busy(imageId, busy.get())))
                    : publish.get().replaceWith(accepted(commandId)));
  }

  private static String commandId(String given) {
    return Optional.ofNullable(given).orElseGet(() -> UUID.randomUUID().toString());
  }

  private static Uni<Response> refused(
      int status, String commandId, String commandType, List<Violation> violations) {
    return Uni.createFrom().item(GatewayBody.refusal(status, commandId, commandType, violations));
  }

  private static Response accepted(String commandId) {
    String saga = "/api/sagas/" + CommandIntake.sagaId(commandId);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("commandId", commandId);
    body.put("sagaId", CommandIntake.sagaId(commandId).toString());
    body.put("saga", saga);
    return Response.accepted(body).location(URI.create(saga)).build();
  }
}
