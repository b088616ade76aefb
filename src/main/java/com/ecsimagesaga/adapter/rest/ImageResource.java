package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.port.ImageQuery;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;

/**
 * The current attributes of any image by id: the alicloud resource's "look up an existing image".
 */
@Path("/api/images")
public class ImageResource {

  @Inject ImageQuery lookup;

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

  @GET
  @Path("/{regionId}/{imageId}")
  public Uni<ImageView> byId(
      @PathParam("regionId") String regionId, @PathParam("imageId") String imageId) {
    return lookup
        .find(regionId, imageId)
        .map(
            found ->
                found
                    .map(ImageView::of)
                    .orElseThrow(
                        () -> new NotFoundException("no image " + imageId + " in " + regionId)));
  }
}
