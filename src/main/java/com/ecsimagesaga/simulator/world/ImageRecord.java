package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.ImageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable state of one custom image. Its status is not stored but derived from the clock on every
 * read, so the simulator needs no background ticking: Waiting until {@link #waitingEnd}, Creating
 * with rising progress until {@link #creatingEnd}, then Available. Faults and failures bend that
 * timeline. Guarded by the {@link WorldState} lock.
 */
public final class ImageRecord {
  public String imageId;
  public String regionId;
  public String name = "";
  public String description = "";
  public String family = "";
  public String version = "";
  public String architecture = "x86_64";
  public String platform = "Others Linux";
  public String bootMode = "UEFI-Preferred";
  public String osType = "linux";
  public String resourceGroupId;
  public String licenseType = "";
  public String nvmeSupport = "supported";
  public String sourceInstanceId;
  public String clientToken;
  public int sizeGiB;
  public Instant creationTime;
  public Instant waitingEnd;
  public Instant creatingEnd;
  public final Map<String, String> tags = new LinkedHashMap<>();
  public final List<DiskMapping> mappings = new ArrayList<>();

  /** Shared by seeding ({@code SimulatorWorld.shareImage}), without naming accounts. */
  public boolean shared;

  /**
   * Accounts the image is shared with through ModifyImageSharePermission, with the moment each was
   * added, in the order they were added.
   */
  public final Map<String, Instant> sharedAccounts = new LinkedHashMap<>();

  /** The image this one is a CopyImage copy of, or null for an image made otherwise. */
  public String copiedFromImageId;

  /** The region of {@link #copiedFromImageId}, or null. */
  public String copiedFromRegionId;

  /** Whether the image is encrypted (a copy made with {@code Encrypted=true}). */
  public boolean encrypted;

  /** The KMS key of an encrypted image; null for the service key. */
  public String kmsKeyId;

  public boolean deprecated;
  public boolean deleted;

  /** Finishes as UnAvailable instead of Available (fault). */
  public boolean endsUnavailable;

  /** Progress at which creation stops for good (stuck fault), or null. */
  public Integer stuckAtPercent;

  /** Progress at which creation fails (fault), or null. */
  public Integer failAtPercent;

  /** Moment creation failed because the source changed, or null. */
  public Instant failedAt;

  public Duration usableLag = Duration.ZERO;
  public int hiddenPolls;
  public int listedAfterDeletePolls;

  /** One entry of {@code DiskDeviceMappings}: device, system/data, snapshot and size in GiB. */
  public record DiskMapping(String device, String type, String snapshotId, int sizeGiB) {}

  /** Status and progress at {@code now}. */
  public Phase phase(Instant now) {
    Instant effectiveNow = failedAt != null && failedAt.isBefore(now) ? failedAt : now;
    if (effectiveNow.isBefore(waitingEnd)) {
      return failedAt != null
          ? new Phase(ImageStatus.CreateFailed, 0)
          : new Phase(ImageStatus.Waiting, 0);
    }
    int progress = progressAt(effectiveNow);
    if (failAtPercent != null && progress >= failAtPercent) {
      return new Phase(ImageStatus.CreateFailed, failAtPercent);
    }
    if (failedAt != null) {
      return new Phase(ImageStatus.CreateFailed, progress);
    }
    if (stuckAtPercent != null && progress >= stuckAtPercent) {
      return new Phase(ImageStatus.Creating, stuckAtPercent);
    }
    if (effectiveNow.isBefore(creatingEnd)) {
      return new Phase(ImageStatus.Creating, progress);
    }
    if (endsUnavailable) {
      return new Phase(ImageStatus.UnAvailable, 100);
    }
    return new Phase(deprecated ? ImageStatus.Deprecated : ImageStatus.Available, 100);
  }

  /** Whether instances can be launched from the image at {@code now}. */
  public boolean usable(Instant now) {
    ImageStatus status = phase(now).status();
    boolean launchable = status == ImageStatus.Available || status == ImageStatus.Deprecated;
    return launchable && !now.isBefore(creatingEnd.plus(usableLag));
  }

  /**
   * The moment the image becomes usable, derived like the status from its timeline: the end of
   * {@code Creating} plus the usable lag. {@code null} when a fault makes it never usable (it
   * fails, sticks or ends UnAvailable) or when it failed before that moment.
   */
  public Instant usableAt() {
    if (failAtPercent != null || stuckAtPercent != null || endsUnavailable) {
      return null;
    }
    Instant at = creatingEnd.plus(usableLag);
    return failedAt != null && !failedAt.isAfter(at) ? null : at;
  }

  /** Whether the image is shared with another account, by seeding or by API. */
  public boolean sharedWithOthers() {
    return shared || !sharedAccounts.isEmpty();
  }

  /** Whether the image is a copy made by CopyImage. */
  public boolean isCopy() {
    return copiedFromImageId != null;
  }

  /** Whether the image is still on its way to Available. */
  public boolean inProgress(Instant now) {
    ImageStatus status = phase(now).status();
    return status == ImageStatus.Waiting || status == ImageStatus.Creating;
  }

  private int progressAt(Instant now) {
    long total = Duration.between(waitingEnd, creatingEnd).toNanos();
    if (total <= 0 || !now.isBefore(creatingEnd)) {
      return 100;
    }
    long done = Duration.between(waitingEnd, now).toNanos();
    return (int) Math.min(99, done * 100 / total);
  }

  /** A status with its progress in percent. */
  public record Phase(ImageStatus status, int progress) {}
}
