package com.ecsimagesaga.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table every process benchmark prints: figure, measured value, baseline, target and verdict.
 */
final class FigureTable {

  private record Row(String figure, String value, String baseline, String target, String verdict) {}

  private final String title;
  private final List<Row> rows = new ArrayList<>();

  FigureTable(String title) {
    this.title = title;
  }

  /** A figure without a target. */
  FigureTable add(String figure, String value, String baseline) {
    rows.add(new Row(figure, value, baseline, "-", "-"));
    return this;
  }

  /** A figure with a target: met when {@code met}, else missed. */
  FigureTable add(String figure, String value, String baseline, String target, boolean met) {
    rows.add(new Row(figure, value, baseline, target, met ? "met" : "MISSED"));
    return this;
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** The table as Markdown, so it can go into docs/benchmarks.md as it is. */
  String render() {
    StringBuilder out = new StringBuilder(format("%n=== %s ===%n%n", title));
    out.append("| figure | value | baseline | target | verdict |\n|---|---|---|---|---|\n");
    rows.forEach(
        r ->
            out.append(
                format(
                    "| %s | %s | %s | %s | %s |%n",
                    r.figure(), r.value(), r.baseline(), r.target(), r.verdict())));
    return out.toString();
  }
}
