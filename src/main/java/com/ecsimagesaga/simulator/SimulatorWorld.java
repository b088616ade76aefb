package com.ecsimagesaga.simulator;

import com.ecsimagesaga.simulator.world.Ids;
import com.ecsimagesaga.simulator.world.ImageRecord;
import com.ecsimagesaga.simulator.world.InstanceRecord;
import com.ecsimagesaga.simulator.world.RecordViews;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Seeding and inspection of the simulated account, for tests and the control API. Every method is
 * atomic with respect to API calls.
 */
public final class SimulatorWorld {
  private static final int SYSTEM_DISK_GIB = 40;
  private final WorldState state;
  private final Predicate<String> knownRegion;

  /** Facade over {@code state}; seeding refuses a region {@code knownRegion} does not accept. */
  public SimulatorWorld(WorldState state, Predicate<String> knownRegion) {
    this.state = state;
    this.knownRegion = knownRegion;
  }

  /**
   * The region's resources for seeding: a region the API does not know would hold resources no call
   * can reach, so seeding one is refused.
   */
  private WorldState.Region seedable(String regionId) {
    if (!knownRegion.test(regionId)) {
      throw new IllegalArgumentException(
          "unknown region "
              + regionId
              + ": the API answers InvalidRegionId.NotFound for it; add it to the simulator's regions");
    }
    return state.region(regionId);
  }

  /** Places an instance with a 40 GiB system disk and one data disk per given size (GiB). */
  public SeededInstance seedInstance(
      String regionId, String instanceId, InstanceStatus status, int... dataDiskGiB) {
    synchronized (state) {
      InstanceRecord instance = new InstanceRecord();
      instance.instanceId = instanceId;
      instance.regionId = regionId;
      instance.status = status;
      instance.creationTime = state.now();
      instance.imageId = "aliyun_3_x64_20G_alibase_20240819.vhd";
      instance.resourceGroupId = WorldState.DEFAULT_RESOURCE_GROUP;
      instance.disks.add(
          new InstanceRecord.Disk(Ids.next("d", regionId), "system", SYSTEM_DISK_GIB, "/dev/xvda"));
      List<String> dataDisks = new ArrayList<>();
      for (int i = 0; i < dataDiskGiB.length; i++) {
        String diskId = Ids.next("d", regionId);
        instance.disks.add(
            new InstanceRecord.Disk(diskId, "data", dataDiskGiB[i], "/dev/xvd" + (char) ('b' + i)));
        dataDisks.add(diskId);
      }
      seedable(regionId).addInstance(instance);
      return new SeededInstance(
          regionId, instanceId, instance.disks.get(0).diskId(), List.copyOf(dataDisks));
    }
  }

  /** Places a Running instance launched from {@code imageId}, which makes that image "in use". */
  public SeededInstance seedInstanceFromImage(String regionId, String instanceId, String imageId) {
    synchronized (state) {
      SeededInstance seeded = seedInstance(regionId, instanceId, InstanceStatus.Running);
      state.region(regionId).launchedFrom(instanceId, imageId);
      // The image is in use now: a listing filtered by Usage sees it differently.
      state.imagesEdited();
      return seeded;
    }
  }

  /** Changes an instance's status; an image being created from it fails, as on ECS. */
  public void setInstanceStatus(String regionId, String instanceId, InstanceStatus status) {
    synchronized (state) {
      state.changeInstanceStatus(instance(regionId, instanceId), status);
    }
  }

  /** Adds an operation lock ({@code security}, {@code financial} or {@code recycling}). */
  public void lockInstance(String regionId, String instanceId, String reason) {
    synchronized (state) {
      instance(regionId, instanceId).locks.put(reason, "locked for " + reason);
    }
  }

  /** Removes every operation lock of an instance. */
  public void unlockInstance(String regionId, String instanceId) {
    synchronized (state) {
      instance(regionId, instanceId).locks.clear();
    }
  }

