package com.ecsimagesaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of a benchmark's measured window (the JDK's {@code default} settings), summed
 * into a few lines: the share of the execution samples by part of the stack (the sampled thread's
 * name, as {@link CpuAccount} reads it) and by library (the first frame from the top that is not
 * the JDK's own), and the methods most often on top.
 */
final class ProfileSummary implements AutoCloseable {

  /** Libraries by package prefix, the more specific first. */
  private static final List<Map.Entry<String, String>> AREAS =
      List.of(
          Map.entry("com.ecsimagesaga.simulator", "ECS simulator"),
          Map.entry("com.ecsimagesaga.adapter.alicloud", "service: ECS adapter"),
          Map.entry("com.ecsimagesaga.adapter.persistence", "service: persistence adapter"),
          Map.entry("com.ecsimagesaga.adapter.kafka", "service: Kafka adapter"),
          Map.entry("com.ecsimagesaga.bench", "benchmark"),
          Map.entry("com.ecsimagesaga.testsupport", "benchmark"),
          Map.entry("com.ecsimagesaga", "service: core and app"),
          Map.entry("com.aliyuncs", "ECS SDK"),
          Map.entry("org.apache.http", "Apache HTTP client"),
          Map.entry("com.google.gson", "Gson"),
          Map.entry("com.fasterxml.jackson", "Jackson"),
          Map.entry("io.vertx.pgclient", "PostgreSQL client"),
          Map.entry("io.vertx.sqlclient", "PostgreSQL client"),
          Map.entry("org.hibernate", "Hibernate"),
          Map.entry("org.apache.kafka", "Kafka"),
          Map.entry("kafka.", "Kafka"),
          Map.entry("org.apache.avro", "Avro"),
          Map.entry("io.netty", "Netty"),
          Map.entry("io.vertx", "Vert.x"),
          Map.entry("io.smallrye", "SmallRye (Mutiny, messaging)"),
          Map.entry("io.opentelemetry", "OpenTelemetry"),
          Map.entry("io.micrometer", "Micrometer"),
          Map.entry("io.quarkus", "Quarkus"),
          Map.entry("org.postgresql", "PostgreSQL JDBC (benchmark)"));

  private final Recording recording;

  private ProfileSummary(Recording recording) {
    this.recording = recording;
  }

  /**
   * Starts a recording with the JDK's {@code default} settings (execution samples every 20 ms,
   * about 1 % overhead; the {@code profile} settings disturbed the run they measured).
   */
  static ProfileSummary start() throws IOException, ParseException {
    Recording r = new Recording(Configuration.getConfiguration("default"));
    r.setName("benchmark window");
    r.start();
    return new ProfileSummary(r);
  }

  /**
   * Stops the recording, keeps it under {@code target/} and returns the summary of its samples from
   * {@code from} on.
   */
  String stopAndSummarize(java.time.Instant from) throws IOException {
    recording.stop();
    Path file = Path.of("target", "benchmark-" + System.currentTimeMillis() + ".jfr");
    Files.createDirectories(file.getParent());
    recording.dump(file);
    Map<String, Integer> byPart = new HashMap<>();
    Map<String, Integer> byArea = new HashMap<>();
    Map<String, Integer> serviceByArea = new HashMap<>();
    int serviceSamples = 0;
    Map<String, Integer> byTop = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")
          || e.getStackTrace() == null
          || e.getStartTime().isBefore(from)) {
        continue;
      }
      samples++;
      String thread = e.getThread("sampledThread").getJavaName();
      CpuAccount.Part part = CpuAccount.partOf(thread == null ? "" : thread);
      byPart.merge(part.label, 1, Integer::sum);
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      byArea.merge(area(frames), 1, Integer::sum);
      if (part == CpuAccount.Part.SERVICE) {
        serviceSamples++;
        serviceByArea.merge(area(frames), 1, Integer::sum);
      }
      if (!frames.isEmpty()) {
        RecordedFrame top = frames.get(0);
        byTop.merge(
            top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
      }
    }
    return String.format(
        "%nprofile of the measured window (JFR, %d execution samples, recording %s)%n"
            + "by part: %s%nby library (first frame above the JDK): %s%n"
            + "the service's threads alone, by library: %s%nmethods most on top: %s%n",
        samples,
        file,
        shares(byPart, samples, 6),
        shares(byArea, samples, 10),
        shares(serviceByArea, serviceSamples, 12),
        shares(byTop, samples, 8));
  }

  @Override
  public void close() {
    recording.close();
  }

  /** The library of the first frame from the top that is not the JDK's own. */
  static String area(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      if (type.startsWith("java.")
          || type.startsWith("jdk.")
          || type.startsWith("sun.")
          || type.startsWith("com.sun.")) {
        continue;
      }
      for (Map.Entry<String, String> a : AREAS) {
        if (type.startsWith(a.getKey())) {
          return a.getValue();
        }
      }
      return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }
    return "the JDK alone";
  }

  private static String shares(Map<String, Integer> counts, int samples, int limit) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .map(e -> FigureTable.format("%s %.1f %%", e.getKey(), 100.0 * e.getValue() / samples))
        .collect(Collectors.joining("; "));
  }
}
