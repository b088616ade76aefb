package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an action sees of its call: parameters, the world, the config, the image fault drawn for
 * this call (if any), and hooks to run once the answer has left (or was lost).
 */
public final class ActionContext {
  private final RequestParams params;
  private final WorldState state;
  private final SimulatorConfig config;
  private final Fault fault;
  private final List<Runnable> afterAnswer = new ArrayList<>();

  /** A context for one call; {@code fault} may be null. */
  public ActionContext(
      RequestParams params, WorldState state, SimulatorConfig config, Fault fault) {
    this.params = params;
    this.state = state;
    this.config = config;
    this.fault = fault;
  }

  /** Parameters of the call. */
  public RequestParams params() {
    return params;
  }

  /** The {@code RegionId} parameter; required by every action. */
  public String regionId() {
    return params.required("RegionId");
  }

  /** The simulated account. */
  public WorldState state() {
    return state;
  }

  /** Simulator settings. */
  public SimulatorConfig config() {
    return config;
  }

  /** Current simulated time. */
  public Instant now() {
    return state.now();
  }

  /** The fault of the given kind drawn for this call, or null. */
  public Fault fault(Fault.Kind kind) {
    return fault != null && fault.kind() == kind ? fault : null;
  }

  /** Registers work to do after the answer was sent, dropped or delayed to its end. */
  public void afterAnswer(Runnable hook) {
    afterAnswer.add(hook);
  }

  /** Hooks registered by the action. */
  public List<Runnable> afterAnswerHooks() {
    return afterAnswer;
  }
}
