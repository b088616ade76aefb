package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one cloud call a saga step needs; the coordinator performs it and reports a {@link
 * StepOutcome}.
 */
public sealed interface CloudAction {

  String regionId();

  record DescribeInstance(String regionId, String instanceId) implements CloudAction {}

  record DescribeSnapshot(String regionId, String snapshotId) implements CloudAction {}

  /** CreateImage with the saga's ClientToken and the service's own tags added to the user's. */
  record SubmitCreateImage(
      String regionId, ImageSpec spec, String clientToken, List<ImageTag> serviceTags)
      implements CloudAction {}

  /**
   * Looks at one image.
   *
   * @param ownSince when set, the image was made by this service (it carries the saga tag) no
   *     earlier than this instant, so the look can be answered from one listing of all such images
   *     in the region, shared with every other saga polling at the same moment
   */
  record ObserveImage(String regionId, String imageId, Instant ownSince) implements CloudAction {

    public ObserveImage(String regionId, String imageId) {
      this(regionId, imageId, null);
    }
  }

  /**
   * Looks for the image a saga may have made without learning its id (a CreateImage whose answer
   * was lost), by the saga tag every image of the service carries, in every status.
   *
   * @param exceptImageId an image of the saga already deleted, not to be reported again while ECS
   *     may still list it; null when none
   */
  record FindImageBySagaTag(String regionId, UUID sagaId, String exceptImageId)
      implements CloudAction {}

  record SubmitDeleteImage(String regionId, String imageId, boolean force) implements CloudAction {}

  /**
   * ModifyImageAttribute; null fields are left as they are.
   *
   * @param status {@code Deprecated}, {@code Available}, or null
   */
  record ModifyImageAttributes(
      String regionId,
      String imageId,
      String imageName,
      String description,
      String imageFamily,
      String bootMode,
      String status)
      implements CloudAction {}

  record TagImage(String regionId, String imageId, List<ImageTag> tags) implements CloudAction {}

  record UntagImage(String regionId, String imageId, List<String> tagKeys) implements CloudAction {}

  record JoinResourceGroup(String regionId, String imageId, String resourceGroupId)
      implements CloudAction {}

  record DeleteSnapshots(String regionId, List<String> snapshotIds) implements CloudAction {}

  /**
   * CopyImage, called in the source region: ECS starts a copy of {@code imageId} in {@code
   * destinationRegionId}, answers with the new image's id at once and builds it asynchronously (the
   * copy is listed in the destination region as Creating with a progress, then Available).
   *
   * @param regionId the source region (where the call is made)
   * @param imageName name of the copy, or null for ECS's default
   * @param description description of the copy, or null
   * @param encrypted whether the copy is encrypted
   * @param kmsKeyId the KMS key of an encrypted copy, or null for the default key
   * @param tags the user's tags and the service's own tags (the saga tag among them), put on the
   *     copy
   * @param clientToken idempotency token of this destination, stored before the first call
   */
  record CopyImage(
      String regionId,
      String imageId,
      String destinationRegionId,
      String imageName,
      String description,
      boolean encrypted,
      String kmsKeyId,
      List<ImageTag> tags,
      String clientToken)
      implements CloudAction {

    public CopyImage {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /**
   * CancelCopyImage, called in the destination region on the copy that is still being made; ECS
   * removes the unfinished copy.
   */
  record CancelCopyImage(String regionId, String imageId) implements CloudAction {}

  /**
   * ModifyImageSharePermission: shares a custom image with other Alibaba Cloud accounts and stops
   * sharing it with others (at most 10 accounts each way per call).
   */
  record ModifyImageSharePermission(
      String regionId, String imageId, List<String> addAccounts, List<String> removeAccounts)
      implements CloudAction {

    public ModifyImageSharePermission {
      addAccounts = addAccounts == null ? List.of() : List.copyOf(addAccounts);
      removeAccounts = removeAccounts == null ? List.of() : List.copyOf(removeAccounts);
    }
  }

  /** DescribeImageSharePermission: the accounts an image is shared with. */
  record DescribeImageSharePermission(String regionId, String imageId) implements CloudAction {}

  /**
   * Stops sharing an image with every account: DescribeImageSharePermission, then
   * ModifyImageSharePermission removing the accounts it lists, ten a call. Each call is idempotent,
   * so a retry after a partial failure lists what is left and removes that.
   */
  record UnshareFromAll(String regionId, String imageId) implements CloudAction {}
}
