package com.ecsimagesaga.reliability;

import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.EcsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second while a backlog drains: CreateImage calls that reached ECS (throttled or not) and
 * those it accepted, sagas completed, the backlog, and the CPU of the service process, each as a
 * rate over the second since the previous sample.
 */
final class DrainSampler {

  /**
   * One second of the drain.
   *
   * @param seconds time since the burst was published, at the end of the second
   * @param createCalls CreateImage calls per second that reached ECS, throttled ones included
   * @param createAccepted CreateImage calls per second that ECS answered with success
   * @param completed sagas per second that got their outcome event
   * @param backlog commands without an outcome event at the end of the second
   * @param cpuCores CPU of the service process over the second, in cores
   */
  record Sample(
      double seconds,
      double createCalls,
      double createAccepted,
      double completed,
      long backlog,
      double cpuCores) {}

  private final EcsSimulator simulator;
  private final OutcomeWatch outcomes;
  private final long servicePid;
  private final int commands;
  private final long startNanos;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private long lastNanos;
  private long lastCalls;
  private long lastAccepted;
  private long lastCompleted;
  private Duration lastCpu;

  /** Starts sampling now; {@code startNanos} is the moment the burst began. */
  DrainSampler(
      EcsSimulator simulator,
      OutcomeWatch outcomes,
      long servicePid,
      int commands,
      long startNanos) {
    this.simulator = simulator;
    this.outcomes = outcomes;
    this.servicePid = servicePid;
    this.commands = commands;
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
    this.lastCalls = simulator.counters().count("CreateImage");
    this.lastAccepted = simulator.counters().count("CreateImage", CallCounters.OK);
    this.lastCompleted = outcomes.completed();
    this.lastCpu = cpu(servicePid);
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  /** User plus system CPU time the process has used so far. */
  static Duration cpu(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
  }

  private void sample() {
    long now = System.nanoTime();
    long calls = simulator.counters().count("CreateImage");
    long accepted = simulator.counters().count("CreateImage", CallCounters.OK);
    long completed = outcomes.completed();
    // A service that died mid-run adds no CPU; the run reports it through the missing outcomes.
    Duration cpu =
        ProcessHandle.of(servicePid).flatMap(h -> h.info().totalCpuDuration()).orElse(lastCpu);
    double seconds = (now - lastNanos) / 1e9;
    samples.add(
        new Sample(
            (now - startNanos) / 1e9,
            (calls - lastCalls) / seconds,
            (accepted - lastAccepted) / seconds,
            (completed - lastCompleted) / seconds,
            commands - completed,
            cpu.minus(lastCpu).toNanos() / 1e9 / seconds));
    lastNanos = now;
    lastCalls = calls;
    lastAccepted = accepted;
    lastCompleted = completed;
    lastCpu = cpu;
  }

  /** The samples so far, oldest first. */
  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Writes {@code samples} as CSV, one line a second. */
  static void writeCsv(List<Sample> samples, Path file) {
    List<String> lines = new ArrayList<>();
    lines.add("seconds,create_calls_per_s,create_accepted_per_s,completed_per_s,backlog,cpu_cores");
    for (Sample s : samples) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%.3f,%.2f,%.2f,%.2f,%d,%.3f",
              s.seconds(),
              s.createCalls(),
              s.createAccepted(),
              s.completed(),
              s.backlog(),
              s.cpuCores()));
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes no more samples. */
  void stop() {
    timer.shutdownNow();
  }
}
