package com.ecsimagesaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource figures of another process on Linux: resident memory and CPU time from {@code /proc},
 * and the live heap after a full collection from {@code jcmd} of the same JDK.
 */
final class ProcessStats {

  /**
   * Clock ticks per second of {@code /proc/<pid>/stat} times ({@code getconf CLK_TCK}: 100 on
   * Linux).
   */
  static final long TICKS_PER_SECOND = 100;

  private static final Pattern HISTOGRAM_TOTAL =
      Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  private ProcessStats() {}

  /** Resident set size in KiB ({@code VmRSS} of {@code /proc/<pid>/status}). */
  static long rssKib(long pid) {
    for (String line : lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  /**
   * User plus system CPU time so far, in clock ticks (fields 14 and 15 of {@code
   * /proc/<pid>/stat}).
   */
  static long cpuTicks(long pid) {
    String stat = lines(Path.of("/proc", String.valueOf(pid), "stat")).get(0);
    // The command name (field 2) may contain spaces; the fields after it start behind the last ')'.
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(after[11]) + Long.parseLong(after[12]);
  }

  /**
   * Live heap in KiB: the total of {@code jcmd <pid> GC.class_histogram}, which runs a full
   * collection and counts what survived it in the same safepoint, so allocations after the
   * collection do not count (they would in {@code GC.run} followed by {@code GC.heap_info}).
   */
  static long heapUsedAfterGcKib(long pid) {
    String histogram = jcmd(pid, "GC.class_histogram");
    Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
    if (!total.find()) {
      throw new IllegalStateException(
          "cannot read the histogram total from: " + histogram.lines().limit(5).toList());
    }
    return Long.parseLong(total.group(2)) / 1024;
  }

  /** The whole {@code GC.heap_info} text, for the record. */
  static String heapInfo(long pid) {
    return jcmd(pid, "GC.heap_info");
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
