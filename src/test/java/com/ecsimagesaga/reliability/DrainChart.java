package com.ecsimagesaga.reliability;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The drain of a burst as a PNG: CreateImage calls per second and sagas completed per second on the
 * left axis, the backlog on the right one, and the CreateImage budget as a dashed line.
 */
final class DrainChart {

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 600;

  private DrainChart() {}

  /** Draws {@code samples} of a burst of {@code commands} into {@code file} (PNG). */
  static void write(
      List<DrainSampler.Sample> samples, long commands, double createRate, Path file) {
    XYSeries calls = new XYSeries("ECS CreateImage calls/s");
    XYSeries completed = new XYSeries("sagas completed/s");
    XYSeries backlog = new XYSeries("backlog (sagas without an outcome)");
    backlog.add(0, commands);
    for (DrainSampler.Sample s : samples) {
      calls.add(s.seconds(), s.createCalls());
      completed.add(s.seconds(), s.completed());
      backlog.add(s.seconds(), s.backlog());
    }
    XYSeriesCollection rates = new XYSeriesCollection();
    rates.addSeries(calls);
    rates.addSeries(completed);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            String.format(
                Locale.ROOT,
                "Burst of %,d CreateImage commands, CreateImage budget %.0f calls/s",
                commands,
                createRate),
            "time since the burst was published (s)",
            "per second",
            rates,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer rateLines = new XYLineAndShapeRenderer(true, false);
    rateLines.setSeriesPaint(0, new Color(0xD6, 0x27, 0x28));
    rateLines.setSeriesPaint(1, new Color(0x1F, 0x77, 0xB4));
    plot.setRenderer(0, rateLines);
    ValueMarker budget = new ValueMarker(createRate);
    budget.setPaint(Color.DARK_GRAY);
    budget.setStroke(
        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f}, 0));
    budget.setLabel("CreateImage budget");
    budget.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    budget.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(budget);
    NumberAxis backlogAxis = new NumberAxis("backlog (sagas)");
    plot.setRangeAxis(1, backlogAxis);
    plot.setDataset(1, new XYSeriesCollection(backlog));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer backlogLine = new XYLineAndShapeRenderer(true, false);
    backlogLine.setSeriesPaint(0, new Color(0x2C, 0xA0, 0x2C));
    plot.setRenderer(1, backlogLine);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the chart " + file, e);
    }
  }
}
