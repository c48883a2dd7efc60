package dev.kirchhoff.report;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code kirchhoff report} runs: the device profile, the network and its training, the Monte
 * Carlo sweep and the chip views. Immutable; every field is checked here, and a message names the
 * field and its value. Saved with every report as {@code config.json}, which reruns it.
 *
 * @param profile                     a preset name or a noise-profile file
 * @param layers                      layer sizes, input first (784 for MNIST) and at least 10 outputs
 * @param epochs                      training epochs of both networks, ≥ 1
 * @param trainingSeed                seed of both trainings (initial weights, shuffles, noise)
 * @param variabilityScales           variability scales k of the sweep, each ≥ 0 and finite, at least one
 * @param driftTimesSeconds           inference times of the sweep (s), each > 0 and finite, at least one
 * @param seeds                       Monte Carlo trials per (k, t), ≥ 1
 * @param baseSeed                    seed of the first trial; trial i uses baseSeed + i
 * @param variabilityChartTimeSeconds the drift time at which accuracy is drawn against k; one of
 *                                    {@code driftTimesSeconds}
 * @param driftChartScale             the variability scale at which accuracy is drawn against time;
 *                                    one of {@code variabilityScales}
 * @param wireSegmentOhms             wire resistance between neighbouring cells in the IR-drop
 *                                    view (Ω), ≥ 0 and finite
 * @param threads                     threads for training and for the trials, ≥ 1
 * @param residuals                   fit residual CSVs ({@code kirchhoff fit}) to show as fit vs
 *                                    data; may be empty
 */
