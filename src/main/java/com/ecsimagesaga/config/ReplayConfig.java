package com.ecsimagesaga.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bulk replay pace: jobs replay at most {@link #ratePerSecond()} sagas a second across a job. */
@ConfigMapping(prefix = "replay")
public interface ReplayConfig {

  /**
   * Sagas a bulk replay job replays per second. Each replay makes at most one DescribeImages call
   * and then lets the saga run, so this bounds the extra ECS load a job adds.
   */
  @WithDefault("5")
  double ratePerSecond();

  /** How often the job runner takes its next slice of sagas. */
  @WithDefault("1s")
  Duration tick();

  /**
   * How long one instance keeps a job to itself; a job whose instance died is taken over after
   * this.
   */
  @WithDefault("60s")
  Duration lease();

  /** Sagas one pass replays: the rate times the tick, at least one. */
  default int perPass() {
    return (int) Math.max(1, Math.floor(ratePerSecond() * tick().toMillis() / 1000.0));
  }
}
