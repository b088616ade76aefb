package com.ecsimagesaga.bench;

import java.time.Duration;
import java.util.List;

/** Nearest-rank percentiles of a set of durations. */
record Percentiles(int count, Duration p50, Duration p99, Duration max) {

  static Percentiles of(List<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Duration> sorted = samples.stream().sorted().toList();
    return new Percentiles(
        sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
  }

  private static Duration rank(List<Duration> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  static String millis(Duration d) {
    return FigureTable.format("%.0f ms", d.toNanos() / 1e6);
  }
}
