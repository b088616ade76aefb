package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.util.Map;

/**
 * CancelCopyImage, called in the destination region on a copy still being made: the unfinished copy
 * is deleted (with its snapshots), the source stays as it is. An image that is not a copy answers
 * 400 {@code ImageCreatedNotFromCopy}, a copy that is finished or failed 400 {@code
 * IncorrectImageStatus}, an id the region does not hold 404 {@code InvalidImageId.NotFound}.
 */
final class CancelCopyImageAction implements Action {
  static final String NAME = "CancelCopyImage";

  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    String regionId = ctx.regionId();
    String imageId = ctx.params().required("ImageId");
    WorldState state = ctx.state();
    ImageRecord copy =
        state
            .liveImage(regionId, imageId)
            .orElseThrow(
                () ->
                    new ApiError(
                        404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
    if (!copy.isCopy()) {
      throw new ApiError(
          400, "ImageCreatedNotFromCopy", "The specified image is not created from copying.");
    }
    if (!copy.inProgress(ctx.now())) {
      throw new ApiError(
          400, "IncorrectImageStatus", "The specified image copy is not in progress.");
    }
    state.region(regionId).deleteImage(copy);
    for (ImageRecord.DiskMapping mapping : copy.mappings) {
      state.liveSnapshot(regionId, mapping.snapshotId()).ifPresent(s -> s.deleted = true);
    }
    return Map.of();
  }
}
