package com.ecsimagesaga.bench;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7, part 3: N create sagas in flight at once, each waiting for an image that takes 30
 * minutes of real time, and what the service process costs meanwhile: heap used after a full GC,
 * resident memory, CPU over a waiting window, and ECS calls per minute. The baseline is the same
 * service process idle, measured the same way in the same run before any command.
 *
 * <p>{@code mvn -Pbench -DskipTests package exec:exec
 * -Dbench.main=com.ecsimagesaga.bench.ScaleBenchmark -Dbench.sagas=10000} (also {@code
 * -Dbench.regions}, {@code -Dbench.window-seconds}, {@code -Dbench.xmx}). Exits 1 unless every saga
 * was waiting for its image when measured.
 */
public final class ScaleBenchmark {

  static final int SAGAS = BenchSettings.integer("bench.sagas", 10_000);
  static final int REGIONS = BenchSettings.integer("bench.regions", 10);

  /**
   * Three minutes: one 10 % progress step of a 30-minute image, so the window holds the long-run
   * rate of progress events whatever moment it starts at (a one-minute window held up to twice it).
   */
  static final Duration WINDOW =
      Duration.ofSeconds(BenchSettings.integer("bench.window-seconds", 180));

  static final String XMX = BenchSettings.text("bench.xmx", "512m");
  static final Duration CREATING = Duration.ofMinutes(30);

  /** The production fast poll phase; every saga is in the 15 s phase after it. */
  static final Duration FAST_PHASE = Duration.ofMinutes(1);

  private final long startedAt = System.nanoTime();

  public static void main(String[] args) {
    boolean happened = new ScaleBenchmark().run();
    System.exit(happened ? 0 : 1);
  }

  /** What one waiting window measured. */
  record Window(
      Duration length,
      double cpuPercentOfOneCore,
      long rssEndKib,
      long rssMaxKib,
      Map<String, Long> ecsCalls,
      Map<String, Long> events,
      long logBytes) {

    double callsPerMinute() {
      return ecsCalls.values().stream().mapToLong(Long::longValue).sum()
          * 60.0
          / length.toSeconds();
    }
  }

  boolean run() {
    int quota = (SAGAS + REGIONS - 1) / REGIONS + 10;
    log(
        "settings: "
            + SAGAS
            + " sagas over "
            + REGIONS
            + " regions (image quota "
            + quota
            + " per region), images take "
            + CREATING
            + ", window "
            + WINDOW
            + ", -Xmx"
            + XMX);
    SimulatorConfig config =
        SimulatorConfig.builder()
            .speedFactor(1)
            .creatingDuration(CREATING)
            .imageQuotaPerRegion(quota)
            .build();
    try (ProcessStack stack = ProcessStack.start("scale", config)) {
      ServiceProcess service = stack.service("scale-service", List.of("-Xmx" + XMX), Map.of());
      long t0 = System.nanoTime();
      service.start();
      log(
          FigureTable.format(
              "service up in %.1f s, pid %d; logs under %s",
              (System.nanoTime() - t0) / 1e9, service.pid(), stack.home()));
      // The first minute of a JVM is spent compiling; the idle baseline starts after it.
      ProcessStack.pause(Duration.ofSeconds(60));
      log("baseline: idle service, window of " + WINDOW);
      Window idle = window(stack, service);
      long idleHeap = ProcessStats.heapUsedAfterGcKib(service.pid());
      log("idle: " + idle + ", heap after GC " + idleHeap + " KiB");

      List<CreateImage> commands = stack.commands(SAGAS, REGIONS, "sc");
      Instant published = Instant.now();
      commands.forEach(stack::publishAsync);
      stack.flush();
      log(SAGAS + " commands published");
      stack.awaitSagasAwaitingImages(SAGAS, Duration.ofMinutes(20));
      Duration intake = Duration.between(published, Instant.now());
      log(
          FigureTable.format(
              "%d sagas wait for their images, %.0f s after publishing",
              SAGAS, intake.toMillis() / 1000.0));
      Instant lastStarted = stack.queryInstant("select max(step_started_at) from saga");
      ProcessStack.pause(
          Duration.between(Instant.now(), lastStarted.plus(FAST_PHASE).plusSeconds(20)));
      log("every saga is in the 15 s poll phase; measuring a window of " + WINDOW);
      Window busy = window(stack, service);
      // Between two wakes: the heap then holds what 10,000 waiting sagas need, not a pass in
      // progress.
      pauseUntilBetweenPolls();
      long busyHeap = ProcessStats.heapUsedAfterGcKib(service.pid());
      log("with " + SAGAS + " sagas: " + busy + ", heap after GC " + busyHeap + " KiB");
      log("GC.heap_info after the collection:\n" + ProcessStats.heapInfo(service.pid()));

      long waiting = stack.sagasAwaitingImages();
      long creating = creatingImages(stack.simulator());
      long finished =
          stack.queryLong("select count(*) from saga where status not in ('WAITING', 'RUNNING')");
      boolean happened = waiting == SAGAS && creating == SAGAS && finished == 0;
      log(
          "check: "
              + waiting
              + " sagas waiting, "
              + creating
              + " images Creating in the simulator, "
              + finished
              + " sagas finished (must be "
              + SAGAS
              + ", "
              + SAGAS
              + ", 0)");
      print(idle, idleHeap, busy, busyHeap, intake);
      System.out.println(
          happened
              ? "RESULT: the run happened as described"
              : "RESULT: NOT as described; figures are not valid");
      return happened;
    }
  }

