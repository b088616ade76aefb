package com.ecsimagesaga.testsupport.stack;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers, which looks where Testcontainers users expect it to: {@code DOCKER_HOST},
 * {@code ~/.testcontainers.properties}, the usual sockets (Docker Desktop, rootless, Colima,
 * Podman's Docker-compatible socket) and pings the daemon it finds.
 */
public final class TestcontainersDockerProbe implements DockerProbe {

  @Override
  public boolean answers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      // isDockerAvailable() already answers false for every failure it knows; anything else
      // (a broken configuration file, say) means no usable daemon just as much.
      return false;
    }
  }
}
