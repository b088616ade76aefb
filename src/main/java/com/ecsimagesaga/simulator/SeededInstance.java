package com.ecsimagesaga.simulator;

import java.util.List;

/**
 * Handle on an instance placed into the world by a test or the control API.
 *
 * @param regionId region of the instance
 * @param instanceId the {@code i-...} id
 * @param systemDiskId id of its system disk
 * @param dataDiskIds ids of its data disks, possibly empty
 */
public record SeededInstance(
    String regionId, String instanceId, String systemDiskId, List<String> dataDiskIds) {}
