package io.pulse.model.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's charts with XChart and writes them as PNG through its {@link BitmapEncoder},
 * the only encoder used: the vector and GIF encoders need libraries the build excludes (one of them
 * is LGPL). Rendering is headless, so it runs on servers without a display.
 *
 * <p>Every chart shows each set as one series in a fixed colour (the colour-blind-safe Okabe-Ito
 * palette), the same colour for a set in every chart, with the random or ideal reference in grey.
 */
final class Charts {
    static {
        // Before AWT first initialises: charts are drawn into images, never onto a screen.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /** Curves are drawn through at most this many points; the CSVs keep every one. */
    static final int MAX_CURVE_POINTS = 2_000;

    private static final Color[] SET_COLOURS = {
        new Color(0, 114, 178),
        new Color(230, 159, 0),
        new Color(0, 158, 115),
        new Color(213, 94, 0),
        new Color(204, 121, 167),
        new Color(86, 180, 233),
        new Color(240, 228, 66),
        Color.BLACK
    };
    private static final Color REFERENCE = new Color(128, 128, 128);

    private Charts() {}

    static Color colourOf(int set) {
        return SET_COLOURS[set % SET_COLOURS.length];
    }

    /**
     * Share of churners caught against share of subscribers contacted, with the random diagonal.
     */
    static void gains(Path file, List<String> names, List<List<Gains.Point>> curves)
            throws IOException {
        XYChart chart =
                xyChart(
                        "Cumulative gains",
                        "Share of subscribers contacted, highest score first",
                        "Share of churners caught");
        percentAxes(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (int s = 0; s < names.size(); s++) {
            List<Gains.Point> curve = curves.get(s);
            if (curve.isEmpty()) {
                continue;
            }
            double[] x = new double[curve.size()];
            double[] y = new double[curve.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = curve.get(i).contacted();
                y[i] = curve.get(i).caught();
            }
            line(chart, names.get(s), thin(x), thin(y), colourOf(s));
        }
        reference(chart, "random", new double[] {0, 1}, new double[] {0, 1});
        write(chart, file);
    }

    /** Lift of each decile, one bar per set, with the random lift of 1 as a line. */
    static void lift(Path file, List<String> names, List<List<Deciles.Decile>> deciles)
            throws IOException {
        CategoryChart chart =
                categoryChart(
                        "Lift by decile",
                        "Decile (1 = the 10% highest scores)",
                        "Churn rate / overall churn rate");
        List<String> labels = new ArrayList<>();
        for (int d = 1; d <= Deciles.COUNT; d++) {
            labels.add(Integer.toString(d));
        }
        for (int s = 0; s < names.size(); s++) {
            List<Double> lift = new ArrayList<>();
            for (Deciles.Decile d : deciles.get(s)) {
                // an empty decile (fewer than ten subscribers) or a set without churners has no bar
                lift.add(Double.isNaN(d.lift()) ? 0.0 : d.lift());
            }
            chart.addSeries(names.get(s), labels, lift).setFillColor(colourOf(s));
        }
        List<Double> one = new ArrayList<>();
        for (int d = 0; d < Deciles.COUNT; d++) {
            one.add(1.0);
        }
        CategorySeries random = chart.addSeries("random (lift 1)", labels, one);
        random.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        random.setLineColor(REFERENCE);
        random.setLineStyle(SeriesLines.DASH_DASH);
        random.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setYAxisMin(0.0);
        write(chart, file);
    }

    /**
     * Precision against recall over all thresholds, a marker at the report's alert threshold, and
     * the base rate (the precision of flagging at random) when all sets share it.
     */
    static void precisionRecall(
            Path file,
            List<String> names,
            List<List<PrecisionRecall.Point>> curves,
            List<SetSummary> summaries,
            double threshold)
            throws IOException {
        XYChart chart =
                xyChart(
                        "Precision and recall",
                        "Recall (share of churners flagged)",
                        "Precision (share of flagged who churn)");
        percentAxes(chart);
        // below the plot: good models run along its top, poor ones along the bottom
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (int s = 0; s < names.size(); s++) {
            List<PrecisionRecall.Point> curve = curves.get(s);
            if (summaries.get(s).churners() == 0) {
                continue;
            }
            double[] x = new double[curve.size() + 1];
            double[] y = new double[curve.size() + 1];
            // from no one flagged: recall 0 at the precision of the highest threshold
            x[0] = 0;
            y[0] = curve.get(0).precision();
            for (int i = 0; i < curve.size(); i++) {
                x[i + 1] = curve.get(i).recall();
                y[i + 1] = curve.get(i).precision();
            }
            line(chart, names.get(s), thin(x), thin(y), colourOf(s));
            SetSummary at = summaries.get(s);
            if (at.flagged() > 0) {
                XYSeries point =
                        chart.addSeries(
                                names.get(s)
                                        + String.format(
                                                Locale.ROOT, " at threshold %.2f", threshold),
                                new double[] {at.recall()},
                                new double[] {at.precision()});
                point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                point.setMarker(SeriesMarkers.DIAMOND);
                point.setMarkerColor(colourOf(s));
                point.setShowInLegend(false); // the caption explains the diamonds
            }
        }
        double base = summaries.get(0).baseRate();
        if (summaries.stream().allMatch(summary -> summary.baseRate() == base)) {
            reference(
                    chart,
                    String.format(Locale.ROOT, "random (churn rate %.1f%%)", 100 * base),
                    new double[] {0, 1},
                    new double[] {base, base});
        }
        write(chart, file);
    }

    /**
     * Observed churn share against mean predicted probability per non-empty bin, with the diagonal.
     */
    static void calibration(Path file, List<String> names, List<List<Calibration.Bin>> bins)
            throws IOException {
        XYChart chart =
                xyChart(
                        "Calibration",
                        "Mean predicted churn probability (tenths of the subscribers)",
                        "Observed churn share");
        double max = 0;
        for (List<Calibration.Bin> set : bins) {
            for (Calibration.Bin bin : set) {
                if (bin.subscribers() > 0) {
                    max = Math.max(max, Math.max(bin.meanPredicted(), bin.observedRate()));
                }
            }
        }
        // the range the probabilities use: at a churn rate of a few per cent, far below 1
        double top = Math.min(1.0, Math.max(0.05, Math.ceil(max * 20) / 20));
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(top).setYAxisMin(0.0).setYAxisMax(top);
        chart.getStyler().setXAxisDecimalPattern("0.#%").setYAxisDecimalPattern("0.#%");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (int s = 0; s < names.size(); s++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Calibration.Bin bin : bins.get(s)) {
                if (bin.subscribers() > 0) {
                    x.add(bin.meanPredicted());
                    y.add(bin.observedRate());
                }
            }
            XYSeries series = chart.addSeries(names.get(s), x, y);
            series.setLineColor(colourOf(s));
            series.setMarkerColor(colourOf(s));
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        reference(chart, "perfectly calibrated", new double[] {0, top}, new double[] {0, top});
        write(chart, file);
    }

    /** Caught churners per bin of lead time, one bar per set with lead times. */
    static void leadTimes(Path file, List<String> names, List<double[]> days) throws IOException {
        double max = 0;
        for (double[] set : days) {
            for (double d : set) {
                max = Math.max(max, d);
            }
        }
        int width = LeadTimes.binWidth(max);
        int bins = LeadTimes.binsFor(max, width);
        CategoryChart chart =
                categoryChart(
                        "Lead time of caught churners",
                        width == 1
                                ? "Days from first alert to churn"
                                : "Days from first alert to churn (bins of "
                                        + width
                                        + " days; 0-"
                                        + width
                                        + " is at least 0 and under "
                                        + width
                                        + ")",
                        "Caught churners");
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < bins; k++) {
            labels.add(LeadTimes.label(k, width));
        }
        for (int s = 0; s < names.size(); s++) {
            if (days.get(s).length == 0) {
                continue;
            }
            List<Integer> counts = new ArrayList<>();
            for (int c : LeadTimes.histogram(days.get(s), width, bins)) {
                counts.add(c);
            }
            chart.addSeries(names.get(s), labels, counts).setFillColor(colourOf(s));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        if (bins > 10) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        write(chart, file);
    }

    private static XYChart xyChart(String title, String x, String y) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(x)
                        .yAxisTitle(y)
                        .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(10);
        return chart;
    }

    private static CategoryChart categoryChart(String title, String x, String y) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(x)
                        .yAxisTitle(y)
                        .build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setSeriesColors(SET_COLOURS);
        styler.setAntiAlias(true);
        styler.setLegendBorderColor(REFERENCE);
    }

    private static void percentAxes(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0%").setYAxisDecimalPattern("0%");
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
    }

    private static void reference(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(REFERENCE);
        series.setLineStyle(SeriesLines.DASH_DASH);
    }

    /**
     * At most {@link #MAX_CURVE_POINTS} evenly spaced values, always with the first and the last.
     */
    static double[] thin(double[] values) {
        if (values.length <= MAX_CURVE_POINTS) {
            return values;
        }
        double[] kept = new double[MAX_CURVE_POINTS];
        for (int i = 0; i < MAX_CURVE_POINTS; i++) {
            kept[i] =
                    values[
                            (int)
                                    Math.round(
                                            (double) i
                                                    * (values.length - 1)
                                                    / (MAX_CURVE_POINTS - 1))];
        }
        return kept;
    }

    private static void write(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
