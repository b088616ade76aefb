package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.Fault;
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
 * CreateImage. Checks in the documented order: parameter format, resource group, ClientToken,
 * source, name uniqueness, quota; then commits the image (and, from an instance, one snapshot per
 * disk).
 */
final class CreateImageAction implements Action {
  static final String NAME = "CreateImage";

  @Override
  public Map<String, Object> execute(ActionContext ctx) {
    RequestParams params = ctx.params();
    String regionId = ctx.regionId();
    WorldState state = ctx.state();
    validateFormat(params);
    Map<String, String> tags =
        TagRules.parse(
            params,
            new ApiError(403, "QuotaExceed.Tags", "The number of tags exceeds the quota of 20."));
    String resourceGroupId = params.get("ResourceGroupId", WorldState.DEFAULT_RESOURCE_GROUP);
    ResourceGroups.require(state, resourceGroupId);
    String token = params.get("ClientToken");
    String fingerprint = Fingerprint.of(params);
    if (token != null) {
      TokenRegistry.Entry earlier = state.tokens().find(regionId, NAME, token, ctx.now());
      if (earlier != null) {
        return Map.of("ImageId", replay(ctx, earlier, fingerprint));
      }
    }
    ImageSource source = new ImageSourceResolver(state, regionId).resolve(params);
    String name = params.get("ImageName");
    if (name != null && state.region(regionId).nameInUse(name, null)) {
      throw new ApiError(
          400, "InvalidImageName.Duplicated", "The specified image name is already in use.");
    }
    if (state.liveImageCount(regionId) >= ctx.config().imageQuotaPerRegion()) {
      throw new ApiError(
          403,
          "QuotaExceed.Image",
          "The maximum number of custom images in the region is exceeded.");
    }
    ImageRecord image = commit(ctx, regionId, source, tags, resourceGroupId);
    rememberToken(ctx, regionId, NAME, token, fingerprint, image.imageId);
    return Map.of("ImageId", image.imageId);
  }

  private static void validateFormat(RequestParams params) {
    validateClientToken(params);
    ImageRules.name(params.get("ImageName"), false);
    ImageRules.description(params.get("Description"));
    ImageRules.family(params.get("ImageFamily"));
    ImageRules.version(params.get("ImageVersion"));
    ImageRules.architecture(params.get("Architecture"));
    ImageRules.platform(params.get("Platform"));
    ImageRules.bootMode(params.get("BootMode"));
    ImageRules.detectionStrategy(params.get("DetectionStrategy"));
  }

  /** At most 64 printable ASCII characters, else 400 {@code InvalidParameter}. */
  static void validateClientToken(RequestParams params) {
    String token = params.get("ClientToken");
    if (token != null
        && (token.length() > 64 || !token.chars().allMatch(c -> c >= 0x21 && c < 0x7f))) {
      throw new ApiError(400, "InvalidParameter", "The specified ClientToken is invalid.");
    }
  }

  /**
   * The resource an earlier request with the same ClientToken made, or the error a repeated token
   * gets: failed before, other parameters, or still being processed.
   */
  /**
   * Registers the ClientToken of a committed request (if it had one): in flight until its answer
   * has left, then done, so a repeat answers with the same resource.
   */
  static void rememberToken(
      ActionContext ctx,
      String regionId,
      String action,
      String token,
      String fingerprint,
      String resourceId) {
    if (token == null) {
      return;
    }
    WorldState state = ctx.state();
    TokenRegistry.Entry entry =
        state.tokens().commit(regionId, action, token, fingerprint, resourceId, ctx.now());
    ctx.afterAnswer(
        () -> {
          synchronized (state) {
            entry.state = TokenRegistry.State.DONE;
          }
        });
  }

  static String replay(ActionContext ctx, TokenRegistry.Entry earlier, String fingerprint) {
    if (earlier.state == TokenRegistry.State.FAILED) {
      throw new ApiError(
          400,
          "IdempotentFailed",
          "The previous idempotent request(s) has failed due to some unknown error.");
    }
    if (!earlier.fingerprint.equals(fingerprint)) {
      String code = ctx.config().idempotencyMismatchCode();
      int status =
          code.startsWith("InvalidParamter") || code.startsWith("InvalidIdempotence") ? 403 : 400;
      throw new ApiError(
          status,
          code,
          "The request uses the same client token as a previous, but non-identical request.");
    }
    if (earlier.state == TokenRegistry.State.PROCESSING) {
      throw new ApiError(
          403,
          ctx.config().tokenInFlightCode(),
          "The previous request with the same client token is still being processed.");
    }
    return earlier.resourceId;
  }

