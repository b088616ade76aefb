package com.ecsimagesaga.testsupport.stack;

/** Asks whether a Docker daemon answers; {@link TestStack} needs nothing more of Docker. */
@FunctionalInterface
public interface DockerProbe {

  /**
   * @return whether a Docker daemon answered (reachable, and it accepted a request)
   */
  boolean answers();
}
