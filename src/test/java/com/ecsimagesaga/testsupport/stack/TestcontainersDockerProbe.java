package com.ecsimagesaga.testsupport.stack;

import java.util.ServiceConfigurationError;
import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers, which looks where Testcontainers users expect it to: {@code DOCKER_HOST},
 * {@code ~/.testcontainers.properties}, the usual sockets (Docker Desktop, rootless, Colima,
 * Podman's Docker-compatible socket) and pings the daemon it finds.
 */
public final class TestcontainersDockerProbe implements DockerProbe {

  @Override
  public boolean answers() {
    // Testcontainers finds its strategies with a ServiceLoader on the thread's context class
    // loader. Before a @QuarkusTest boots, that is Quarkus' loader while this class came from
    // another, and the strategies found would not be the ones this class sees.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(TestcontainersDockerProbe.class.getClassLoader());
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
      // isDockerAvailable() already answers false for every failure it knows; anything else
      // (a broken configuration file, say) means no usable daemon just as much.
      return false;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