  private static ImageRecord commit(
      ActionContext ctx,
      String regionId,
      ImageSource source,
      Map<String, String> tags,
      String resourceGroupId) {
    RequestParams params = ctx.params();
    WorldState state = ctx.state();
    Instant now = ctx.now();
    ImageRecord image = new ImageRecord();
    image.imageId = Ids.next("m", regionId);
    image.regionId = regionId;
    image.name = params.get("ImageName", "");
    image.description = params.get("Description", "");
    image.family = params.get("ImageFamily", "");
    image.version = params.get("ImageVersion", "");
    image.architecture = params.get("Architecture", "x86_64");
    image.platform = params.get("Platform", "Others Linux");
    image.osType = image.platform.startsWith("Windows") ? "windows" : "linux";
    image.bootMode = params.get("BootMode", "UEFI-Preferred");
    image.resourceGroupId = resourceGroupId;
    image.clientToken = params.get("ClientToken");
    image.sourceInstanceId = source.instance() == null ? null : source.instance().instanceId;
    image.sizeGiB = source.systemSizeGiB();
    image.tags.putAll(tags);
    image.creationTime = now;
    image.waitingEnd = now.plus(state.timings().waiting());
    Instant creatingEnd = image.waitingEnd.plus(state.timings().creating());
    for (ImageSource.PlannedDisk disk : source.disks()) {
      String snapshotId = disk.snapshotId();
      if (disk.sourceDiskId() != null) {
        SnapshotRecord snapshot = snapshotOf(state, regionId, disk, now);
        snapshotId = snapshot.snapshotId;
        creatingEnd = snapshot.doneAt.isAfter(creatingEnd) ? snapshot.doneAt : creatingEnd;
      } else if (snapshotId != null) {
        state.region(regionId).snapshots.get(snapshotId).usage = "image";
      }
      image.mappings.add(
          new ImageRecord.DiskMapping(
              disk.device(), disk.type(), snapshotId == null ? "" : snapshotId, disk.sizeGiB()));
    }
    image.creatingEnd = creatingEnd;
    applyFaults(ctx, image);
    state.region(regionId).addImage(image);
    return image;
  }

  private static SnapshotRecord snapshotOf(
      WorldState state, String regionId, ImageSource.PlannedDisk disk, Instant now) {
    SnapshotRecord snapshot = new SnapshotRecord();
    snapshot.snapshotId = Ids.next("s", regionId);
    snapshot.regionId = regionId;
    snapshot.name = "Created for image";
    snapshot.sourceDiskId = disk.sourceDiskId();
    snapshot.sourceDiskType = DiskType.fromWire(disk.type());
    snapshot.sizeGiB = disk.sizeGiB();
    snapshot.creationTime = now;
    snapshot.doneAt = now.plus(state.timings().snapshot());
    snapshot.usage = "image";
    snapshot.resourceGroupId = WorldState.DEFAULT_RESOURCE_GROUP;
    state.region(regionId).snapshots.put(snapshot.snapshotId, snapshot);
    return snapshot;
  }

  /** Applies the image faults drawn for this call to the image it makes. */
  static void applyFaults(ActionContext ctx, ImageRecord image) {
    Fault stuck = ctx.fault(Fault.Kind.STUCK_IN_CREATING);
    Fault failing = ctx.fault(Fault.Kind.CREATE_FAILED_AT);
    Fault lagging = ctx.fault(Fault.Kind.AVAILABLE_BEFORE_USABLE);
    Fault hidden = ctx.fault(Fault.Kind.HIDDEN_AFTER_CREATE);
    image.stuckAtPercent = stuck == null ? null : stuck.amount();
    image.failAtPercent = failing == null ? null : failing.amount();
    image.usableLag = lagging == null ? image.usableLag : lagging.delay();
    image.hiddenPolls = hidden == null ? 0 : hidden.amount();
    image.endsUnavailable = ctx.fault(Fault.Kind.ENDS_UNAVAILABLE) != null;
  }
}
