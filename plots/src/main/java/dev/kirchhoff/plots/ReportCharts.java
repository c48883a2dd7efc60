package dev.kirchhoff.plots;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of {@code kirchhoff report}, built from plain arrays with JFreeChart and styled
 * alike (Okabe–Ito colours, white background, fonts readable at 900 × 560 px). Write them with
 * {@link ChartFiles#writePngAndSvg}.
 *
 * <p>Every factory checks its arguments and throws {@link IllegalArgumentException} naming the
 * parameter and the offending value. Inputs are in SI units (fractions, seconds, siemens,
 * joules); the charts show them in the units named on the axes (%, µS, pJ/nJ/µJ).
 *
 * <p>Drawing uses AWT: run the JVM headless ({@code -Djava.awt.headless=true}) on machines
 * without a display.
 */
public final class ReportCharts {
    private ReportCharts() {
    }

    /** Siemens → microsiemens. */
    private static final double MICRO = 1e6;
    /** Fraction → per cent. */
    private static final double PERCENT = 100;

    /**
     * Test accuracy against the variability scale k (the profile's σ multiplied by k): per
     * series the mean as a line with markers and a translucent band from mean − σ to mean + σ.
     * Accuracies are fractions in [0, 1]; the chart shows per cent.
     *
     * @param subtitle shown under the title (may be blank, not null)
     * @param series   at least one band, names distinct; x = k, mean and std as fractions
     * @return the chart: one {@link YIntervalSeriesCollection} in per cent, series keyed by name
     */
    public static JFreeChart accuracyVersusVariability(String subtitle, List<Band> series) {
        Checks.notNull(subtitle, "subtitle");
        checkAccuracySeries(series, false);
        NumberAxis x = new NumberAxis("Variability scale k (× the profile's σ)");
        x.setAutoRangeIncludesZero(false);
        x.setAutoRangeStickyZero(false); // a margin left of k = 0, so its marker is not cut by the axis
        return accuracyChart("Test accuracy vs device variability", subtitle, series, x);
    }

    /**
     * Test accuracy against the time since programming, on a logarithmic time axis whose ticks
     * read 1 s, 1 min, 1 h, 1 day, 1 month (30 days), 1 year (365 days). Same bands as
     * {@link #accuracyVersusVariability}.
     *
     * @param subtitle shown under the title (may be blank, not null)
     * @param series   at least one band, names distinct; x = seconds, every x &gt; 0
     * @return the chart; its domain axis is a {@link LogAxis}
     */
    public static JFreeChart accuracyVersusDrift(String subtitle, List<Band> series) {
        Checks.notNull(subtitle, "subtitle");
        checkAccuracySeries(series, true);
        LogAxis x = new TimeLogAxis("Time since programming (s)");
        x.setSmallestValue(1e-9);
        return accuracyChart("Test accuracy vs time since programming", subtitle, series, x);
    }

    private static void checkAccuracySeries(List<Band> series, boolean positiveX) {
        Checks.notNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one band, got an empty list");
        }
        Set<String> names = new HashSet<>();
        for (int s = 0; s < series.size(); s++) {
            Band b = Checks.notNull(series.get(s), "series[" + s + "]");
            String where = "series[" + s + "] (\"" + b.name() + "\")";
            if (!names.add(b.name())) {
                throw new IllegalArgumentException(where + ": series names must be distinct, \"" + b.name()
                        + "\" appears twice");
            }
            double[] x = b.x();
            double[] mean = b.mean();
            for (int i = 0; i < x.length; i++) {
                if (positiveX && !(x[i] > 0)) {
                    throw new IllegalArgumentException(where + ".x[" + i + "] must be > 0 s on a log axis, got "
                            + x[i]);
                }
                if (!(mean[i] >= 0 && mean[i] <= 1)) {
                    throw new IllegalArgumentException(where + ".mean[" + i
                            + "] must be an accuracy fraction in [0, 1], got " + mean[i]);
                }
            }
        }
    }

    private static JFreeChart accuracyChart(String title, String subtitle, List<Band> series, ValueAxis x) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Band b : series) {
            data.addSeries(bandSeries(b.name(), b.x(), 1, b.mean(), b.std(), PERCENT));
        }
        NumberAxis y = new NumberAxis("Test accuracy (%)");
        y.setAutoRangeIncludesZero(false);
        DeviationRenderer r = bandRenderer(series.size(), true);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.apply(chart, title, subtitle);
    }

    /** mean ± std, x multiplied by xScale, y values by yScale. */
    private static YIntervalSeries bandSeries(String name, double[] x, double xScale, double[] mean, double[] std,
            double yScale) {
        YIntervalSeries s = new YIntervalSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            double m = mean[i] * yScale;
            double d = std[i] * yScale;
            s.add(x[i] * xScale, m, m - d, m + d);
        }
        return s;
    }

    /** Lines with shapes over translucent bands, series coloured from the palette. */
    private static DeviationRenderer bandRenderer(int n, boolean shapes) {
        DeviationRenderer r = new DeviationRenderer(true, shapes);
        r.setAlpha(0.18f);
        Shape[] cycle = {new Ellipse2D.Double(-4.5, -4.5, 9, 9), new Rectangle2D.Double(-4, -4, 8, 8),
            ShapeUtils.createUpTriangle(5f), ShapeUtils.createDiamond(5.5f), ShapeUtils.createDownTriangle(5f)};
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, ChartStyle.series(i));
            r.setSeriesFillPaint(i, ChartStyle.series(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
            r.setSeriesShape(i, cycle[i % cycle.length]);
        }
        return r;
    }

    /**
     * Pulse response: conductance against pulse number, one thin line per device (series
     * {@code "device 0"}, {@code "device 1"}, …) and a thick {@code "mean"} line over devices.
     * Entry {@code conductanceSiemens[d][p]} is plotted at pulse number p. If
     * {@code pulsesPerDirection > 0} the pulses alternate between {@code pulsesPerDirection}
     * potentiating and as many depressing pulses, and a dashed marker at p = m·pulsesPerDirection − ½
     * shows each switch. The legend shows one entry for all devices and one for the mean.
     *
     * @param subtitle           shown under the title (may be blank, not null)
     * @param pulsesPerDirection pulses before the polarity switches, ≥ 0 (0: no markers)
     * @param conductanceSiemens [device][pulse], at least one device, every row of the same length ≥ 1
     * @return the chart: one {@link XYSeriesCollection} in µS, devices first, mean last
     */
    public static JFreeChart pulseResponse(String subtitle, int pulsesPerDirection, double[][] conductanceSiemens) {
        Checks.notNull(subtitle, "subtitle");
        if (pulsesPerDirection < 0) {
            throw new IllegalArgumentException("pulsesPerDirection must be ≥ 0, got " + pulsesPerDirection);
        }
        Checks.notNull(conductanceSiemens, "conductanceSiemens");
        int devices = conductanceSiemens.length;
        if (devices == 0) {
            throw new IllegalArgumentException("conductanceSiemens must hold at least one device, got 0 rows");
        }
        int pulses = -1;
        for (int d = 0; d < devices; d++) {
            double[] row = conductanceSiemens[d];
            Checks.finite(row, "conductanceSiemens[" + d + "]");
            if (d == 0) {
                pulses = row.length;
            } else if (row.length != pulses) {
                throw new IllegalArgumentException("conductanceSiemens rows must have the same length: row 0 has "
                        + pulses + ", row " + d + " has " + row.length);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        double[] mean = new double[pulses];
        for (int d = 0; d < devices; d++) {
            XYSeries s = new XYSeries("device " + d, false, true);
            for (int p = 0; p < pulses; p++) {
                double g = conductanceSiemens[d][p] * MICRO;
                s.add(p, g, false);
                mean[p] += g;
            }
            data.addSeries(s);
        }
        XYSeries m = new XYSeries("mean", false, true);
        for (int p = 0; p < pulses; p++) {
            m.add(p, mean[p] / devices, false);
        }
        data.addSeries(m);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true); // one path per device: smaller SVG, no seams between segments
        // Translucent device lines: where many overlap, the colour deepens, showing the spread.
        Color device = ChartStyle.withAlpha(ChartStyle.BLUE, devices > 20 ? 70 : 140);
        for (int d = 0; d < devices; d++) {
            r.setSeriesPaint(d, device);
            r.setSeriesStroke(d, ChartStyle.THIN);
        }
        r.setSeriesPaint(devices, ChartStyle.BLACK);
        r.setSeriesStroke(devices, ChartStyle.THICK);

        NumberAxis x = new NumberAxis("Pulse number");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Conductance (µS)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(lineItem(devices == 1 ? "device 0" : devices + " devices", ChartStyle.BLUE, ChartStyle.THIN));
        legend.add(lineItem("mean", ChartStyle.BLACK, ChartStyle.THICK));
        if (pulsesPerDirection > 0 && pulsesPerDirection < pulses) {
            for (int b = pulsesPerDirection; b < pulses; b += pulsesPerDirection) {
                ValueMarker marker = new ValueMarker(b - 0.5, ChartStyle.GREY, ChartStyle.DASHED);
                plot.addDomainMarker(marker, Layer.BACKGROUND);
            }
            legend.add(lineItem("potentiation ↔ depression", ChartStyle.GREY, ChartStyle.DASHED));
        }
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.apply(chart, "Device pulse response", subtitle);
    }

    private static LegendItem lineItem(String label, Color paint, java.awt.Stroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0),
                stroke, paint);
        item.setLabelFont(ChartStyle.LEGEND);
        return item;
    }

    /**
     * Programming response of devices written without pulsed updates: programmed conductance
     * (mean and ±1σ band over devices) against the target conductance, with the ideal line
     * y = x (series {@code "ideal"}). Both axes in µS.
     *
     * @param subtitle     shown under the title (may be blank, not null)
     * @param targetSiemens ascending targets, at least one
     * @param meanSiemens  mean programmed conductance at each target
     * @param stdSiemens   its standard deviation, ≥ 0
     * @return the chart: dataset 0 a {@link YIntervalSeriesCollection} ("programmed", mean ± σ in
     *         µS), dataset 1 an {@link XYSeriesCollection} ("ideal")
     */
    public static JFreeChart programmingResponse(String subtitle, double[] targetSiemens, double[] meanSiemens,
            double[] stdSiemens) {
        Checks.notNull(subtitle, "subtitle");
        Checks.band(targetSiemens, "targetSiemens", meanSiemens, "meanSiemens", stdSiemens, "stdSiemens");
        YIntervalSeriesCollection band = new YIntervalSeriesCollection();
        band.addSeries(bandSeries(PROGRAMMED, targetSiemens, MICRO, meanSiemens, stdSiemens, MICRO));
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.25f);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setSeriesFillPaint(0, ChartStyle.BLUE);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));

        double lo = targetSiemens[0] * MICRO;
        double hi = targetSiemens[targetSiemens.length - 1] * MICRO;
        XYSeriesCollection ideal = new XYSeriesCollection();
        XYSeries line = new XYSeries("ideal", false, true);
        line.add(lo, lo);
        line.add(hi, hi);
        ideal.addSeries(line);
        XYLineAndShapeRenderer ir = new XYLineAndShapeRenderer(true, false);
        ir.setSeriesPaint(0, ChartStyle.GREY);
        ir.setSeriesStroke(0, ChartStyle.DASHED);

        NumberAxis x = new NumberAxis("Target conductance (µS)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Programmed conductance (µS)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(band, x, y, r);
        plot.setDataset(1, ideal);
        plot.setRenderer(1, ir);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.apply(chart, "Programming response", subtitle);
    }

    /** Series key of the band in {@link #programmingResponse}. */
    static final String PROGRAMMED = "programmed (mean ± 1σ)";

    /**
     * Overlaid, semi-transparent histograms of conductance in µS, one per sample (e.g. before and
     * after drift), all with the same {@code bins} equal-width bins spanning the smallest to the
     * largest value of all samples.
     *
     * @param subtitle       shown under the title (may be blank, not null)
     * @param samplesSiemens at least one sample, names distinct
     * @param bins           number of bins, ≥ 1
     * @return the chart: one {@link HistogramDataset} (counts), series keyed by sample name
     */
    public static JFreeChart conductanceHistograms(String subtitle, List<NamedSample> samplesSiemens, int bins) {
        Checks.notNull(subtitle, "subtitle");
        Checks.notNull(samplesSiemens, "samplesSiemens");
        if (samplesSiemens.isEmpty()) {
            throw new IllegalArgumentException("samplesSiemens must hold at least one sample, got an empty list");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Set<String> names = new HashSet<>();
        for (int s = 0; s < samplesSiemens.size(); s++) {
            NamedSample sample = Checks.notNull(samplesSiemens.get(s), "samplesSiemens[" + s + "]");
            if (!names.add(sample.name())) {
                throw new IllegalArgumentException("samplesSiemens[" + s + "]: names must be distinct, \""
                        + sample.name() + "\" appears twice");
            }
            for (double v : sample.values()) {
                min = Math.min(min, v * MICRO);
                max = Math.max(max, v * MICRO);
            }
        }
        if (!(max > min)) { // all values equal: one bin of width 1 µS around them
            min -= 0.5;
            max += 0.5;
        }
        HistogramDataset data = new HistogramDataset();
        for (NamedSample sample : samplesSiemens) {
            double[] us = sample.values();
            for (int i = 0; i < us.length; i++) {
                us[i] *= MICRO;
            }
            data.addSeries(sample.name(), us, bins, min, max);
        }
        XYBarRenderer r = new XYBarRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMargin(0.0);
        Color[] colours = {ChartStyle.BLUE, ChartStyle.ORANGE, ChartStyle.GREEN, ChartStyle.VERMILLION,
            ChartStyle.PURPLE, ChartStyle.SKY_BLUE, ChartStyle.GREY, ChartStyle.YELLOW};
        for (int s = 0; s < samplesSiemens.size(); s++) {
            r.setSeriesPaint(s, ChartStyle.withAlpha(colours[s % colours.length], 120));
        }
        NumberAxis x = new NumberAxis("Conductance (µS)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Count");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.apply(chart, "Conductance before and after drift", subtitle);
    }

    /**
     * Heat map of one crossbar tile: cell (r, c) coloured by {@code values[r*cols + c]} on a
     * viridis scale with its legend on the right. x is the column (bit line) index, y the row
     * (word line) index with row 0 at the top; by the drive-side convention rows are driven at
     * column 0 and columns sensed at row {@code rows − 1}, so the voltage lost across the wires is
     * largest top right (row 0, column {@code cols − 1}), the cell farthest from both ends.
     *
     * @param subtitle   shown under the title (may be blank, not null)
     * @param rows       word lines, ≥ 1
     * @param cols       bit lines, ≥ 1
     * @param values     row-major, length {@code rows*cols}, finite
     * @param valueLabel title of the colour scale, with its unit (not blank)
     * @return the chart: one {@link DefaultXYZDataset} (series "cells", x = column, y = row, z = value)
     */
    public static JFreeChart irDropMap(String subtitle, int rows, int cols, double[] values, String valueLabel) {
        Checks.notNull(subtitle, "subtitle");
        Checks.notBlank(valueLabel, "valueLabel");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be ≥ 1, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be ≥ 1, got " + cols);
        }
        Checks.finite(values, "values");
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values.length must be rows*cols = " + rows + "*" + cols + " = "
                    + (long) rows * cols + ", got " + values.length);
        }
        int n = values.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] zs = values.clone();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                xs[i] = c;
                ys[i] = r;
                min = Math.min(min, zs[i]);
                max = Math.max(max, zs[i]);
            }
        }
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.01;
            min -= pad;
            max += pad;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("cells", new double[][] {xs, ys, zs});

        ViridisPaintScale scale = new ViridisPaintScale(min, max);
        XYBlockRenderer r = new RasterBlockRenderer(rows, cols, scale);

        NumberAxis x = new NumberAxis("Column (bit line)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(-0.5, cols - 0.5);
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        NumberAxis y = new NumberAxis("Row (word line)");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(-0.5, rows - 0.5);
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis zAxis = new NumberAxis(valueLabel);
        zAxis.setRange(min, max);
        ChartStyle.axis(zAxis);
        PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
        legend.setSubdivisionCount(256);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(16);
        legend.setStripOutlineVisible(false);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(4, 12, 4, 4));
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return ChartStyle.apply(chart, "IR drop across one tile", subtitle);
    }

    /**
     * Energy per inference by component as horizontal bars (one per component, in the given
     * order from top to bottom), in pJ, nJ or µJ, the unit chosen so that the largest bar reads
     * between 1 and 1000 (pJ below 1 nJ, µJ from 1 µJ), with the value printed at each bar's end.
     *
     * @param subtitle           shown under the title (may be blank, not null)
     * @param components         names, distinct, not blank, at least one
     * @param joulesPerInference energy of each component in joules, finite, ≥ 0
     * @return the chart: one {@link DefaultCategoryDataset}, row "energy", columns the components,
     *         values in the unit named on the range axis
     */
    public static JFreeChart energyBreakdown(String subtitle, String[] components, double[] joulesPerInference) {
        Checks.notNull(subtitle, "subtitle");
        Checks.notNull(components, "components");
        if (components.length == 0) {
            throw new IllegalArgumentException("components must hold at least one name, got length 0");
        }
        Checks.nonNegative(joulesPerInference, "joulesPerInference");
        if (components.length != joulesPerInference.length) {
            throw new IllegalArgumentException("joulesPerInference must have the length of components ("
                    + components.length + "), got " + joulesPerInference.length);
        }
        Set<String> names = new HashSet<>();
        double max = 0;
        for (int i = 0; i < components.length; i++) {
            Checks.notBlank(components[i], "components[" + i + "]");
            if (!names.add(components[i])) {
                throw new IllegalArgumentException("components[" + i + "]: names must be distinct, \""
                        + components[i] + "\" appears twice");
            }
            max = Math.max(max, joulesPerInference[i]);
        }
        String unit;
        double scale;
        if (max < 1e-9) {
            unit = "pJ";
            scale = 1e12;
        } else if (max < 1e-6) {
            unit = "nJ";
            scale = 1e9;
        } else {
            unit = "µJ";
            scale = 1e6;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < components.length; i++) {
            data.addValue(joulesPerInference[i] * scale, ENERGY, components[i]);
        }
        CategoryAxis categories = new CategoryAxis(null);
        categories.setCategoryMargin(0.25);
        categories.setLowerMargin(0.04);
        categories.setUpperMargin(0.04);
        categories.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis value = new NumberAxis("Energy per inference (" + unit + ")");
        value.setUpperMargin(0.18); // room for the printed values
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setMaximumBarWidth(0.12);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} " + unit,
                new SignificantDigits(3)));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(ChartStyle.ANNOTATION);
        r.setDefaultItemLabelPaint(ChartStyle.BLACK);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(6);
        CategoryPlot plot = new CategoryPlot(data, categories, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return ChartStyle.apply(chart, "Energy per inference by component", subtitle);
    }

    /** Row key of the dataset of {@link #energyBreakdown}. */
    static final String ENERGY = "energy";

    /**
     * Parity plot of a fit: fitted against measured values as points (series
     * {@code "fit vs data"}) and the identity line (series {@code "ideal"}); both axes span the
     * same range, so points on the line are fitted exactly.
     *
     * @param subtitle shown under the title (may be blank, not null)
     * @param unit     unit of the values, printed in the axis labels (may be empty: no unit)
     * @param measured measured values, finite, at least one
     * @param fitted   fitted values, same length, finite
     * @return the chart: one {@link XYSeriesCollection}, "fit vs data" (in input order) then "ideal"
     */
    public static JFreeChart fitVersusData(String subtitle, String unit, double[] measured, double[] fitted) {
        Checks.notNull(subtitle, "subtitle");
        Checks.notNull(unit, "unit");
        Checks.finite(measured, "measured");
        Checks.finite(fitted, "fitted");
        Checks.sameLength(measured, "measured", fitted, "fitted");
        XYSeries points = new XYSeries("fit vs data", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < measured.length; i++) {
            points.add(measured[i], fitted[i], false);
            lo = Math.min(lo, Math.min(measured[i], fitted[i]));
            hi = Math.max(hi, Math.max(measured[i], fitted[i]));
        }
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
            lo -= pad;
            hi += pad;
        }
        XYSeries ideal = new XYSeries("ideal", false, true);
        ideal.add(lo, lo);
        ideal.add(hi, hi);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points);
        data.addSeries(ideal);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        r.setSeriesPaint(0, ChartStyle.withAlpha(ChartStyle.BLUE, 170));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, ChartStyle.GREY);
        r.setSeriesStroke(1, ChartStyle.DASHED);
        String suffix = unit.isBlank() ? "" : " (" + unit + ")";
        NumberAxis x = new NumberAxis("Measured" + suffix);
        NumberAxis y = new NumberAxis("Fitted" + suffix);
        double margin = (hi - lo) * 0.05;
        x.setRange(lo - margin, hi + margin);
        y.setRange(lo - margin, hi + margin);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return ChartStyle.apply(chart, "Fit vs data", subtitle);
    }

    /** Formats a number to a few significant digits in plain notation (0.0213, 2.13, 213). */
    static final class SignificantDigits extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final int digits;

        SignificantDigits(int digits) {
            this.digits = digits;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            if (number == 0 || !Double.isFinite(number)) {
                return to.append(number == 0 ? "0" : Double.toString(number));
            }
            BigDecimal b = new BigDecimal(number).round(new MathContext(digits)).stripTrailingZeros();
            return to.append(b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString());
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("format only");
        }
    }
}
