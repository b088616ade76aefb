package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.InstanceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the simulated account owns, per region. All access happens while holding this object's
 * monitor ({@code synchronized (state)}), which keeps the model simple and every API call atomic.
 */
public final class WorldState {
  /** Id of the resource group every account has. */
  public static final String DEFAULT_RESOURCE_GROUP = "rg-acfmdefault00001";

  private final Map<String, Region> regions = new HashMap<>();
  private final Map<String, List<ImageRecord>> copiesBySource = new HashMap<>();
  private final Set<String> resourceGroups = new LinkedHashSet<>();
  private final TokenRegistry tokens;
  private final Timings timings;

  /** Empty world living on {@code timings}, remembering ClientTokens for {@code tokenRetention}. */
  public WorldState(Timings timings, Duration tokenRetention) {
    this.timings = timings;
    this.tokens = new TokenRegistry(tokenRetention);
    resourceGroups.add(DEFAULT_RESOURCE_GROUP);
  }

  /**
   * The resources of one region; created on first use. Images are read from {@link #images} but
   * added, deleted and renamed through this class, which keeps the count of live images and of the
   * names they use: CreateImage checks both on every call, and a scan of every image for them made
   * each call cost as much as the images the region ever had. For the same reason it keeps the
   * images in creation order, so DescribeImages reads them newest first without sorting them all.
   */
  public static final class Region {
    public final Map<String, ImageRecord> images = new LinkedHashMap<>();
    public final Map<String, SnapshotRecord> snapshots = new LinkedHashMap<>();

    /** The region's instances, to read; one is placed with {@link #addInstance}. */
    public final Map<String, InstanceRecord> instances = new LinkedHashMap<>();

    private final Map<String, Integer> liveNames = new HashMap<>();
    private final Map<String, Integer> instancesByImage = new HashMap<>();
    private final List<ImageRecord> byCreation = new ArrayList<>();
    private long liveImages;
    private ListingCount lastCount;

    /**
     * Places an instance; the image it was launched from ({@code imageId}) counts as in use. Every
     * instance enters here, so that whether an image is in use is read in constant time rather than
     * by walking every instance of the region on each DescribeImages.
     */
    public void addInstance(InstanceRecord instance) {
      InstanceRecord before = instances.put(instance.instanceId, instance);
      if (before != null && before.imageId != null) {
        instancesByImage.merge(before.imageId, -1, (a, b) -> a + b == 0 ? null : a + b);
      }
      if (instance.imageId != null) {
        instancesByImage.merge(instance.imageId, 1, Integer::sum);
      }
    }

    /** Says an instance runs from {@code imageId} now. */
    public void launchedFrom(String instanceId, String imageId) {
      InstanceRecord instance = instances.get(instanceId);
      if (instance.imageId != null) {
        instancesByImage.merge(instance.imageId, -1, (a, b) -> a + b == 0 ? null : a + b);
      }
      instance.imageId = imageId;
      instancesByImage.merge(imageId, 1, Integer::sum);
    }

    /** Whether an instance of the region was launched from the image. */
    public boolean imageInUse(String imageId) {
      return instancesByImage.containsKey(imageId);
    }

    /** Adds a new, live image whose creation time is set. */
    public void addImage(ImageRecord image) {
      if (image.deleted || images.putIfAbsent(image.imageId, image) != null) {
        throw new IllegalStateException("image " + image.imageId + " is not new and live");
      }
      int at = insertionPoint(image.creationTime);
      if (at < byCreation.size()) {
        // Made earlier than an image already listed (a clock moved back): counts are redone.
        lastCount = null;
      }
      byCreation.add(at, image);
      liveImages++;
      liveNames.merge(image.name, 1, Integer::sum);
    }

    /** Marks a live image deleted. */
    public void deleteImage(ImageRecord image) {
      if (image.deleted) {
        return;
      }
      image.deleted = true;
      lastCount = null;
      liveImages--;
      liveNames.computeIfPresent(image.name, (n, count) -> count == 1 ? null : count - 1);
    }

    /** Gives a live image another name. */
    public void renameImage(ImageRecord image, String name) {
      lastCount = null;
      if (!image.deleted) {
        liveNames.computeIfPresent(image.name, (n, count) -> count == 1 ? null : count - 1);
        liveNames.merge(name, 1, Integer::sum);
      }
      image.name = name;
    }

    /** Whether a live image other than {@code except} (which may be null) has this name. */
    public boolean nameInUse(String name, ImageRecord except) {
      int users = liveNames.getOrDefault(name, 0);
      boolean exceptHasIt = except != null && !except.deleted && name.equals(except.name);
      return users > (exceptHasIt ? 1 : 0);
    }

