package com.ecsimagesaga.bench;

import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.stack.DockerContainers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stalls the PostgreSQL of the test JVM: every one of its processes (the postmaster and all it
 * started) is stopped with SIGSTOP and continued with SIGCONT a while later; a server in a
 * container ({@code -Dtest.stack=containers}) is paused and unpaused, which freezes the same
 * processes the same way. Connections stay open and every statement simply waits, as on a database
 * stalled by its disk or a checkpoint.
 */
final class DatabaseStall {

  // Empty for a server in a container; then containerId is set.
  private final List<Long> pids;
  private final String containerId;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private volatile Instant stoppedAt;
  private volatile Instant continuedAt;

  private DatabaseStall(List<Long> pids, String containerId) {
    this.pids = pids;
    this.containerId = containerId;
  }

  /** The processes (or the container) of the server behind {@link RawRates#connect()}. */
  static DatabaseStall ofTestDatabase() throws SQLException {
    Optional<String> container = PostgresResource.containerId();
    if (container.isPresent()) {
      return new DatabaseStall(List.of(), container.get());
    }
    // The backend ends with its connection: its parent is looked up while it is open.
    try (Connection c = RawRates.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      long backend = rs.getLong(1);
      ProcessHandle postmaster =
          ProcessHandle.of(backend)
              .flatMap(ProcessHandle::parent)
              .orElseThrow(
                  () -> new IllegalStateException("no postmaster above backend " + backend));
      return new DatabaseStall(List.of(postmaster.pid()), null);
    }
  }

  /** Stops the server at {@code at} for {@code length}; returns at once. */
  void schedule(Duration at, Duration length) {
    timer.schedule(
        () -> {
          signal("STOP");
          stoppedAt = Instant.now();
          timer.schedule(
              () -> {
                signal("CONT");
                continuedAt = Instant.now();
                timer.shutdown();
              },
              length.toMillis(),
              TimeUnit.MILLISECONDS);
        },
        at.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  Instant stoppedAt() {
    return stoppedAt;
  }

  Instant continuedAt() {
    return continuedAt;
  }

  /** The postmaster and every process below it, signalled at once; or the container paused. */
  private void signal(String signal) {
    if (containerId != null) {
      if ("STOP".equals(signal)) {
        DockerContainers.pause(containerId);
      } else {
        DockerContainers.unpause(containerId);
      }
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                command.add(String.valueOf(p.pid()));
                p.descendants().forEach(d -> command.add(String.valueOf(d.pid())));
              });
    }
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not send SIG" + signal + " to PostgreSQL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
