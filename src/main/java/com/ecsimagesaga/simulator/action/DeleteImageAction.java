package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.world.ImageRecord;
import java.util.Map;
import java.util.Optional;

/**
 * DeleteImage. An unknown id is ignored (200) as the current documentation says, or 404 when
 * configured. An image used by instances needs {@code Force=true}; a shared image cannot be deleted
 * at all. The image's snapshots survive. An image still being created is deleted, which cancels its
 * creation, unless the older documented behaviour (403 {@code ImageIsCreating}) is configured. A
 * CopyImage copy still being made, and the source of one, answer 403 {@code
 * OperationDenied.ImageCopying}: the copy is cancelled with CancelCopyImage instead.
 */
final class DeleteImageAction implements Action {
  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    String regionId = ctx.regionId();
    String imageId = ctx.params().required("ImageId");
    Optional<ImageRecord> found = ctx.state().liveImage(regionId, imageId);
    if (found.isEmpty()) {
      if (ctx.config().deleteUnknownImageFails()) {
        throw new ApiError(404, "InvalidImageId.NotFound", "The specified ImageId does not exist.");
      }
      return Map.of();
    }
    ImageRecord image = found.get();
    if (image.sharedWithOthers()) {
      throw new ApiError(
          403,
          "ImageUseShared",
          "The specified image has been shared to other accounts; cancel sharing first.");
    }
    if ((image.isCopy() && image.inProgress(ctx.now()))
        || ctx.state().copyInProgress(regionId, imageId, ctx.now())) {
      // A copy being made can only be cancelled (CancelCopyImage), and its source stays until the
      // copy is done.
      throw new ApiError(
          403,
          "OperationDenied.ImageCopying",
          "The operation is denied while the image is copying.");
    }
    boolean inUse = ctx.state().region(regionId).imageInUse(imageId);
    if (inUse && !ctx.params().bool("Force")) {
      throw new ApiError(
          403,
          "ImageUsingByInstance",
          "The specified image is being used by instances. "
              + "You can use the DescribeInstances API to query these instances, or you can use the force parameter.");
    }
    if (ctx.config().deleteCreatingImageFails() && image.inProgress(ctx.now())) {
      throw new ApiError(
          403, "ImageIsCreating", "The specified image is being created, please try again later.");
    }
    ctx.state().region(regionId).deleteImage(image);
    Fault listed = ctx.fault(Fault.Kind.LISTED_AFTER_DELETE);
    image.listedAfterDeletePolls = listed == null ? 0 : listed.amount();
    return Map.of();
  }
}
