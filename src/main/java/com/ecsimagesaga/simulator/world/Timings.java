package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of time: the configured clock and the realistic durations divided by a
 * speed factor that can be changed while running (it applies to work started afterwards).
 */
public final class Timings {
  private final Clock clock;
  private volatile Duration waiting;
  private volatile Duration creating;
  private volatile Duration snapshot;
  private volatile double speedFactor;

  /** Takes clock, durations and the initial speed factor from {@code config}. */
  public Timings(SimulatorConfig config) {
    this.clock = config.clock();
    this.speedFactor = config.speedFactor();
    durations(config);
  }

  /** Takes the lifecycle durations of {@code config} for work started from now on. */
  public void durations(SimulatorConfig config) {
    this.waiting = config.waitingDuration();
    this.creating = config.creatingDuration();
    this.snapshot = config.snapshotDuration();
  }

  /** Current simulated time. */
  public Instant now() {
    return clock.instant();
  }

  /** The clock behind {@link #now()}. */
  public Clock clock() {
    return clock;
  }

  /** Current speed factor. */
  public double speedFactor() {
    return speedFactor;
  }

  /** Changes the speed factor for work started from now on. */
  public void speedFactor(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("speed factor must be positive: " + value);
    }
    speedFactor = value;
  }

  /** Scaled time an image waits in the queue. */
  public Duration waiting() {
    return scale(waiting);
  }

  /** Scaled time an image spends Creating. */
  public Duration creating() {
    return scale(creating);
  }

  /** Scaled time a snapshot spends progressing. */
  public Duration snapshot() {
    return scale(snapshot);
  }

  private Duration scale(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() / speedFactor));
  }
}
