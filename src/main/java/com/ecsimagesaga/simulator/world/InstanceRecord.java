package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.InstanceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable state of one instance and its disks. Guarded by the {@link WorldState} lock. */
public final class InstanceRecord {
  public String instanceId;
  public String regionId;
  public InstanceStatus status;
  public String imageId;
  public Instant creationTime;
  public String resourceGroupId;

  /** Lock reason ({@code security}, {@code financial}, {@code recycling}) to lock message. */
  public final Map<String, String> locks = new LinkedHashMap<>();

  public final List<Disk> disks = new ArrayList<>();

  /** One disk of the instance. */
  public record Disk(String diskId, String type, int sizeGiB, String device) {}
}
