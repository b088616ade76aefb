package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.Fingerprint;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.Ids;
import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import com.ecsimagesaga.simulator.world.TokenRegistry;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.Map;

/**
 * CopyImage, called in the source region ({@code RegionId}): answers the new image's id at once and
 * builds the copy in {@code DestinationRegionId}, where it is Waiting, then Creating with a
 * progress, then Available, on the same timeline as a created image. Checks in this order:
 * parameter format, destination, ClientToken, source image, name, quota.
 */
final class CopyImageAction implements Action {
  static final String NAME = "CopyImage";

  /** Progress at which a copy into a failing destination region turns CreateFailed. */
  static final int FAILING_COPY_PERCENT = 50;

  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    RequestParams params = ctx.params();
    String sourceRegion = ctx.regionId();
    WorldState state = ctx.state();
    String sourceId = params.required("ImageId");
    String destination = params.required("DestinationRegionId");
    validateFormat(params);
    Map<String, String> tags =
        TagRules.parse(
            params,
            new ApiError(403, "QuotaExceed.Tags", "The number of tags exceeds the quota of 20."));
    String resourceGroupId = params.get("ResourceGroupId", WorldState.DEFAULT_RESOURCE_GROUP);
    ResourceGroups.require(state, resourceGroupId);
    if (!ctx.config().regions().contains(destination)) {
      throw new ApiError(400, "DestinationRegion.NotFound", "The destination region not found");
    }
    if (destination.equals(sourceRegion)) {
      throw new ApiError(
          403,
          "IncorrectDestinationRegion",
          "The destination region is not equal the target region.");
    }
    String token = params.get("ClientToken");
    String fingerprint = Fingerprint.of(params);
    if (token != null) {
      TokenRegistry.Entry earlier = state.tokens().find(sourceRegion, NAME, token, ctx.now());
      if (earlier != null) {
        return Map.of("ImageId", CreateImageAction.replay(ctx, earlier, fingerprint));
      }
    }
    ImageRecord source =
        state
            .liveImage(sourceRegion, sourceId)
            .orElseThrow(
                () ->
                    new ApiError(
                        404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
    if (source.phase(ctx.now()).status() != ImageStatus.Available) {
      throw new ApiError(400, "IncorrectImageStatus", "The image not available.");
    }
    String name = params.get("DestinationImageName");
    if (name != null && state.region(destination).nameInUse(name, null)) {
      throw new ApiError(400, "InvalidImageName.Duplicated", "The destination image is exist.");
    }
    if (state.liveImageCount(destination) >= ctx.config().imageQuotaPerRegion()) {
      throw new ApiError(403, "QuotaExceed.Image", "The Image Quota exceeds.");
    }
    ImageRecord copy = commit(ctx, source, destination, tags, resourceGroupId);
    CreateImageAction.rememberToken(ctx, sourceRegion, NAME, token, fingerprint, copy.imageId);
    return Map.of("ImageId", copy.imageId);
  }

  private static void validateFormat(RequestParams params) {
    CreateImageAction.validateClientToken(params);
    ImageRules.name(params.get("DestinationImageName"), true);
    ImageRules.description(params.get("DestinationDescription"));
    String encrypted = params.get("Encrypted");
    if (encrypted != null && !"true".equals(encrypted) && !"false".equals(encrypted)) {
      throw ApiError.invalid("Encrypted");
    }
    if (params.get("KMSKeyId") != null && !params.bool("Encrypted")) {
      throw new ApiError(
          400,
          "InvalidParameter.EncryptedIllegal",
          "The specified parameter Encrypted must be true when kmsKeyId is not empty.");
    }
  }

  private static ImageRecord commit(
      ActionContext ctx,
      ImageRecord source,
      String destination,
      Map<String, String> tags,
      String resourceGroupId) {
    RequestParams params = ctx.params();
    WorldState state = ctx.state();
    Instant now = ctx.now();
    ImageRecord copy = new ImageRecord();
    copy.imageId = Ids.next("m", destination);
    copy.regionId = destination;
    copy.name = params.get("DestinationImageName", source.name);
    copy.description = params.get("DestinationDescription", source.description);
    copy.family = source.family;
    copy.version = source.version;
    copy.architecture = source.architecture;
    copy.platform = source.platform;
    copy.osType = source.osType;
    copy.bootMode = source.bootMode;
    copy.licenseType = source.licenseType;
    copy.nvmeSupport = source.nvmeSupport;
    copy.sizeGiB = source.sizeGiB;
    copy.resourceGroupId = resourceGroupId;
    copy.clientToken = params.get("ClientToken");
    copy.copiedFromImageId = source.imageId;
    copy.copiedFromRegionId = source.regionId;
    copy.encrypted = params.bool("Encrypted") || source.encrypted;
    copy.kmsKeyId = params.get("KMSKeyId");
    copy.tags.putAll(tags);
    copy.creationTime = now;
    copy.waitingEnd = now.plus(state.timings().waiting());
    copy.creatingEnd = copy.waitingEnd.plus(state.timings().creating());
    for (ImageRecord.DiskMapping mapping : source.mappings) {
      String snapshotId = snapshotOf(state, destination, mapping, copy).snapshotId;
      copy.mappings.add(
          new ImageRecord.DiskMapping(
              mapping.device(), mapping.type(), snapshotId, mapping.sizeGiB()));
    }
    CreateImageAction.applyFaults(ctx, copy);
    if (copy.failAtPercent == null && ctx.config().failingCopyRegions().contains(destination)) {
      copy.failAtPercent = FAILING_COPY_PERCENT;
    }
    state.addCopy(copy);
    return copy;
  }

  /** The copy's own snapshot of one disk, in the destination region, done with the copy. */
  private static SnapshotRecord snapshotOf(
      WorldState state, String destination, ImageRecord.DiskMapping mapping, ImageRecord copy) {
    SnapshotRecord snapshot = new SnapshotRecord();
    snapshot.snapshotId = Ids.next("s", destination);
    snapshot.regionId = destination;
    snapshot.name = "Copied for image " + copy.imageId;
    snapshot.sourceDiskType = DiskType.fromWire(mapping.type());
    snapshot.sizeGiB = mapping.sizeGiB();
    snapshot.creationTime = copy.creationTime;
    snapshot.doneAt = copy.creatingEnd;
    snapshot.encrypted = copy.encrypted;
    snapshot.usage = "image";
    snapshot.resourceGroupId = WorldState.DEFAULT_RESOURCE_GROUP;
    state.region(destination).snapshots.put(snapshot.snapshotId, snapshot);
    return snapshot;
  }
}
