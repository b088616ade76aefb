/**
 * A local simulator of the Alibaba Cloud ECS RPC API for custom images, used to test the saga with
 * the real SDK. The public API is {@link com.ecsimagesaga.simulator.EcsSimulator}, {@link
 * com.ecsimagesaga.simulator.SimulatorConfig}, {@link com.ecsimagesaga.simulator.SimulatorWorld},
 * {@link com.ecsimagesaga.simulator.FaultPlan}, {@link com.ecsimagesaga.simulator.Fault} and {@link
 * com.ecsimagesaga.simulator.CallCounters}; the subpackages are internals. The simulator imports
 * nothing from the rest of the service. See docs/simulator.md.
 */
package com.ecsimagesaga.simulator;
