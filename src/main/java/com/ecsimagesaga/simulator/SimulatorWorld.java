package com.ecsimagesaga.simulator;

/** TEMPORARY stub so the harness branch compiles alone; the simulator branch replaces it on merge. */
public final class SimulatorWorld {

    /** Stub of the real seeding method. */
    public void seedInstance(String regionId, String instanceId, InstanceStatus status, int... dataDiskGiB) {
        throw new UnsupportedOperationException("ECS simulator stub: merge the simulator branch");
    }
}
