package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.command.CreateImageCommand;
import com.ecsimagesaga.command.DeleteImageCommand;
import com.ecsimagesaga.command.UpdateImageCommand;
import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.port.CommandSubmitter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON gateway to the command topic for people and scripts without an Avro producer. It only
 * publishes: the command is validated and executed by the same consumer as every other command.
 */
@Path("/api/commands")
public class CommandResource {

  @Inject CommandSubmitter submitter;
  @Inject Clock clock;

  @POST
  @Path("/create-image")
  public Uni<Response> createImage(CreateImageJson body) {
    if (body == null) {
      throw new BadRequestException("a JSON CreateImage command is required");
    }
    String commandId =
        Optional.ofNullable(body.commandId()).orElseGet(() -> UUID.randomUUID().toString());
    var command =
        new CreateImageCommand(
            commandId,
            clock.instant(),
            body.regionId(),
            body.instanceId(),
            body.snapshotId(),
            Optional.ofNullable(body.diskDeviceMappings()).orElse(List.of()).stream()
                .map(m -> new DiskMapping(m.device(), m.diskType(), m.snapshotId(), m.sizeGiB()))
                .toList(),
            body.imageName(),
            body.name(),
            body.description(),
            body.architecture(),
            body.platform(),
            body.resourceGroupId(),
            Optional.ofNullable(body.tags()).orElse(List.of()).stream()
                .map(t -> new ImageTag(t.key(), t.value()))
                .toList(),
            body.bootMode(),
            body.imageFamily(),
            body.imageVersion(),
            body.detectionStrategy(),
            body.timeoutSeconds(),
            Boolean.TRUE.equals(body.deleteSnapshotsOnFailure()),
            stepTimeouts(body.stepTimeoutSeconds()));
    return submitter.submit(command).replaceWith(accepted(commandId));
  }

  @POST
  @Path("/delete-image")
  public Uni<Response> deleteImage(DeleteImageJson body) {
    if (body == null) {
      throw new BadRequestException("a JSON DeleteImage command is required");
    }
    String commandId =
        Optional.ofNullable(body.commandId()).orElseGet(() -> UUID.randomUUID().toString());
    var command =
        new DeleteImageCommand(
            commandId,
            clock.instant(),
            body.regionId(),
            body.imageId(),
            Boolean.TRUE.equals(body.force()),
            Boolean.TRUE.equals(body.deleteSnapshots()),
            stepTimeouts(body.stepTimeoutSeconds()));
    return submitter.submit(command).replaceWith(accepted(commandId));
  }

  @POST
  @Path("/update-image")
  public Uni<Response> updateImage(UpdateImageJson body) {
    if (body == null) {
      throw new BadRequestException("a JSON UpdateImage command is required");
    }
    String commandId =
        Optional.ofNullable(body.commandId()).orElseGet(() -> UUID.randomUUID().toString());
    var command =
        new UpdateImageCommand(
            commandId,
            clock.instant(),
            body.regionId(),
            body.imageId(),
            body.imageName(),
            body.description(),
            body.imageFamily(),
            body.bootMode(),
            body.deprecated(),
            Optional.ofNullable(body.addTags()).orElse(List.of()).stream()
                .map(t -> new ImageTag(t.key(), t.value()))
                .toList(),
            Optional.ofNullable(body.removeTagKeys()).orElse(List.of()),
            body.resourceGroupId(),
            stepTimeouts(body.stepTimeoutSeconds()));
    return submitter.submit(command).replaceWith(accepted(commandId));
  }

  /** Step timeouts travel as an Avro map of numbers, which has no room for a missing value. */
  private static Map<String, Integer> stepTimeouts(Map<String, Integer> given) {
    if (given != null && given.values().stream().anyMatch(Objects::isNull)) {
      throw new BadRequestException(
          "every value of stepTimeoutSeconds must be a number of seconds");
    }
    return given;
  }

  private static Response accepted(String commandId) {
    return Response.accepted(
            Map.of(
                "commandId",
                commandId,
                "sagaId",
                CommandIntake.sagaId(commandId).toString(),
                "saga",
                "/api/sagas/" + CommandIntake.sagaId(commandId)))
        .build();
  }
}
