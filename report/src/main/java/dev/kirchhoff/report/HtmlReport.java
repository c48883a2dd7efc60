package dev.kirchhoff.report;

import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.AccuracyCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's {@code index.html}: one self-contained page (inline style, no scripts, no external
 * resources; the charts are files beside it) read top to bottom: the finding, what was run, the
 * charts with captions and links to their SVG and CSV, the table of numbers, the chip figures,
 * and the configuration and seeds that rerun it.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:960px;\
            margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
            h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}
            figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}
            figcaption{font-size:.95em;color:#444}
            table{border-collapse:collapse;font-size:.92em}th,td{padding:.25em .7em;border-bottom:1px solid #e4e4e4;\
            text-align:right}th{background:#f5f5f5}td.l,th.l{text-align:left}
            pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.88em}
            .finding{background:#f2f7fc;border-left:4px solid #0072b2;padding:.6em 1em}
            """;

    private HtmlReport() {
    }

    static String render(Report.Result r) {
        ReportConfig c = r.config();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Kirchhoff report: ").append(esc(r.profile().name())).append("</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Accuracy on analog hardware: ").append(esc(r.profile().name())).append("</h1>\n");
        h.append("<p>Devices: ").append(esc(r.profile().source())).append(".</p>\n");
        List<String> missing = new ArrayList<>();
        for (String section : List.of("programmingNoise", "readNoise", "drift")) {
            if (!r.profile().sections().contains(section)) {
                missing.add(section);
            }
        }
        if (!missing.isEmpty()) {
            h.append("<p><b>Note:</b> this profile has no ").append(esc(String.join(", ", missing)))
                    .append(" section, so the programmed devices carry none of it: the sweep over variability scale")
                    .append(missing.size() == 3 ? " and drift time shows the periphery's noise only." : " does not scale it.")
                    .append("</p>\n");
        }
        finding(h, r);

        h.append("<h2 id=\"run\">What was run</h2>\n<ul>\n");
        h.append("<li>Data: MNIST-10k bundled with Kirchhoff, 8,000 training and 2,000 test images (deterministic split).</li>\n");
        h.append("<li>Network: ").append(sizes(c.layers())).append(", ReLU, softmax cross-entropy, ").append(c.epochs())
                .append(" epochs of momentum SGD (batch 32), training seed ").append(c.trainingSeed()).append(".</li>\n");
        h.append("<li><b>floating point</b> (<code>fp.khm</code>): trained in software; digital test accuracy ")
                .append(pct(r.fpDigital())).append(".</li>\n");
        h.append("<li><b>noise in the loop</b> (<code>hwa.khm</code>): trained through simulated tiles (the profile's")
                .append(" programming and read noise, DAC/ADC, output noise, weight clipping); digital test accuracy ")
                .append(pct(r.hwaDigital())).append(".</li>\n");
        h.append("<li>Hardware: both programmed onto differential pairs of the profile's devices, read after each drift")
                .append(" time with global drift compensation, through 8-bit DAC and ADC with output noise.</li>\n");
        h.append("<li>Sweep: variability scale k ∈ {").append(list(c.variabilityScales())).append("} × drift time ∈ {")
                .append(times(c.driftTimesSeconds())).append("} × ").append(c.seeds()).append(" Monte Carlo seeds (")
                .append(c.baseSeed()).append(" … ").append(c.baseSeed() + c.seeds() - 1).append("), ")
                .append(r.rows().size()).append(" accuracy measurements.</li>\n");
        h.append(String.format(Locale.ROOT, "<li>Wall time: training %.1f s, sweep %.1f s, device and chip views %.1f s"
                + " (%d threads).</li>%n", r.stageSeconds()[0], r.stageSeconds()[1], r.stageSeconds()[2], c.threads()));
        h.append("</ul>\n");

        h.append("<h2 id=\"charts\">Charts</h2>\n");
        for (Report.Chart chart : r.charts()) {
            h.append("<figure id=\"").append(esc(chart.file())).append("\">\n<img src=\"").append(esc(chart.file()))
                    .append(".png\" alt=\"").append(esc(chart.title())).append("\" width=\"").append(Report.WIDTH)
                    .append("\" height=\"").append(Report.HEIGHT).append("\">\n<figcaption><b>")
                    .append(esc(chart.title())).append(".</b> ").append(esc(chart.caption())).append(" <a href=\"")
                    .append(esc(chart.file())).append(".svg\">SVG</a> · <a href=\"").append(esc(chart.csv()))
                    .append("\">data (CSV)</a></figcaption>\n</figure>\n");
        }

        h.append("<h2 id=\"numbers\">The numbers</h2>\n<p>Test accuracy, mean and sample standard deviation over the seeds")
                .append(" (every trial: <a href=\"accuracy.csv\">accuracy.csv</a>, in the format of")
                .append(" <code>kirchhoff evaluate</code>; this table: <a href=\"accuracy-summary.csv\">accuracy-summary.csv</a>).</p>\n");
        h.append("<table id=\"accuracy-table\">\n<thead><tr><th class=\"l\">model</th><th>variability scale k</th>")
                .append("<th>drift time</th><th>drift time (s)</th><th>trials</th><th>accuracy mean (%)</th>")
                .append("<th>accuracy std (%)</th></tr></thead>\n<tbody>\n");
        for (Report.TableRow row : r.table()) {
            AccuracySweep.Summary s = row.summary();
            h.append("<tr><td class=\"l\">").append(esc(row.model())).append("</td><td>")
                    .append(AccuracyCsv.number(s.variabilityScale())).append("</td><td>")
                    .append(esc(duration(s.driftTimeSeconds()))).append("</td><td>")
                    .append(AccuracyCsv.number(s.driftTimeSeconds())).append("</td><td>").append(s.trials())
                    .append(String.format(Locale.ROOT, "</td><td>%.2f</td><td>%.2f</td></tr>%n", 100 * s.mean(),
                            100 * s.std()));
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h2 id=\"chip\">On the chip</h2>\n");
        ChipEnergy.Result e = r.energy();
        h.append(String.format(Locale.ROOT, "<p>The noise-in-the-loop network on %d tiles: %.3g nJ and %.3g µs per"
                + " inference (images read one after another, layers in sequence), %s of %d test images correct on the"
                + " tiles (ideal devices at the programmed conductances, the training periphery).</p>%n",
                e.tiles(), e.totalJoules() * 1e9, e.latencySeconds() * 1e6, pct(e.accuracy()), e.images()));
        h.append("<table id=\"energy-table\">\n<thead><tr><th class=\"l\">component</th><th>events per inference</th>")
                .append("<th>energy per inference (nJ)</th><th>share</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < e.components().length; i++) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%.0f</td><td>%.4g</td><td>%.1f%%</td></tr>%n",
                    esc(componentName(e.components()[i])), e.counts()[i], e.joules()[i] * 1e9,
                    100 * e.joules()[i] / e.totalJoules()));
        }
        h.append("</tbody>\n</table>\n");
        h.append(String.format(Locale.ROOT, "<p>IR drop: with %s Ω per wire segment and every row driven, the cells of"
                + " one tile lose %.2f%% of the read voltage on average and %.2f%% at worst.</p>%n",
                AccuracyCsv.number(c.wireSegmentOhms()), r.irDrop().mean(), r.irDrop().max()));

        h.append("<h2 id=\"config\">Configuration and seeds</h2>\n<p>Everything above follows from this configuration")
                .append(" (<a href=\"config.json\">config.json</a>) and the profile (<a href=\"profile.json\">profile.json</a>);")
                .append(" the same configuration gives the same CSV files on any number of threads. To rerun it:</p>\n");
        h.append("<pre>kirchhoff report --config config.json --out report-rerun</pre>\n");
        h.append("<pre>").append(esc(ReportConfigs.toJson(c))).append("</pre>\n");
        h.append("<p>Seeds: both networks are trained with seed ").append(c.trainingSeed()).append("; trial i of the sweep")
                .append(" programs and reads with seed ").append(c.baseSeed()).append(" + i, its own generators (the")
                .append(" same seed at every k, so the curves over k share their random draws); the device views use seed ")
                .append(c.baseSeed()).append(". The models can be evaluated again with <code>kirchhoff evaluate --model")
                .append(" hwa.khm --profile profile.json</code>.</p>\n");
        String version = Report.class.getPackage().getImplementationVersion();
        h.append("<p>Java ").append(esc(System.getProperty("java.version"))).append(", Kirchhoff ")
                .append(esc(version == null ? "(development build)" : version)).append(".</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void finding(StringBuilder h, Report.Result r) {
        ReportConfig c = r.config();
        AccuracySweep.Summary fp = find(r, "fp", c.driftChartScale(), c.variabilityChartTimeSeconds());
        AccuracySweep.Summary hwa = find(r, "hwa", c.driftChartScale(), c.variabilityChartTimeSeconds());
        h.append("<p class=\"finding\">At the profile's ");
        h.append(c.driftChartScale() == 1 ? "own variability" : "variability × " + AccuracyCsv.number(c.driftChartScale()));
        h.append(", read ").append(esc(duration(c.variabilityChartTimeSeconds()))).append(" after programming, the")
                .append(" noise-in-the-loop network scores <b>").append(pct(hwa.mean())).append(" ± ").append(pct(hwa.std()))
                .append("</b> and the floating-point network ").append(pct(fp.mean())).append(" ± ").append(pct(fp.std()))
                .append(" (").append(fp.trials()).append(" seeds each; in software ").append(pct(r.hwaDigital()))
                .append(" and ").append(pct(r.fpDigital())).append(").</p>\n");
    }

    private static AccuracySweep.Summary find(Report.Result r, String model, double k, double t) {
        for (Report.TableRow row : r.table()) {
            if (row.model().equals(model) && row.summary().variabilityScale() == k
                    && row.summary().driftTimeSeconds() == t) {
                return row.summary();
            }
        }
        throw new IllegalStateException("no summary for " + model + " at k = " + k + ", t = " + t);
    }

    /** A readable name of an energy component. */
    static String componentName(Component c) {
        return switch (c) {
            case CELL_READ -> "cell reads";
            case DAC_CONVERSION -> "DAC conversions";
            case ADC_CONVERSION -> "ADC conversions";
            case ACCUMULATION -> "digital accumulation";
            default -> c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** A time in the unit a person would use: 1 s, 1 h, 1 day, 30 days, 1 year. */
    static String duration(double seconds) {
        double[] unit = {31_536_000, 86_400, 3_600, 60, 1};
        String[] name = {"year", "day", "h", "min", "s"};
        for (int i = 0; i < unit.length; i++) {
            double v = seconds / unit[i];
            if (v >= 1 && Math.abs(v - Math.rint(v)) < 1e-9) {
                long n = Math.round(v);
                boolean word = name[i].length() > 3;
                return n + " " + name[i] + (word && n != 1 ? "s" : "");
            }
        }
        return AccuracyCsv.number(seconds) + " s";
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String sizes(int[] layers) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < layers.length; i++) {
            s.append(i == 0 ? "" : "-").append(layers[i]);
        }
        return s.toString();
    }

    private static String list(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(AccuracyCsv.number(v[i]));
        }
        return s.toString();
    }

    private static String times(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(duration(v[i]));
        }
        return s.toString();
    }

    /** HTML text escaping. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
