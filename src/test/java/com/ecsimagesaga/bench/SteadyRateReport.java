package com.ecsimagesaga.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The figures of one steady-rate run, as the table the benchmark prints. */
record SteadyRateReport(
    SteadyRate.Settings settings, Instant started, List<SteadyRate.Completion> done) {

  /** Sagas completed in [from, to) seconds after the start. */
  long completedBetween(int from, int to) {
    Instant a = started.plusSeconds(from);
    Instant b = started.plusSeconds(to);
    return done.stream()
        .filter(c -> !c.createdAt().isBefore(a) && c.createdAt().isBefore(b))
        .count();
  }

  /** Latencies of the sagas published in [from, to) seconds after the start. */
  Percentiles latencyOfPublished(int from, int to) {
    Instant a = started.plusSeconds(from);
    Instant b = started.plusSeconds(to);
    return Percentiles.of(
        done.stream()
            .filter(c -> !c.publishedAt().isBefore(a) && c.publishedAt().isBefore(b))
            .map(SteadyRate.Completion::latency)
            .toList());
  }

  /** Sagas completed per second from the end of the ramp to the end of the offered run. */
  double steady() {
    return completedBetween(settings.ramp(), settings.seconds())
        / (double) (settings.seconds() - settings.ramp());
  }

  /**
   * A service that keeps up completes what is offered, so its completed rate sits on the offered
   * one, a little above or below it by where the window cuts: it kept up when it completed at least
   * 98 % of the offered rate and the commands of the last 20 s did not wait long.
   */
  boolean keptUp() {
    int lateFrom = Math.max(settings.ramp(), settings.seconds() - 20);
    return steady() >= 0.98 * settings.rate()
        && latencyOfPublished(lateFrom, settings.seconds()).p99().compareTo(Duration.ofSeconds(5))
            < 0;
  }

  String render(
      long ecsCalls,
      long commits,
      ThroughputBenchmark.ListingPages pages,
      double brokerRate,
      double dbRate,
      Map<String, String> cpu) {
    int n = done.size();
    int rate = settings.rate();
    int seconds = settings.seconds();
    int ramp = settings.ramp();
    double steady = steady();
    Instant last =
        done.stream().map(SteadyRate.Completion::createdAt).max(Instant::compareTo).orElseThrow();
    double drain = Duration.between(started.plusSeconds(seconds), last).toMillis() / 1000.0;
    Percentiles all = Percentiles.of(done.stream().map(SteadyRate.Completion::latency).toList());
    int earlyTo = Math.min(ramp + 20, seconds);
    int lateFrom = Math.max(ramp, seconds - 20);
    Percentiles early = latencyOfPublished(ramp, earlyTo);
    Percentiles late = latencyOfPublished(lateFrom, seconds);
    StringBuilder out = new StringBuilder();
    for (int s = 0; s < seconds; s += 10) {
      out.append(
          FigureTable.format(
              "%s%d", s == 0 ? "" : " ", completedBetween(s, Math.min(s + 10, seconds))));
    }
    FigureTable table =
        new FigureTable(
                FigureTable.format(
                    "Sustained throughput: %d CreateImage/s offered for %d s (%d sagas), images finish at once, rate budget off",
                    rate, seconds, n))
            .add(
                FigureTable.format("sagas completed per second, s %d-%d", ramp, seconds),
                FigureTable.format("%.1f", steady),
                FigureTable.format("%d offered", rate),
                "kept up: >= 98 % of the offered rate completed, p99 of the last 20 s < 5 s",
                keptUp())
            .add("sagas completed in each 10 s", out.toString(), "-")
            .add(
                "end to end latency p50 / p99 / max, all",
                millis(all.p50()) + " / " + millis(all.p99()) + " / " + millis(all.max()),
                "-")
            .add(
                FigureTable.format(
                    "latency p50 / p99 of commands published in s %d-%d", ramp, earlyTo),
                millis(early.p50()) + " / " + millis(early.p99()),
                "-")
            .add(
                FigureTable.format(
                    "latency p50 / p99 of commands published in s %d-%d", lateFrom, seconds),
                millis(late.p50()) + " / " + millis(late.p99()),
                "the early ones: flat when the service keeps up")
            .add(
                "s from the last publish to the last ImageCreated",
                FigureTable.format("%.1f", drain),
                "-")
            .add("ECS calls per saga", FigureTable.format("%.2f", ecsCalls / (double) n), "-")
            .add(
                "DescribeImages pages read: 1 / 2-5 / 6+ (deepest)",
                pages.histogram() + " (" + pages.deepest() + ")",
                "-")
            .add(
                "database transactions per saga (all commits)",
                FigureTable.format("%.2f", commits / (double) n),
                "-")
            .add(
                "sagas/s divided by the raw database rate",
                FigureTable.format("%.4f", steady / dbRate),
                FigureTable.format("%.0f insert tx/s, 8 clients", dbRate))
            .add(
                "sagas/s divided by the raw broker rate",
                FigureTable.format("%.4f", steady / brokerRate),
                FigureTable.format("%.0f records/s produce+consume", brokerRate));
    cpu.forEach((figure, value) -> table.add(figure, value, "-"));
    return table.render();
  }

  private static String millis(Duration d) {
    return Percentiles.millis(d);
  }
}