public record ReportConfig(String profile, int[] layers, int epochs, long trainingSeed, double[] variabilityScales,
        double[] driftTimesSeconds, int seeds, long baseSeed, double variabilityChartTimeSeconds, double driftChartScale,
        double wireSegmentOhms, int threads, List<String> residuals) {

    /** One day (s): the drift time of the accuracy-vs-variability chart by default. */
    public static final double ONE_DAY_SECONDS = 86_400;

    /**
     * Wire resistance per cell pitch (Ω) of the IR-drop view: a 22 nm copper line of aspect ratio
     * 2 (22 × 44 nm) over a 4F = 88 nm pitch with a size-affected resistivity of about
     * 3·10⁻⁸ Ω·m gives R = ρL/A ≈ 2.7 Ω (the wire model of NeuroSim, Peng et al., IEDM 2019,
     * doi:10.1109/IEDM19573.2019.8993491); 2.5 Ω is that order.
     */
    public static final double DEFAULT_WIRE_SEGMENT_OHMS = 2.5;

    public ReportConfig {
        if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("profile must name a preset or a file, got "
                    + (profile == null ? "null" : "'" + profile + "'"));
        }
        if (layers == null || layers.length < 2) {
            throw new IllegalArgumentException("layers must list at least two sizes, got "
                    + (layers == null ? "null" : Arrays.toString(layers)));
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 1) {
                throw new IllegalArgumentException("layers[" + i + "] must be at least 1, got " + layers[i]);
            }
        }
        positive("epochs", epochs);
        values("variabilityScales", variabilityScales, true);
        values("driftTimesSeconds", driftTimesSeconds, false);
        positive("seeds", seeds);
        if (!contains(driftTimesSeconds, variabilityChartTimeSeconds)) {
            throw new IllegalArgumentException("variabilityChartTimeSeconds must be one of driftTimesSeconds "
                    + Arrays.toString(driftTimesSeconds) + ", got " + variabilityChartTimeSeconds);
        }
        if (!contains(variabilityScales, driftChartScale)) {
            throw new IllegalArgumentException("driftChartScale must be one of variabilityScales "
                    + Arrays.toString(variabilityScales) + ", got " + driftChartScale);
        }
        if (!(wireSegmentOhms >= 0 && wireSegmentOhms < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("wireSegmentOhms must be non-negative and finite, got " + wireSegmentOhms);
        }
        positive("threads", threads);
        residuals = residuals == null ? List.of() : List.copyOf(residuals);
        layers = layers.clone();
        variabilityScales = variabilityScales.clone();
        driftTimesSeconds = driftTimesSeconds.clone();
    }

    /**
     * The default report: the PCM preset, 784-256-128-10 trained for 15 epochs, k = 0, 0.5, 1,
     * 1.5, 2, 3, drift times 1 s, 1 h, 1 day, 30 days, 1 year, 10 seeds; both cores.
     */
    public static ReportConfig defaults() {
        return new ReportConfig("pcm-nandakumar-2019", new int[] {784, 256, 128, 10}, 15, 1,
                new double[] {0, 0.5, 1, 1.5, 2, 3}, new double[] {1, 3_600, ONE_DAY_SECONDS, 2_592_000, 31_536_000}, 10,
                1000, ONE_DAY_SECONDS, 1, DEFAULT_WIRE_SEGMENT_OHMS, Runtime.getRuntime().availableProcessors(),
                List.of());
    }

    /** The quick report: the same network for 3 epochs, k = 0, 1, 2, times 1 s, 1 day, 1 year, 3 seeds. */
    public static ReportConfig quick() {
        ReportConfig d = defaults();
        return new ReportConfig(d.profile, d.layers, 3, d.trainingSeed, new double[] {0, 1, 2},
                new double[] {1, ONE_DAY_SECONDS, 31_536_000}, 3, d.baseSeed, ONE_DAY_SECONDS, 1, d.wireSegmentOhms,
                d.threads, List.of());
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    @Override
    public double[] variabilityScales() {
        return variabilityScales.clone();
    }

    @Override
    public double[] driftTimesSeconds() {
        return driftTimesSeconds.clone();
    }

    /** A copy with another profile. */
    public ReportConfig withProfile(String v) {
        return new ReportConfig(v, layers, epochs, trainingSeed, variabilityScales, driftTimesSeconds, seeds, baseSeed,
                variabilityChartTimeSeconds, driftChartScale, wireSegmentOhms, threads, residuals);
    }

    /** A copy with other threads. */
    public ReportConfig withThreads(int v) {
        return new ReportConfig(profile, layers, epochs, trainingSeed, variabilityScales, driftTimesSeconds, seeds, baseSeed,
                variabilityChartTimeSeconds, driftChartScale, wireSegmentOhms, v, residuals);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }

    private static void values(String name, double[] v, boolean zeroAllowed) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, got none");
        }
        for (int i = 0; i < v.length; i++) {
            boolean ok = zeroAllowed ? v[i] >= 0 : v[i] > 0;
            if (!(ok && v[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(name + "[" + i + "] must be " + (zeroAllowed ? "non-negative" : "positive")
                        + " and finite, got " + v[i]);
            }
            for (int j = 0; j < i; j++) {
                if (v[j] == v[i]) {
                    throw new IllegalArgumentException(name + "[" + i + "] repeats " + v[i]);
                }
            }
        }
    }

    private static boolean contains(double[] values, double v) {
        for (double x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportConfig c && profile.equals(c.profile) && Arrays.equals(layers, c.layers)
                && epochs == c.epochs && trainingSeed == c.trainingSeed
                && Arrays.equals(variabilityScales, c.variabilityScales)
                && Arrays.equals(driftTimesSeconds, c.driftTimesSeconds) && seeds == c.seeds && baseSeed == c.baseSeed
                && Double.compare(variabilityChartTimeSeconds, c.variabilityChartTimeSeconds) == 0
                && Double.compare(driftChartScale, c.driftChartScale) == 0
                && Double.compare(wireSegmentOhms, c.wireSegmentOhms) == 0 && threads == c.threads
                && residuals.equals(c.residuals);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {profile, Arrays.hashCode(layers), epochs, trainingSeed,
            Arrays.hashCode(variabilityScales), Arrays.hashCode(driftTimesSeconds), seeds, baseSeed,
            variabilityChartTimeSeconds, driftChartScale, wireSegmentOhms, threads, residuals});
    }

    @Override
    public String toString() {
        return "ReportConfig[profile=" + profile + ", layers=" + Arrays.toString(layers) + ", epochs=" + epochs
                + ", trainingSeed=" + trainingSeed + ", variabilityScales=" + Arrays.toString(variabilityScales)
                + ", driftTimesSeconds=" + Arrays.toString(driftTimesSeconds) + ", seeds=" + seeds + ", baseSeed="
                + baseSeed + ", variabilityChartTimeSeconds=" + variabilityChartTimeSeconds + ", driftChartScale="
                + driftChartScale + ", wireSegmentOhms=" + wireSegmentOhms + ", threads=" + threads + ", residuals="
                + residuals + "]";
    }
}
