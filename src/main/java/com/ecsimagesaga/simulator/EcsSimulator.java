package com.ecsimagesaga.simulator;

/** TEMPORARY stub so the harness branch compiles alone; the simulator branch replaces it on merge. */
public final class EcsSimulator {

    private EcsSimulator() {
    }

    /** Stub: the real simulator starts its HTTP servers here. */
    public static EcsSimulator start(SimulatorConfig config) {
        throw new UnsupportedOperationException("ECS simulator stub: merge the simulator branch");
    }

    /** Stub: the real simulator returns its mutable world. */
    public SimulatorWorld world() {
        throw new UnsupportedOperationException("ECS simulator stub: merge the simulator branch");
    }
}
