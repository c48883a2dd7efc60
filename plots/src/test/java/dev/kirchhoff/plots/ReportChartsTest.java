package dev.kirchhoff.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ReportChartsTest {
    private static final double[] K = {0, 0.5, 1, 1.5, 2, 3};
    private static final double[] T = {1, 60, 3600, 86400, 2592000, 31536000};
    private static final double[] MEAN = {0.96, 0.95, 0.93, 0.90, 0.86, 0.80};
    private static final double[] STD = {0.002, 0.005, 0.009, 0.013, 0.017, 0.02};

    private static List<Band> accuracy(double[] x) {
        return List.of(new Band("floating point", x, MEAN, STD),
                new Band("noise in the loop", x, new double[] {0.958, 0.955, 0.948, 0.935, 0.92, 0.89}, STD));
    }

    private static List<String> keys(XYDataset d) {
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            keys.add(d.getSeriesKey(s).toString());
        }
        return keys;
    }

    private static String title(JFreeChart chart) {
        return chart.getTitle().getText();
    }

    private static String subtitle(JFreeChart chart) {
        return ((TextTitle) chart.getSubtitle(0)).getText();
    }

    /** The band's interval in the dataset is exactly (mean ± std) × 100, the line the mean × 100. */
    private static void assertPercentBands(XYPlot plot, List<Band> bands) {
        IntervalXYDataset d = (IntervalXYDataset) plot.getDataset();
        assertEquals(bands.stream().map(Band::name).toList(), keys(d));
        for (int s = 0; s < bands.size(); s++) {
            Band b = bands.get(s);
            assertEquals(b.size(), d.getItemCount(s));
            for (int i = 0; i < b.size(); i++) {
                double m = b.mean()[i] * 100;
                double e = b.std()[i] * 100;
                assertEquals(b.x()[i], d.getXValue(s, i), 0);
                assertEquals(m, d.getYValue(s, i), 1e-12);
                assertEquals(m - e, d.getStartYValue(s, i), 1e-12);
                assertEquals(m + e, d.getEndYValue(s, i), 1e-12);
            }
        }
    }

    @Test
    void accuracyVersusVariabilityHasBandsInPercentAndLabelledAxes() {
        List<Band> bands = accuracy(K);
        JFreeChart chart = ReportCharts.accuracyVersusVariability("MLP on MNIST-10k", bands);
        XYPlot plot = chart.getXYPlot();
        assertPercentBands(plot, bands);
        assertEquals("Test accuracy vs device variability", title(chart));
        assertEquals("MLP on MNIST-10k", subtitle(chart));
        assertEquals("Variability scale k (× the profile's σ)", plot.getDomainAxis().getLabel());
        assertEquals("Test accuracy (%)", plot.getRangeAxis().getLabel());
        assertTrue(chart.getLegend() != null, "legend");
    }

    @Test
    void accuracyVersusDriftUsesALogTimeAxisWithReadableTicks() {
        List<Band> bands = accuracy(T);
        JFreeChart chart = ReportCharts.accuracyVersusDrift("PCM", bands);
        XYPlot plot = chart.getXYPlot();
        assertPercentBands(plot, bands);
        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals("Time since programming (s)", plot.getDomainAxis().getLabel());
        assertEquals("Test accuracy (%)", plot.getRangeAxis().getLabel());
        assertEquals("Test accuracy vs time since programming", title(chart));

        // Draw it, then read back the tick labels the axis produced.
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(900, 560, info);
        List<?> ticks = plot.getDomainAxis().refreshTicks(
                new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics(),
                new org.jfree.chart.axis.AxisState(), info.getPlotInfo().getDataArea(),
                org.jfree.chart.ui.RectangleEdge.BOTTOM);
        List<String> labels = ticks.stream().map(t -> ((org.jfree.chart.axis.Tick) t).getText()).toList();
        assertEquals(List.of("1 s", "1 min", "1 h", "1 day", "1 month", "1 year"), labels);
    }

    @Test
    void driftRejectsZeroTime() {
        List<Band> bands = List.of(new Band("fp", new double[] {0, 60}, new double[] {0.9, 0.8},
                new double[] {0, 0}));
        assertMessage(() -> ReportCharts.accuracyVersusDrift("", bands), "series[0]", "x[0]");
    }

    @Test
    void accuracyChartsRejectBadSeries() {
        assertMessage(() -> ReportCharts.accuracyVersusVariability("", List.of()), "series");
        assertMessage(() -> ReportCharts.accuracyVersusVariability("", null), "series");
        assertMessage(() -> ReportCharts.accuracyVersusVariability(null, accuracy(K)), "subtitle");
        Band twice = new Band("fp", K, MEAN, STD);
        assertMessage(() -> ReportCharts.accuracyVersusVariability("", List.of(twice, twice)), "series[1]", "fp");
        Band percent = new Band("fp", K, new double[] {96, 95, 93, 90, 86, 80}, STD);
        assertMessage(() -> ReportCharts.accuracyVersusVariability("", List.of(percent)), "series[0]", "mean[0]",
                "96.0");
    }

    @Test
    void pulseResponseHasOneSeriesPerDeviceThenTheMean() {
        double[][] g = new double[3][8];
        for (int d = 0; d < 3; d++) {
            for (int p = 0; p < 8; p++) {
                g[d][p] = (1 + d + (p < 4 ? p : 8 - p)) * 1e-6;
            }
        }
        JFreeChart chart = ReportCharts.pulseResponse("soft bounds", 4, g);
        XYPlot plot = chart.getXYPlot();
        XYDataset d = plot.getDataset();
        assertEquals(List.of("device 0", "device 1", "device 2", "mean"), keys(d));
        for (int s = 0; s < 4; s++) {
            assertEquals(8, d.getItemCount(s));
        }
        assertEquals(2.0, d.getYValue(1, 0), 1e-9, "device 1, pulse 0 in µS");
        assertEquals((1 + 2 + 3 + 3 * 3) / 3.0, d.getYValue(3, 3), 1e-9, "mean at pulse 3 in µS");
        assertEquals(1, plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).size(), "one switch in 8 pulses");
        assertEquals("Pulse number", plot.getDomainAxis().getLabel());
        assertEquals("Conductance (µS)", plot.getRangeAxis().getLabel());
        assertEquals("Device pulse response", title(chart));

        assertEquals(null, ReportCharts.pulseResponse("", 0, g).getXYPlot()
                .getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND), "no markers without cycles");
    }

    @Test
    void pulseResponseRejectsBadInput() {
        assertMessage(() -> ReportCharts.pulseResponse("", -1, new double[][] {{1e-6}}), "pulsesPerDirection",
                "-1");
        assertMessage(() -> ReportCharts.pulseResponse("", 0, new double[0][]), "conductanceSiemens");
        assertMessage(() -> ReportCharts.pulseResponse("", 0, new double[][] {{1e-6, 2e-6}, {1e-6}}),
                "conductanceSiemens", "row 1");
        assertMessage(() -> ReportCharts.pulseResponse("", 0, new double[][] {{1e-6, Double.NaN}}),
                "conductanceSiemens[0][1]", "NaN");
    }

    @Test
    void programmingResponseHasTheBandInMicrosiemensAndTheIdealLine() {
        double[] target = {1e-6, 10e-6, 20e-6};
        double[] mean = {1.2e-6, 9.8e-6, 19e-6};
        double[] std = {0.1e-6, 0.5e-6, 1e-6};
        JFreeChart chart = ReportCharts.programmingResponse("RRAM", target, mean, std);
        XYPlot plot = chart.getXYPlot();
        IntervalXYDataset band = (IntervalXYDataset) plot.getDataset(0);
        assertEquals(List.of(ReportCharts.PROGRAMMED), keys(band));
        assertEquals(3, band.getItemCount(0));
        assertEquals(10.0, band.getXValue(0, 1), 1e-9);
        assertEquals(9.8, band.getYValue(0, 1), 1e-9);
        assertEquals(9.3, band.getStartYValue(0, 1), 1e-9);
        assertEquals(10.3, band.getEndYValue(0, 1), 1e-9);
        XYDataset ideal = plot.getDataset(1);
        assertEquals(List.of("ideal"), keys(ideal));
        for (int i = 0; i < ideal.getItemCount(0); i++) {
            assertEquals(ideal.getXValue(0, i), ideal.getYValue(0, i), 0);
        }
        assertEquals(1.0, ideal.getXValue(0, 0), 1e-9);
        assertEquals(20.0, ideal.getXValue(0, ideal.getItemCount(0) - 1), 1e-9);
        assertEquals("Target conductance (µS)", plot.getDomainAxis().getLabel());
        assertEquals("Programmed conductance (µS)", plot.getRangeAxis().getLabel());
        assertEquals("Programming response", title(chart));

        assertMessage(() -> ReportCharts.programmingResponse("", target, mean, new double[] {0, 0}), "stdSiemens",
                "3", "2");
        assertMessage(() -> ReportCharts.programmingResponse("", target, mean, new double[] {0, -1e-7, 0}),
                "stdSiemens[1]");
        assertMessage(() -> ReportCharts.programmingResponse("", new double[] {2e-6, 1e-6, 3e-6}, mean, std),
                "targetSiemens", "ascending");
    }

    @Test
    void conductanceHistogramsShareBinEdges() {
        NamedSample before = new NamedSample("after programming", new double[] {1e-6, 2e-6, 3e-6, 25e-6});
        NamedSample after = new NamedSample("after 1 day", new double[] {0.5e-6, 1.5e-6, 20e-6});
        JFreeChart chart = ReportCharts.conductanceHistograms("PCM", List.of(before, after), 10);
        XYPlot plot = chart.getXYPlot();
        HistogramDataset d = (HistogramDataset) plot.getDataset();
        assertEquals(List.of("after programming", "after 1 day"), keys(d));
        double total0 = 0;
        double total1 = 0;
        for (int i = 0; i < 10; i++) {
            assertEquals(d.getStartXValue(0, i), d.getStartXValue(1, i), 0, "same edges");
            total0 += d.getYValue(0, i);
            total1 += d.getYValue(1, i);
        }
        assertEquals(10, d.getItemCount(0));
        assertEquals(10, d.getItemCount(1));
        assertEquals(0.5, d.getStartXValue(0, 0), 1e-9, "lowest value of all samples, in µS");
        assertEquals(25, d.getEndXValue(0, 9), 1e-9, "highest value of all samples, in µS");
        assertEquals(4, total0, 0);
        assertEquals(3, total1, 0);
        assertEquals("Conductance (µS)", plot.getDomainAxis().getLabel());
        assertEquals("Count", plot.getRangeAxis().getLabel());
        assertEquals("Conductance before and after drift", title(chart));

        NamedSample constant = new NamedSample("one value", new double[] {5e-6, 5e-6});
        HistogramDataset one = (HistogramDataset) ReportCharts.conductanceHistograms("", List.of(constant), 1)
                .getXYPlot().getDataset();
        assertEquals(2, one.getYValue(0, 0), 0);

        assertMessage(() -> ReportCharts.conductanceHistograms("", List.of(before), 0), "bins", "0");
        assertMessage(() -> ReportCharts.conductanceHistograms("", List.of(), 10), "samplesSiemens");
        assertMessage(() -> ReportCharts.conductanceHistograms("", List.of(before, before), 10), "samplesSiemens[1]");
    }

    @Test
    void irDropMapHoldsEveryCellWithRowZeroAtTheTop() {
        int rows = 3;
        int cols = 4;
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        JFreeChart chart = ReportCharts.irDropMap("tile", rows, cols, v, "Voltage lost (% of V_read)");
        XYPlot plot = chart.getXYPlot();
        XYZDataset d = (XYZDataset) plot.getDataset();
        assertEquals(rows * cols, d.getItemCount(0));
        for (int i = 0; i < v.length; i++) {
            assertEquals(i % cols, d.getXValue(0, i), 0, "column");
            assertEquals(i / cols, d.getYValue(0, i), 0, "row");
            assertEquals(v[i], d.getZValue(0, i), 0);
        }
        assertInstanceOf(XYBlockRenderer.class, plot.getRenderer());
        assertTrue(plot.getRangeAxis().isInverted(), "row 0 at the top");
        assertEquals("Column (bit line)", plot.getDomainAxis().getLabel());
        assertEquals("Row (word line)", plot.getRangeAxis().getLabel());
        assertEquals("IR drop across one tile", title(chart));
        PaintScaleLegend legend = null;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof PaintScaleLegend l) {
                legend = l;
            }
        }
        assertTrue(legend != null, "colour scale legend");
        assertEquals("Voltage lost (% of V_read)", legend.getAxis().getLabel());
        assertEquals(0, legend.getScale().getLowerBound(), 0);
        assertEquals(11, legend.getScale().getUpperBound(), 0);
    }

    @Test
    void irDropMapPaintsTheHighestCellBottomRight() {
        double[] v = {0, 0, 0, 1}; // 2 × 2, only (row 1, column 1) high
        JFreeChart chart = ReportCharts.irDropMap("", 2, 2, v, "loss (%)");
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(600, 400, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        Color topLeft = new Color(image.getRGB((int) (area.getX() + area.getWidth() / 4),
                (int) (area.getY() + area.getHeight() / 4)));
        Color bottomRight = new Color(image.getRGB((int) (area.getX() + 3 * area.getWidth() / 4),
                (int) (area.getY() + 3 * area.getHeight() / 4)));
        assertEquals(new ViridisPaintScale(0, 1).getPaint(0), topLeft);
        assertEquals(new ViridisPaintScale(0, 1).getPaint(1), bottomRight);
    }

    @Test
    void irDropMapOf256By256DrawsQuickly() {
        int n = 256;
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = 8.0 * (i / n + i % n) / (2 * n);
        }
        long t0 = System.nanoTime();
        JFreeChart chart = ReportCharts.irDropMap("", n, n, v, "loss (%)");
        chart.createBufferedImage(900, 560);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertTrue(seconds < 5, "256 × 256 map took " + seconds + " s");
    }

    @Test
    void irDropMapRejectsBadInput() {
        assertMessage(() -> ReportCharts.irDropMap("", 2, 3, new double[5], "v"), "values.length", "6", "5");
        assertMessage(() -> ReportCharts.irDropMap("", 0, 3, new double[0], "v"), "rows", "0");
        assertMessage(() -> ReportCharts.irDropMap("", 1, -2, new double[1], "v"), "cols", "-2");
        assertMessage(() -> ReportCharts.irDropMap("", 1, 2, new double[] {0, Double.POSITIVE_INFINITY}, "v"),
                "values[1]", "Infinity");
        assertMessage(() -> ReportCharts.irDropMap("", 1, 1, new double[1], " "), "valueLabel");
    }

    @Test
    void energyBreakdownChoosesOneUnitForAllBars() {
        String[] parts = {"cell reads", "DAC conversions", "ADC conversions", "digital accumulation"};
        JFreeChart chart = ReportCharts.energyBreakdown("MLP", parts, new double[] {0.42e-9, 0.11e-9, 2.9e-9,
            0.021e-9});
        CategoryPlot plot = chart.getCategoryPlot();
        CategoryDataset d = plot.getDataset();
        assertEquals(1, d.getRowCount());
        assertEquals(List.of(parts), d.getColumnKeys());
        assertEquals(2.9, d.getValue(0, 2).doubleValue(), 1e-12);
        assertEquals(0.021, d.getValue(0, 3).doubleValue(), 1e-12);
        assertEquals("Energy per inference (nJ)", plot.getRangeAxis().getLabel());
        assertEquals(org.jfree.chart.plot.PlotOrientation.HORIZONTAL, plot.getOrientation());
        assertTrue(plot.getRenderer().getDefaultItemLabelsVisible(), "values printed at the bars");
        assertEquals("Energy per inference by component", title(chart));

        assertEquals("Energy per inference (pJ)", ReportCharts.energyBreakdown("", new String[] {"a"},
                new double[] {0.5e-9}).getCategoryPlot().getRangeAxis().getLabel());
        assertEquals("Energy per inference (µJ)", ReportCharts.energyBreakdown("", new String[] {"a"},
                new double[] {2e-6}).getCategoryPlot().getRangeAxis().getLabel());
        assertEquals("Energy per inference (pJ)", ReportCharts.energyBreakdown("", new String[] {"a"},
                new double[] {0}).getCategoryPlot().getRangeAxis().getLabel());

        assertMessage(() -> ReportCharts.energyBreakdown("", parts, new double[] {1, 2}), "joulesPerInference",
                "4", "2");
        assertMessage(() -> ReportCharts.energyBreakdown("", new String[] {"a"}, new double[] {-1e-9}),
                "joulesPerInference[0]");
        assertMessage(() -> ReportCharts.energyBreakdown("", new String[] {"a", "a"}, new double[] {1, 1}),
                "components[1]");
        assertMessage(() -> ReportCharts.energyBreakdown("", new String[0], new double[0]), "components");
    }

    @Test
    void significantDigitsPrintsPlainNumbers() {
        ReportCharts.SignificantDigits f = new ReportCharts.SignificantDigits(3);
        assertEquals("0.021", f.format(0.021));
        assertEquals("2.9", f.format(2.9));
        assertEquals("2.91", f.format(2.9149));
        assertEquals("1230", f.format(1234.5));
        assertEquals("0", f.format(0.0));
    }

    @Test
    void fitVersusDataHasPointsAndTheIdentityLine() {
        double[] measured = {1, 5, 10, 20};
        double[] fitted = {1.1, 4.8, 10.5, 19};
        JFreeChart chart = ReportCharts.fitVersusData("soft bounds", "µS", measured, fitted);
        XYPlot plot = chart.getXYPlot();
        XYDataset d = plot.getDataset();
        assertEquals(List.of("fit vs data", "ideal"), keys(d));
        assertEquals(4, d.getItemCount(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(measured[i], d.getXValue(0, i), 0);
            assertEquals(fitted[i], d.getYValue(0, i), 0);
        }
        for (int i = 0; i < d.getItemCount(1); i++) {
            assertEquals(d.getXValue(1, i), d.getYValue(1, i), 0);
        }
        assertEquals("Measured (µS)", plot.getDomainAxis().getLabel());
        assertEquals("Fitted (µS)", plot.getRangeAxis().getLabel());
        assertEquals(plot.getDomainAxis().getRange(), plot.getRangeAxis().getRange(), "same scale on both axes");
        assertEquals("Fit vs data", title(chart));

        assertMessage(() -> ReportCharts.fitVersusData("", "µS", measured, new double[] {1}), "fitted", "4", "1");
        assertMessage(() -> ReportCharts.fitVersusData("", "µS", new double[] {Double.NaN}, new double[] {1}),
                "measured[0]", "NaN");
        assertMessage(() -> ReportCharts.fitVersusData("", null, measured, fitted), "unit");
    }

    @Test
    void everyChartDrawsWithoutError() {
        List<JFreeChart> charts = List.of(
                ReportCharts.accuracyVersusVariability("", accuracy(K)),
                ReportCharts.accuracyVersusDrift("", accuracy(T)),
                ReportCharts.pulseResponse("", 2, new double[][] {{1e-6, 2e-6, 1e-6}}),
                ReportCharts.programmingResponse("", new double[] {1e-6}, new double[] {1e-6}, new double[] {0}),
                ReportCharts.conductanceHistograms("", List.of(new NamedSample("g", new double[] {1e-6})), 5),
                ReportCharts.irDropMap("", 1, 1, new double[] {3}, "loss (%)"),
                ReportCharts.energyBreakdown("", new String[] {"a"}, new double[] {1e-12}),
                ReportCharts.fitVersusData("", "", new double[] {1}, new double[] {1}));
        for (JFreeChart chart : charts) {
            BufferedImage image = chart.createBufferedImage(900, 560);
            assertEquals(900, image.getWidth());
        }
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }
}
