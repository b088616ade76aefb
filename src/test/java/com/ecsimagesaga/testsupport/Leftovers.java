package com.ecsimagesaga.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a local run starts, found again by the pid files it leaves in its state directory:
 * the service ({@code service.pid}), the broker ({@code kafka/broker.pid}) and PostgreSQL (its own
 * {@code postgres/postmaster.pid}). PostgreSQL runs in its own process group, so neither Ctrl-C nor
 * the launcher's end reaches it by itself; a run that was killed (SIGKILL, a crash) leaves it, and
 * perhaps the others, behind. A new start stops what is left of its own (a pid whose command line
 * is the one this run starts), and only that.
 */
final class Leftovers {

  private static final Duration GRACE = Duration.ofSeconds(30);

  private Leftovers() {}

  /** A process of the run, as its pid file names it. */
  record Leftover(String what, Path pidFile, String commandMarker) {

    /** The live process the pid file names, if its command line is the one the run started. */
    Optional<ProcessHandle> live() {
      return pid()
          .flatMap(ProcessHandle::of)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info().commandLine().map(c -> c.contains(commandMarker)).orElse(false)
                      || procCommandLine(p.pid()).contains(commandMarker));
    }

    private Optional<Long> pid() {
      try {
        if (!Files.isRegularFile(pidFile)) {
          return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        return lines.isEmpty()
            ? Optional.empty()
            : Optional.of(Long.parseLong(lines.get(0).trim()));
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** The run's processes under {@code home}, the service first (it holds connections to both). */
  static List<Leftover> of(Path home) {
    return List.of(
        new Leftover("the service", home.resolve("service.pid"), "-Dlocal.home=" + home),
        new Leftover(
            "the Kafka broker",
            home.resolve("kafka/broker.pid"),
            home.resolve("kafka/server.properties").toString()),
        new Leftover(
            "PostgreSQL",
            home.resolve("postgres/postmaster.pid"),
            home.resolve("postgres").toString()));
  }

  /** Records a started child's pid where the next start will look for it. */
  static void record(Path pidFile, long pid) throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, pid + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  /**
   * Stops every process of a run under {@code home} that is still running, saying so.
   *
   * @param when {@code "from an earlier run"} at start, {@code "after the stop"} at the end
   * @return how many were stopped
   */
  static int stopAll(Path home, String when) {
    int stopped = 0;
    for (Leftover l : of(home)) {
      Optional<ProcessHandle> live = l.live();
      if (live.isPresent()) {
        System.out.printf(
            "[local] %s (pid %d) is still running %s; stopping it%n",
            l.what(), live.get().pid(), when);
        stop(live.get(), l.what().equals("PostgreSQL"));
        stopped++;
      }
    }
    return stopped;
  }

  /**
   * Stops one process: SIGTERM (for PostgreSQL SIGINT, its fast shutdown, which does not wait for
   * clients), then SIGKILL after {@link #GRACE}.
   */
  static void stop(ProcessHandle process, boolean postgres) {
    try {
      if (postgres) {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
            .inheritIO()
            .start()
            .waitFor(5, TimeUnit.SECONDS);
      } else {
        process.destroy();
      }
      awaitExit(process, GRACE);
      if (process.isAlive()) {
        process.destroyForcibly();
        awaitExit(process, GRACE);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExit(ProcessHandle process, Duration limit) throws InterruptedException {
    CompletableFuture<ProcessHandle> exit = process.onExit();
    try {
      exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Still running: the caller escalates.
    }
  }

  private static String procCommandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
