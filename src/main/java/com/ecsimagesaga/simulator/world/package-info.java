/**
 * Internal: the simulated account's state. The records have public mutable fields on purpose: they
 * are plain data guarded by the {@link com.ecsimagesaga.simulator.world.WorldState} monitor and
 * never leave the simulator; callers see immutable views instead.
 */
package com.ecsimagesaga.simulator.world;
