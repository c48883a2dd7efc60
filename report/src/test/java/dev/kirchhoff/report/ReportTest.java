package dev.kirchhoff.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.profiles.NoiseProfiles;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report end to end on a small configuration (784-32-10, one epoch, k ∈ {0, 2}, t ∈ {1 s,
 * 1 day}, two seeds): the folder, the page, the charts and the data behind them, reproducibility,
 * and what a failed run leaves.
 */
class ReportTest {
    @TempDir
    static Path shared;

    private static Report.Result result;
    private static Path folder;

    static ReportConfig small(String profile, int threads) {
        return new ReportConfig(profile, new int[] {784, 32, 10}, 1, 3, new double[] {0, 2}, new double[] {1, 86_400}, 2,
                50, 86_400, 2, ReportConfig.DEFAULT_WIRE_SEGMENT_OHMS, threads, List.of());
    }

    @BeforeAll
    static void runOnce() throws IOException {
        folder = shared.resolve("report");
        result = Report.run(small("pcm-nandakumar-2019", 2), folder, (stage, f) -> {
        }, () -> false);
    }

    @Test
    void thePageLinksEveryChartAndEveryLinkedFileExists() throws IOException {
        Document page = Jsoup.parse(folder.resolve("index.html").toFile(), "UTF-8");
        assertTrue(page.title().contains("pcm-nandakumar-2019"), page.title());
        Elements figures = page.select("figure");
        assertEquals(result.charts().size(), figures.size());
        List<String> stems = new ArrayList<>();
        for (Element f : figures) {
            stems.add(f.id());
            String img = f.selectFirst("img").attr("src");
            assertEquals(f.id() + ".png", img);
            assertEquals(1, f.select("a[href=" + f.id() + ".svg]").size(), "SVG link of " + f.id());
        }
        assertEquals(List.of("accuracy-vs-variability", "accuracy-vs-drift", "programming-response",
                "conductance-histograms", "ir-drop-map", "energy"), stems);
        for (Element link : page.select("img[src], a[href]")) {
            String target = link.hasAttr("src") ? link.attr("src") : link.attr("href");
            assertTrue(Files.isRegularFile(folder.resolve(target)), "linked but missing: " + target);
            assertTrue(Files.size(folder.resolve(target)) > 0, "empty: " + target);
        }
        assertTrue(page.select("pre").text().contains("\"baseSeed\" : 50"), "the configuration is on the page");
        try (Stream<Path> siblings = Files.list(shared)) {
            assertEquals(List.of(folder), siblings.toList(), "no temporary folder is left beside the report");
        }
    }

    @Test
    void eachChartHasItsSeries() {
        Map<String, JFreeChart> charts = new HashMap<>();
        for (Report.Chart c : result.charts()) {
            charts.put(c.file(), c.chart());
        }
        for (String accuracy : List.of("accuracy-vs-variability", "accuracy-vs-drift")) {
            XYDataset d = charts.get(accuracy).getXYPlot().getDataset();
            assertEquals(2, d.getSeriesCount(), accuracy);
            assertEquals(Report.FP_NAME, d.getSeriesKey(0));
            assertEquals(Report.HWA_NAME, d.getSeriesKey(1));
            assertEquals(2, d.getItemCount(0), accuracy + ": two scales or two times");
        }
        XYPlot drift = charts.get("accuracy-vs-drift").getXYPlot();
        assertEquals(86_400, drift.getDataset().getXValue(0, 1), 0, "the drift chart's second point is 1 day");
        assertEquals("programmed (mean ± 1σ)", charts.get("programming-response").getXYPlot().getDataset().getSeriesKey(0));
        XYDataset histograms = charts.get("conductance-histograms").getXYPlot().getDataset();
        assertEquals("programmed", histograms.getSeriesKey(0));
        assertEquals("after 1 day", histograms.getSeriesKey(1));
        XYDataset ir = charts.get("ir-drop-map").getXYPlot().getDataset();
        assertEquals(256 * 64, ir.getItemCount(0), "256 inputs × (32 outputs × 2 devices)");
        CategoryPlot energy = charts.get("energy").getCategoryPlot();
        assertEquals(List.of("cell reads", "DAC conversions", "ADC conversions", "digital accumulation"),
                energy.getDataset().getColumnKeys());
    }

    @Test
    void theTableOnThePageIsTheSummaryCsvAndTheSummaryIsTheTrials() throws IOException {
        List<String[]> summary = csv(folder.resolve("accuracy-summary.csv"), Report.TABLE_HEADER);
        Document page = Jsoup.parse(folder.resolve("index.html").toFile(), "UTF-8");
        Elements rows = page.select("#accuracy-table tbody tr");
        assertEquals(summary.size(), rows.size());
        assertEquals(2 * 2 * 2, rows.size(), "two models × two scales × two times");
        for (int i = 0; i < rows.size(); i++) {
            Elements td = rows.get(i).select("td");
            String[] s = summary.get(i);
            assertEquals(s[0], td.get(0).text());
            assertEquals(s[1], td.get(1).text());
            assertEquals(s[2], td.get(3).text());
            assertEquals(s[3], td.get(4).text());
            assertEquals(String.format(Locale.ROOT, "%.2f", 100 * Double.parseDouble(s[4])), td.get(5).text());
            assertEquals(String.format(Locale.ROOT, "%.2f", 100 * Double.parseDouble(s[5])), td.get(6).text());
        }
        List<String[]> trials = csv(folder.resolve("accuracy.csv"), "model,profile,variability_scale,drift_time_s,seed,accuracy");
        assertEquals(2 * 2 * 2 * 2, trials.size(), "two models × two scales × two seeds × two times");
        for (String[] s : summary) {
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (String[] t : trials) {
                if (t[0].equals(s[0]) && t[2].equals(s[1]) && t[3].equals(s[2])) {
                    double a = Double.parseDouble(t[5]);
                    sum += a;
                    sumSq += a * a;
                    n++;
                }
            }
            double mean = sum / n;
            assertEquals(Integer.parseInt(s[3]), n);
            assertEquals(mean, Double.parseDouble(s[4]), 1e-12);
            assertEquals(Math.sqrt((sumSq - n * mean * mean) / (n - 1)), Double.parseDouble(s[5]), 1e-9);
        }
    }