  /**
   * Waits for the middle of the 15 s poll grid, 10 s after a poll instant, when the passes are
   * done.
   */
  private static void pauseUntilBetweenPolls() {
    long grid = 15_000;
    long now = System.currentTimeMillis();
    long target = Math.floorDiv(now, grid) * grid + 10_000;
    ProcessStack.pause(Duration.ofMillis((target <= now ? target + grid : target) - now));
  }

  /**
   * CPU, memory, ECS calls, events and log growth of the service over one window; RSS sampled every
   * 5 s.
   */
  private Window window(ProcessStack stack, ServiceProcess service) {
    long pid = service.pid();
    Map<String, Long> callsBefore = callsByAction(stack.simulator().counters());
    TimedTopicReader events =
        new TimedTopicReader(stack.broker().bootstrapServers(), SagaTopics.EVENTS);
    long logBefore = size(service);
    AtomicLong rssMax = new AtomicLong(ProcessStats.rssKib(pid));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> rssMax.accumulateAndGet(ProcessStats.rssKib(pid), Math::max), 5, 5, TimeUnit.SECONDS);
    long ticksBefore = ProcessStats.cpuTicks(pid);
    long t0 = System.nanoTime();
    ProcessStack.pause(WINDOW);
    long ticks = ProcessStats.cpuTicks(pid) - ticksBefore;
    double seconds = (System.nanoTime() - t0) / 1e9;
    sampler.shutdownNow();
    long rssEnd = ProcessStats.rssKib(pid);
    Map<String, Long> calls = new TreeMap<>();
    callsByAction(stack.simulator().counters())
        .forEach(
            (action, n) -> {
              long delta = n - callsBefore.getOrDefault(action, 0L);
              if (delta > 0) {
                calls.put(action, delta);
              }
            });
    double cpu = ticks * 100.0 / ProcessStats.TICKS_PER_SECOND / seconds;
    Map<String, Long> eventTypes = new TreeMap<>();
    events.close();
    events
        .received()
        .forEach(
            r ->
                eventTypes.merge(
                    stack.codec().decode(r.record().value()).getSchema().getName(), 1L, Long::sum));
    return new Window(
        Duration.ofMillis(Math.round(seconds * 1000)),
        cpu,
        rssEnd,
        Math.max(rssMax.get(), rssEnd),
        calls,
        eventTypes,
        size(service) - logBefore);
  }

  private static Map<String, Long> callsByAction(CallCounters counters) {
    Map<String, Long> out = new TreeMap<>();
    counters
        .snapshot()
        .forEach(
            (action, outcomes) ->
                out.put(action, outcomes.values().stream().mapToLong(Long::longValue).sum()));
    return out;
  }

  private static long creatingImages(EcsSimulator simulator) {
    return ProcessStack.REGIONS.stream()
        .limit(REGIONS)
        .flatMap(r -> simulator.world().images(r).stream())
        .filter(
            i ->
                !i.deleted()
                    && (i.status() == ImageStatus.Creating || i.status() == ImageStatus.Waiting))
        .count();
  }

  private static long size(ServiceProcess service) {
    try {
      return Files.size(service.log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(
      Window idle, long idleHeap, Window busy, long busyHeap, Duration intake) {
    double minutes = busy.length().toMillis() / 60_000.0;
    FigureTable t =
        new FigureTable(
            FigureTable.format(
                "Scale: %,d create sagas in flight, images taking %d min, -Xmx%s, %d regions, "
                    + "service log level %s",
                SAGAS,
                CREATING.toMinutes(),
                XMX,
                REGIONS,
                BenchSettings.text("bench.log-level", "INFO (production)")));
    t.add(
        "live heap after full GC (class histogram, between polls)",
        mib(busyHeap),
        mib(idleHeap) + " idle",
        "< 256 MiB",
        busyHeap < 256L * 1024);
    t.add(
        "process RSS (end of window / max)",
        mib(busy.rssEndKib()) + " / " + mib(busy.rssMaxKib()),
        mib(idle.rssEndKib()) + " / " + mib(idle.rssMaxKib()) + " idle");
    t.add(
        FigureTable.format("CPU while waiting (%d s window)", busy.length().toSeconds()),
        FigureTable.format("%.1f %% of one core", busy.cpuPercentOfOneCore()),
        FigureTable.format("%.1f %% idle", idle.cpuPercentOfOneCore()),
        "< 10 %",
        busy.cpuPercentOfOneCore() < 10);
    t.add(
        "ECS calls per minute",
        FigureTable.format("%.0f", busy.callsPerMinute()),
        FigureTable.format("%.0f idle", idle.callsPerMinute()));
    busy.ecsCalls()
        .forEach(
            (action, n) ->
                t.add("  " + action + " per minute", FigureTable.format("%.0f", n / minutes), "-"));
    long idleEvents = idle.events().values().stream().mapToLong(Long::longValue).sum();
    t.add(
        "events published per minute",
        FigureTable.format(
            "%.0f", busy.events().values().stream().mapToLong(Long::longValue).sum() / minutes),
        FigureTable.format("%d idle", idleEvents));
    busy.events()
        .forEach(
            (type, n) ->
                t.add("  " + type + " per minute", FigureTable.format("%.0f", n / minutes), "-"));
    t.add(
        "service log written per minute",
        FigureTable.format("%.0f KiB", busy.logBytes() / 1024.0 / minutes),
        FigureTable.format("%.0f KiB idle", idle.logBytes() / 1024.0 / minutes));
    t.add(
        "time from publishing to every saga waiting",
        FigureTable.format(
            "%.0f s (%.0f sagas/s)",
            intake.toMillis() / 1000.0, SAGAS * 1000.0 / intake.toMillis()),
        "-");
    System.out.println(t.render());
  }

  private static String mib(long kib) {
    return FigureTable.format("%.0f MiB", kib / 1024.0);
  }

  private void log(String line) {
    System.out.printf(
        "[scale %6.1fs %s] %s%n", (System.nanoTime() - startedAt) / 1e9, Instant.now(), line);
  }
}
