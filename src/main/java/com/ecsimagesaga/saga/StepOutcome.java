package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.InstanceObservation;
import java.time.Instant;
import java.util.List;

/** What came back from a {@link CloudAction}. */
public sealed interface StepOutcome {

  record InstanceSeen(InstanceObservation instance) implements StepOutcome {}

  /**
   * @param status ECS snapshot status: progressing, accomplished or failed
   * @param sourceDiskType system or data
   */
  record SnapshotSeen(String snapshotId, String status, String sourceDiskType, Instant creationTime)
      implements StepOutcome {}

  /** The source (instance or snapshot) does not exist. */
  record SourceMissing(String sourceId) implements StepOutcome {}

  record ImageSubmitted(String imageId, String requestId) implements StepOutcome {}

  record ImageSeen(ImageObservation image) implements StepOutcome {}

  record ImageMissing(String imageId) implements StepOutcome {}

  record DeleteAccepted(String imageId) implements StepOutcome {}

  record SnapshotsDeleted(List<String> deleted, List<String> failed) implements StepOutcome {}

  /** A change was applied. */
  record Applied(String requestId) implements StepOutcome {}

  record Failed(CloudError error) implements StepOutcome {}

  /**
   * An image is shared with nobody any more; {@code accounts} lost it (empty: it was not shared).
   */
  record Unshared(String imageId, List<String> accounts) implements StepOutcome {

    public Unshared {
      accounts = List.copyOf(accounts);
    }
  }

  /** The accounts an image is shared with, as DescribeImageSharePermission lists them. */
  record SharesSeen(String imageId, List<String> accounts) implements StepOutcome {

    public SharesSeen {
      accounts = List.copyOf(accounts);
    }
  }
}
