package com.ecsimagesaga.bench;

import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.stack.DockerContainers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the CPU of a steady run goes: the test JVM holds the service, the broker, the simulator and
 * the benchmark's own clients, so its process time alone says little; each live thread's CPU time
 * is read before and after the run and summed by the part of the stack its name says it belongs to.
 * PostgreSQL runs beside the JVM: its processes' time comes from {@code /proc}.
 */
final class CpuAccount {

  /** The parts of the stack, in the order they are printed. */
  enum Part {
    SERVICE("the service (event loops, workers, SDK threads, its Kafka clients)"),
    BROKER("the Kafka broker"),
    SIMULATOR("the ECS simulator"),
    BENCHMARK("the benchmark's publisher and reader"),
    OTHER("other threads of the JVM");

    final String label;

    Part(String label) {
      this.label = label;
    }
  }

  /** CPU times at one moment. */
  record Snapshot(
      long processNanos,
      Map<Long, Long> threadNanos,
      Map<Long, Part> parts,
      Map<Long, String> names,
      long postgresTicks) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuAccount() {}

  /** Every live thread's CPU time, the JVM's and the database server's. */
  static Snapshot take() throws SQLException {
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, Part> parts = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(t.getThreadId());
      if (cpu >= 0) {
        nanos.put(t.getThreadId(), cpu);
        parts.put(t.getThreadId(), partOf(t.getThreadName()));
        names.put(t.getThreadId(), t.getThreadName());
      }
    }
    return new Snapshot(processNanos(), nanos, parts, names, postgresTicks());
  }

  /**
   * The part a thread belongs to, by its name. The service's Kafka clients are named after their
   * channels ({@code kafka-producer-<channel>}, SmallRye's consumer threads); the benchmark's
   * producer has the client library's default name ({@code producer-N}).
   */
  static Part partOf(String name) {
    if (name.startsWith("ecs-sim-")) {
      return Part.SIMULATOR;
    }
    if (name.startsWith("bench-") || name.contains("| producer-")) {
      return Part.BENCHMARK;
    }
    if (name.startsWith("vert.x-")
        || name.startsWith("executor-thread")
        || name.startsWith("ecs-sdk")
        || name.startsWith("smallrye-")
        || name.contains("kafka-producer-ecs")
        || name.contains("kafka-producer-") && name.contains("|") && !name.contains("| producer-")
        || name.startsWith("kafka-coordinator-heartbeat-thread")
        || name.startsWith("vertx-")
        || name.startsWith("agroal")
        || name.startsWith("Timer-")) {
      return Part.SERVICE;
    }
    if (name.startsWith("data-plane-")
        || name.startsWith("kafka-")
        || name.startsWith("broker-")
        || name.startsWith("controller-")
        || name.startsWith("quorum-")
        || name.startsWith("raft")
        || name.startsWith("ExpirationReaper")
        || name.startsWith("group-coordinator")
        || name.startsWith("share-")
        || name.startsWith("TxnMarker")
        || name.startsWith("LogDir")
        || name.startsWith("node-")
        || name.startsWith("metadata")
        || name.startsWith("transaction")
        || name.startsWith("feature-")
        || name.startsWith("AlterPartition")
        || name.startsWith("ReplicaFetcher")
        || name.startsWith("client-metrics")) {
      return Part.BROKER;
    }
    return Part.OTHER;
  }

  /**
   * The table rows: CPU milliseconds per saga by part, the JVM's whole process time, what of it no
   * live thread accounts for (the JIT compilers and the garbage collector, hidden from the thread
   * list, and threads that ended) and the database server's.
   */
  static Map<String, String> perSaga(Snapshot before, Snapshot after, long sagas, double seconds) {
    Map<Part, Long> byPart = new TreeMap<>();
    Map<String, Long> others = new HashMap<>();
    long threads = 0;
    for (Map.Entry<Long, Long> e : after.threadNanos().entrySet()) {
      long delta = e.getValue() - before.threadNanos().getOrDefault(e.getKey(), 0L);
      Part part = after.parts().get(e.getKey());
      byPart.merge(part, delta, Long::sum);
      if (part == Part.OTHER) {
        others.merge(after.names().get(e.getKey()).replaceAll("\\d+", "N"), delta, Long::sum);
      }
      threads += delta;
    }
    long process = after.processNanos() - before.processNanos();
    double pgMillis =
        (after.postgresTicks() - before.postgresTicks()) * 1000.0 / ProcessStats.TICKS_PER_SECOND;
    Map<String, String> rows = new LinkedHashMap<>();
    for (Part p : Part.values()) {
      long n = byPart.getOrDefault(p, 0L);
      rows.put(
          "CPU ms per saga: " + p.label,
          FigureTable.format("%.3f (%.2f cores)", n / 1e6 / sagas, n / 1e9 / seconds));
    }
    rows.put(
        "largest of the other threads",
        others.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(4)
            .map(e -> FigureTable.format("%s %.3f", e.getKey(), e.getValue() / 1e6 / sagas))
            .reduce((a, b) -> a + ", " + b)
            .orElse("-"));
    rows.put(
        "CPU ms per saga: the JVM's own threads (JIT compilers, garbage collector), which no thread"
            + " list shows, and threads that ended during the run",
        FigureTable.format("%.3f", Math.max(0, process - threads) / 1e6 / sagas));
    rows.put(
        "CPU ms per saga: the whole JVM process",
        FigureTable.format("%.3f (%.2f cores)", process / 1e6 / sagas, process / 1e9 / seconds));
    rows.put(
        "CPU ms per saga: PostgreSQL (all its processes)",
        FigureTable.format("%.3f (%.2f cores)", pgMillis / sagas, pgMillis / 1000 / seconds));
    return rows;
  }

  private static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The postmaster's and its children's CPU ticks (backends that ended are not counted); for a
   * server in a container, the container's CPU time (every process, ended ones too) in ticks.
   */
  private static long postgresTicks() throws SQLException {
    java.util.Optional<String> container = PostgresResource.containerId();
    if (container.isPresent()) {
      return DockerContainers.cpuNanos(container.get())
          * ProcessStats.TICKS_PER_SECOND
          / 1_000_000_000L;
    }
    try (Connection c = RawRates.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      ProcessHandle postmaster =
          ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow();
      return Stream.concat(Stream.of(postmaster), postmaster.descendants())
          .mapToLong(
              p -> {
                try {
                  return ProcessStats.cpuTicks(p.pid());
                } catch (RuntimeException ended) {
                  return 0;
                }
              })
          .sum();
    }
  }
}
