package com.ecsimagesaga.testsupport.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * What the tests do to a running container besides starting it: stop and start it again (the same
 * container, so the same data and port), pause and unpause it (every process frozen, as SIGSTOP and
 * SIGCONT do to the embedded server), read its CPU time. By container id, so any class loader of
 * the JVM can act on a container another one started.
 */
public final class DockerContainers {

  private static final int STOP_TIMEOUT_SECONDS = 10;

  private DockerContainers() {}

  /** Stops the container (SIGTERM or its own stop signal, SIGKILL after 10 s); it is kept. */
  public static void stop(String containerId) {
    docker().stopContainerCmd(containerId).withTimeout(STOP_TIMEOUT_SECONDS).exec();
  }

  /** Starts a stopped container again, with its file system, volumes and port bindings. */
  public static void start(String containerId) {
    docker().startContainerCmd(containerId).exec();
  }

  /** Freezes every process of the container; connections stay open and wait. */
  public static void pause(String containerId) {
    docker().pauseContainerCmd(containerId).exec();
  }

  /** Lets a paused container run on. */
  public static void unpause(String containerId) {
    docker().unpauseContainerCmd(containerId).exec();
  }

  /** Removes the container and its anonymous volumes, running or not. */
  public static void remove(String containerId) {
    docker().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
  }

  /**
   * @return the CPU time all processes of the container used so far, in nanoseconds (the Docker
   *     stats API's {@code cpu_stats.cpu_usage.total_usage})
   */
  public static long cpuNanos(String containerId) {
    CompletableFuture<Statistics> first = new CompletableFuture<>();
    ResultCallback.Adapter<Statistics> callback =
        docker()
            .statsCmd(containerId)
            .withNoStream(true)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Statistics statistics) {
                    first.complete(statistics);
                  }

                  @Override
                  public void onError(Throwable throwable) {
                    first.completeExceptionally(throwable);
                  }
                });
    try {
      Long total = first.get(30, TimeUnit.SECONDS).getCpuStats().getCpuUsage().getTotalUsage();
      return total == null ? 0 : total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the stats of " + containerId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the stats of container " + containerId, e);
    } finally {
      closeQuietly(callback);
    }
  }

  private static void closeQuietly(ResultCallback.Adapter<Statistics> callback) {
    try {
      callback.close();
    } catch (IOException e) {
      // The stream ended with its one sample; nothing is left to release.
    }
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