  /** Places a snapshot with a fixed status. */
  public SnapshotView seedSnapshot(
      String regionId,
      String snapshotId,
      DiskType sourceDiskType,
      SnapshotStatus status,
      Instant creationTime,
      int sizeGiB) {
    synchronized (state) {
      SnapshotRecord snapshot = new SnapshotRecord();
      snapshot.snapshotId = snapshotId;
      snapshot.regionId = regionId;
      snapshot.sourceDiskType = sourceDiskType;
      snapshot.fixedStatus = status;
      snapshot.creationTime = creationTime;
      snapshot.doneAt = creationTime;
      snapshot.sizeGiB = sizeGiB;
      snapshot.resourceGroupId = WorldState.DEFAULT_RESOURCE_GROUP;
      seedable(regionId).snapshots.put(snapshotId, snapshot);
      return RecordViews.snapshot(snapshot, state.now());
    }
  }

  /**
   * An image made at {@code creationTime} that is Creating until {@code readyAt} and Available (and
   * usable) from then on, with these tags, as if a CreateImage had made it; no snapshots. Images
   * are kept in creation order, so seed them oldest first.
   *
   * @return the new image's id
   */
  public String seedImage(
      String regionId,
      String name,
      Map<String, String> tags,
      Instant creationTime,
      Instant readyAt) {
    synchronized (state) {
      ImageRecord image = new ImageRecord();
      image.imageId = Ids.next("m", regionId);
      image.regionId = regionId;
      image.name = name;
      image.resourceGroupId = WorldState.DEFAULT_RESOURCE_GROUP;
      image.sizeGiB = 20;
      image.tags.putAll(tags);
      image.creationTime = creationTime;
      image.waitingEnd = creationTime;
      image.creatingEnd = readyAt;
      seedable(regionId).addImage(image);
      state.imagesEdited();
      return image.imageId;
    }
  }

  /** Marks a snapshot as encrypted (CreateImage from it is then denied). */
  public void encryptSnapshot(String regionId, String snapshotId) {
    synchronized (state) {
      state.liveSnapshot(regionId, snapshotId).orElseThrow().encrypted = true;
    }
  }

  /** Adds a resource group that {@code ResourceGroupId} parameters may name. */
  public void seedResourceGroup(String resourceGroupId) {
    synchronized (state) {
      state.resourceGroups().add(resourceGroupId);
    }
  }

  /**
   * Shares or unshares an image with another account ({@code ImageUseShared} on delete while
   * shared).
   */
  public void shareImage(String regionId, String imageId, boolean shared) {
    synchronized (state) {
      state.liveImage(regionId, imageId).orElseThrow().shared = shared;
    }
  }

  /**
   * The accounts an image is shared with through ModifyImageSharePermission, in the order they were
   * added; empty for an image the region does not hold.
   */
  public List<String> sharedAccounts(String regionId, String imageId) {
    synchronized (state) {
      ImageRecord image = state.region(regionId).images.get(imageId);
      return image == null ? List.of() : List.copyOf(image.sharedAccounts.keySet());
    }
  }

  /** Every image of the region, deleted ones included, oldest first. */
  public List<ImageView> images(String regionId) {
    synchronized (state) {
      Instant now = state.now();
      return state.region(regionId).images.values().stream()
          .map(i -> RecordViews.image(i, now))
          .toList();
    }
  }

  /** One image, deleted or not. */
  public Optional<ImageView> image(String regionId, String imageId) {
    synchronized (state) {
      ImageRecord image = state.region(regionId).images.get(imageId);
      return Optional.ofNullable(image).map(i -> RecordViews.image(i, state.now()));
    }
  }

  /** Number of live (not deleted) images in the region. */
  public int imageCount(String regionId) {
    synchronized (state) {
      return (int) state.liveImageCount(regionId);
    }
  }

  /** Every snapshot of the region, deleted ones included. */
  public List<SnapshotView> snapshots(String regionId) {
    synchronized (state) {
      Instant now = state.now();
      return state.region(regionId).snapshots.values().stream()
          .map(s -> RecordViews.snapshot(s, now))
          .toList();
    }
  }

  /** Current status of an instance. */
  public InstanceStatus instanceStatus(String regionId, String instanceId) {
    synchronized (state) {
      return instance(regionId, instanceId).status;
    }
  }

  /** Forgets every instance, snapshot, image, ClientToken and seeded resource group. */
  public void reset() {
    synchronized (state) {
      state.clear();
    }
  }

  private InstanceRecord instance(String regionId, String instanceId) {
    InstanceRecord instance = state.region(regionId).instances.get(instanceId);
    if (instance == null) {
      throw new IllegalArgumentException("no instance " + instanceId + " in " + regionId);
    }
    return instance;
  }
}