    @Test
    void theSameConfigurationGivesTheSameCsvFilesAndWeightsOnOneThread() throws IOException {
        Path again = shared.resolve("again");
        try {
            Report.run(small("pcm-nandakumar-2019", 1), again, (stage, f) -> {
            }, () -> false);
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().forEach(names::add);
            }
            assertEquals(8, names.size(), names.toString());
            for (String name : names) {
                assertArrayEquals(Files.readAllBytes(folder.resolve(name)), Files.readAllBytes(again.resolve(name)), name);
            }
            for (String model : List.of("fp.khm", "hwa.khm")) {
                Mlp one = ModelFile.read(folder.resolve(model)).network();
                Mlp other = ModelFile.read(again.resolve(model)).network();
                for (int l = 0; l < one.layers(); l++) {
                    assertArrayEquals(one.weights(l), other.weights(l), model + " layer " + l);
                }
            }
        } finally {
            ReportFolder.delete(again);
        }
    }

    @Test
    void aStoppedOrFailedRunLeavesThePreviousReportAsItWas(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "previous report");
        assertThrows(CancellationException.class, () -> Report.run(small("pcm-nandakumar-2019", 2), out, (stage, f) -> {
        }, () -> true));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Report.run(small("no-such-profile", 2), out, (stage, f) -> {
                }, () -> false));
        assertTrue(unknown.getMessage().contains("no-such-profile"), unknown.getMessage());
        int[] polled = {0};
        assertThrows(CancellationException.class, () -> Report.run(small("pcm-nandakumar-2019", 2), out, (stage, f) -> {
        }, () -> ++polled[0] > 200));
        assertEquals("previous report", Files.readString(out.resolve("index.html")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary folder is left");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class, () -> Report.run(small("pcm-nandakumar-2019", 2),
                file.resolve("report"), (stage, f) -> {
                }, () -> false));
        assertTrue(e.getMessage().contains("report"), e.getMessage());
        IOException isFile = assertThrows(IOException.class, () -> Report.run(small("pcm-nandakumar-2019", 2), file,
                (stage, f) -> {
                }, () -> false));
        assertTrue(isFile.getMessage().contains("is a file"), isFile.getMessage());
    }

    @Test
    void aFittedProfileFileShowsItsPulseResponseAndTheFitBesideIt(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("my-fit.json");
        Files.writeString(profile, NoiseProfiles.toJson(Presets.load("rram-soft-bounds")));
        Files.writeString(dir.resolve("my-fit-pulse-response-residuals.csv"),
                "device,cycle,pulse_index,measured_siemens,fitted_siemens,residual_siemens\n"
                        + "0,0,0,1.0e-6,1.1e-6,-1.0e-7\n0,0,1,2.0e-6,1.9e-6,1.0e-7\n0,0,2,3.0e-6,3.0e-6,0\n",
                StandardCharsets.UTF_8);
        Report.Result r = Report.run(small(profile.toString(), 2), dir.resolve("report"), (stage, f) -> {
        }, () -> false);
        List<String> stems = r.charts().stream().map(Report.Chart::file).toList();
        assertTrue(stems.contains("pulse-response"), stems.toString());
        assertTrue(stems.contains("fit-my-fit-pulse-response"), stems.toString());
        assertFalse(stems.contains("programming-response"), stems.toString());
        JFreeChart pulses = r.charts().get(stems.indexOf("pulse-response")).chart();
        assertEquals(DeviceViews.PULSE_DEVICES + 1, pulses.getXYPlot().getDataset().getSeriesCount(), "devices and the mean");
        XYDataset fit = r.charts().get(stems.indexOf("fit-my-fit-pulse-response")).chart().getXYPlot().getDataset();
        assertEquals(3, fit.getItemCount(0));
        assertEquals(1.0, fit.getXValue(0, 0), 1e-12, "measured in µS");
        assertEquals(1.1, fit.getYValue(0, 0), 1e-12, "fitted in µS");
        List<String> lines = Files.readAllLines(dir.resolve("report").resolve("pulse-response.csv"));
        assertEquals("device,cycle,pulse_index,polarity,conductance_siemens", lines.get(0));
        assertEquals(1 + DeviceViews.PULSE_DEVICES * DeviceViews.PULSE_CYCLES * 2 * DeviceViews.PULSE_PER_DIRECTION,
                lines.size());
    }

    private static List<String[]> csv(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals(header, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(l.split(",", -1));
        }
        return rows;
    }
}
