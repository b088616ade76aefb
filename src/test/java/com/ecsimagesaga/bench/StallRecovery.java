package com.ecsimagesaga.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Whether a steady-rate run came back to its latency after a stall, and when. The band is the p99
 * latency of the commands done before the stall began (published after the ramp); the run has
 * recovered from the first second of publishing after the stall from which every later second's
 * median latency stays within the band.
 *
 * @param baselineP50 median latency of the commands published before the stall
 * @param band p99 latency of the commands published before the stall
 * @param recovery from the end of the stall to the first second of the recovered tail; null if the
 *     run never came back
 * @param worstP50 the worst median of a second of publishing after the stall began
 */
record StallRecovery(Duration baselineP50, Duration band, Duration recovery, Duration worstP50) {

  /** The longest the promise allows from the end of the stall to recovered latency. */
  static final Duration PROMISE = Duration.ofSeconds(30);

  static StallRecovery of(
      List<SteadyRate.Completion> done, Instant ramped, Instant stalled, Instant resumed) {
    List<Duration> before = new ArrayList<>();
    TreeMap<Long, List<Duration>> after = new TreeMap<>();
    for (SteadyRate.Completion c : done) {
      if (!c.publishedAt().isBefore(ramped) && c.createdAt().isBefore(stalled)) {
        // Done before the stall began: a command published just before it and caught in it is
        // the stall's, not the latency to come back to.
        before.add(c.latency());
      } else if (!c.publishedAt().isBefore(stalled)) {
        long second = Duration.between(resumed, c.publishedAt()).toMillis() / 1000;
        after
            .computeIfAbsent(
                c.publishedAt().isBefore(resumed) ? -1 : second, s -> new ArrayList<>())
            .add(c.latency());
      }
    }
    Percentiles baseline = Percentiles.of(before);
    Duration p50 = baseline.p50();
    Duration band = baseline.p99();
    Long firstGood = null;
    Duration worst = Duration.ZERO;
    for (var second : after.entrySet()) {
      Duration median = Percentiles.of(second.getValue()).p50();
      worst = median.compareTo(worst) > 0 ? median : worst;
      if (second.getKey() < 0) {
        continue;
      }
      if (median.compareTo(band) > 0) {
        firstGood = null;
      } else if (firstGood == null) {
        firstGood = second.getKey();
      }
    }
    return new StallRecovery(
        p50, band, firstGood == null ? null : Duration.ofSeconds(firstGood), worst);
  }

  boolean kept() {
    return recovery != null && recovery.compareTo(PROMISE) <= 0;
  }

  String print() {
    return String.format(
        Locale.ROOT,
        "latency before the stall: p50 %d ms, p99 %d ms (the band)%n"
            + "worst median of a second of publishing after the stall began: %d ms%n"
            + "back within the band, from the end of the stall: %s (at most %d s)%n"
            + "RESULT: %s%n",
        baselineP50.toMillis(),
        band.toMillis(),
        worstP50.toMillis(),
        recovery == null
            ? "never"
            : String.format(Locale.ROOT, "%.0f s", recovery.toMillis() / 1e3),
        PROMISE.toSeconds(),
        kept() ? "as promised" : "NOT as promised");
  }
}
