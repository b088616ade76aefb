package com.ecsimagesaga.simulator;

/** TEMPORARY stub so the harness branch compiles alone; the simulator branch replaces it on merge. */
public enum InstanceStatus {
    /** The only status the harness uses. */
    Running
}
