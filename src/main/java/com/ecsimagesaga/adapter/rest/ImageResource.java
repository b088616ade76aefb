package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.port.ImageQuery;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaKind.ImageEffect;
import com.ecsimagesaga.saga.SagaStatus;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current attributes of any image by id: the alicloud resource's "look up an existing image".
 * An image ECS does not list is answered 404 with a body that says which: one a saga of this
 * service made and nothing here deleted ({@code VANISHED}: deleted behind the service's back, or a
 * simulator that forgot its images on restart), or one this service never knew ({@code NOT_FOUND}).
 */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

  @Inject ImageQuery lookup;
  @Inject SagaQueries queries;

  /** An image as ECS reports it now. */
  public record ImageView(
      String imageId,
      String imageName,
      String status,
      int progress,
      boolean usable,
      List<String> snapshotIds,
      Map<String, String> tags,
      Map<String, String> attributes) {

    static ImageView of(ImageObservation o) {
      return new ImageView(
          o.imageId(),
          o.imageName(),
          o.state().ecsName(),
          o.progress(),
          o.usable(),
          o.snapshotIds(),
          o.tags(),
          o.attributes());
    }
  }

  /**
   * An image ECS does not list.
   *
   * @param status {@code VANISHED} when a saga of this service made it and none deleted it, else
   *     {@code NOT_FOUND}
   * @param sagaId the saga that made it, for {@code VANISHED}
   */
  public record MissingImageView(
      String imageId,
      String regionId,
      boolean found,
      String status,
      String sagaId,
      String message) {}

  @GET
  @Path("/{regionId}/{imageId}")
  public Uni<Response> byId(
      @PathParam("regionId") String regionId, @PathParam("imageId") String imageId) {
    return lookup
        .find(regionId, imageId)
        .chain(
            found ->
                found.isPresent()
                    ? Uni.createFrom().item(Response.ok(ImageView.of(found.get())).build())
                    : missing(regionId, imageId));
  }

  private Uni<Response> missing(String regionId, String imageId) {
    var filter = new SagaFilter(List.of(), null, regionId, null, imageId, null, null, null);
    return queries
        .search(filter, 20, null)
        .map(
            page -> {
              Optional<Saga> made =
                  page.sagas().stream()
                      .filter(
                          s ->
                              KindRegistry.kinds().of(s.type()).imageEffect() == ImageEffect.MAKES
                                  && s.status() == SagaStatus.SUCCEEDED)
                      .findFirst();
              boolean deletedHere =
                  page.sagas().stream()
                      .anyMatch(
                          s ->
                              KindRegistry.kinds().of(s.type()).imageEffect() == ImageEffect.DELETES
                                  && s.status() == SagaStatus.SUCCEEDED);
              MissingImageView view =
                  made.isPresent() && !deletedHere
                      ? new MissingImageView(
                          imageId,
                          regionId,
                          false,
                          "VANISHED",
                          made.get().id().toString(),
                          "saga "
                              + made.get().id()
                              + " created this image, and no saga of this service deleted it,"
                              + " but ECS no longer lists it: it was deleted outside this service"
                              + " (or the local simulator was restarted, which forgets its images)")
                      : new MissingImageView(
                          imageId,
                          regionId,
                          false,
                          "NOT_FOUND",
                          null,
                          "ECS lists no image " + imageId + " in " + regionId);
              return Response.status(404).entity(view).build();
            });
  }
}