    /** Number of live images. */
    public long liveImageCount() {
      return liveImages;
    }

    /**
     * Every image the region had, deleted ones too, oldest first; images created at the same
     * instant in the order they were added.
     */
    public List<ImageRecord> imagesByCreation() {
      return Collections.unmodifiableList(byCreation);
    }

    /**
     * The remembered count of a listing query, if it was taken from the same index and no image was
     * changed since ({@code edits} is the world's current {@link WorldState#imageEdits()}).
     */
    public ListingCount listingCount(Object query, int from, long edits) {
      ListingCount known = lastCount;
      return known != null
              && known.query().equals(query)
              && known.from() == from
              && known.edits() == edits
              && known.countedTo() <= byCreation.size()
          ? known
          : null;
    }

    /** Remembers the count of a listing query (one per region: the last one counted). */
    public void rememberCount(ListingCount count) {
      lastCount = count;
    }

    /** The index of the first image created at or after {@code from}. */
    public int firstCreatedAtOrAfter(Instant from) {
      int low = 0;
      int high = byCreation.size();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (byCreation.get(mid).creationTime.isBefore(from)) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }

    /** After every image created at or before {@code time}: the end, for an image created now. */
    private int insertionPoint(Instant time) {
      int high = byCreation.size();
      if (high == 0 || !byCreation.get(high - 1).creationTime.isAfter(time)) {
        return high;
      }
      int low = 0;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (byCreation.get(mid).creationTime.isAfter(time)) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low;
    }
  }

  /**
   * How many images of a listing query matched among the images from index {@code from} (in
   * creation order) up to {@code countedTo}, when the world's image edits stood at {@code edits}.
   */
  public record ListingCount(Object query, int from, int countedTo, long edits, int count) {}

  private long imageEdits;

  /**
   * How many times an API call may have changed an existing image in a way a listing sees (its
   * name, tags, group, deletion): every call but those that only read or only add images.
   */
  public long imageEdits() {
    return imageEdits;
  }

  /** Counts a call that may have changed existing images; remembered listing counts are redone. */
  public void imagesEdited() {
    imageEdits++;
  }

  /** The region's resources, creating an empty region if needed. */
  public Region region(String regionId) {
    return regions.computeIfAbsent(regionId, r -> new Region());
  }

  /** Time and speed. */
  public Timings timings() {
    return timings;
  }

  /** Current simulated time. */
  public Instant now() {
    return timings.now();
  }

  /** ClientToken memory. */
  public TokenRegistry tokens() {
    return tokens;
  }

  /** Resource groups of the account (the default group is always present). */
  public Set<String> resourceGroups() {
    return resourceGroups;
  }

  /** A live (not deleted) image. */
  public Optional<ImageRecord> liveImage(String regionId, String imageId) {
    return Optional.ofNullable(region(regionId).images.get(imageId)).filter(i -> !i.deleted);
  }

  /** A live (not deleted) snapshot. */
  public Optional<SnapshotRecord> liveSnapshot(String regionId, String snapshotId) {
    return Optional.ofNullable(region(regionId).snapshots.get(snapshotId)).filter(s -> !s.deleted);
  }

  /** Number of live custom images in the region. */
  public long liveImageCount(String regionId) {
    return region(regionId).liveImageCount();
  }

  /**
   * Changes an instance's status. As on ECS, stopping, starting or restarting an instance while an
   * image of it is being created makes that creation fail.
   */
  public void changeInstanceStatus(InstanceRecord instance, InstanceStatus status) {
    if (instance.status == status) {
      return;
    }
    Instant now = now();
    for (ImageRecord image : region(instance.regionId).images.values()) {
      if (instance.instanceId.equals(image.sourceInstanceId)
          && !image.deleted
          && image.inProgress(now)) {
        image.failedAt = now;
      }
    }
    instance.status = status;
  }

  /** Adds a new CopyImage copy to its destination region and remembers it under its source. */
  public void addCopy(ImageRecord copy) {
    region(copy.regionId).addImage(copy);
    copiesBySource
        .computeIfAbsent(
            copy.copiedFromRegionId + '/' + copy.copiedFromImageId, k -> new ArrayList<>())
        .add(copy);
  }

  /** Whether a copy of the image is still being made in any region. */
  public boolean copyInProgress(String regionId, String imageId, Instant now) {
    return copiesBySource.getOrDefault(regionId + '/' + imageId, List.of()).stream()
        .anyMatch(c -> !c.deleted && c.inProgress(now));
  }

  /** Drops every resource, token and extra resource group. */
  public void clear() {
    regions.clear();
    copiesBySource.clear();
    tokens.clear();
    resourceGroups.clear();
    resourceGroups.add(DEFAULT_RESOURCE_GROUP);
  }
}
