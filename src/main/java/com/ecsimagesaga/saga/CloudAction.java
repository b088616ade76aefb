package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.image.ImageTag;
import java.util.List;

/** The one cloud call a saga step needs; the coordinator performs it and reports a {@link StepOutcome}. */
public sealed interface CloudAction {

  String regionId();

  record DescribeInstance(String regionId, String instanceId) implements CloudAction {}

  record DescribeSnapshot(String regionId, String snapshotId) implements CloudAction {}

  /** CreateImage with the saga's ClientToken and the service's own tags added to the user's. */
  record SubmitCreateImage(String regionId, ImageSpec spec, String clientToken, List<ImageTag> serviceTags)
      implements CloudAction {}

  record ObserveImage(String regionId, String imageId) implements CloudAction {}

  record SubmitDeleteImage(String regionId, String imageId, boolean force) implements CloudAction {}

  record DeleteSnapshots(String regionId, List<String> snapshotIds) implements CloudAction {}
}
