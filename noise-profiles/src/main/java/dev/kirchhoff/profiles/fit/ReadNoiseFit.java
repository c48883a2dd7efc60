package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.inference.ReadNoise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits read noise σ(G) to repeated reads of many devices: CSV
 * {@code device,read_index,conductance_siemens}, at least 2 reads of each of at least 3 devices.
 *
 * <p>Per device d with n_d reads x_{d,j}: the mean G_d and the sum of squares
 * {@code S_d = Σ_j (x_{d,j} − G_d)² = (n_d − 1)·s_d²}. With reads x ~ N(G_d, σ(G_d)²),
 * {@code S_d/σ(G_d)² ~ χ²(n_d − 1)}, so the likelihood of the σ curve is
 * <pre>
 *   ℓ = Σ_d [ −((n_d − 1)/2)·ln(2π·σ(G_d)²) − S_d/(2·σ(G_d)²) ]
 * </pre>
 * the restricted (REML) likelihood of the raw reads: it weights each device by its degrees of
 * freedom, needs no per-device mean parameters, and gives an unbiased σ² (plain ML on the reads
 * would shrink it by (n−1)/n). The sample σ_d itself is not regressed on: it is skewed and biased
 * low for small n. σ(G_d) is evaluated at the device mean (its error is σ/√n, negligible against
 * the curvature of σ(G)). Maximised by Fisher scoring ({@link NoiseLikelihoodFit}).
 *
 * <p>Candidates, with {@code g = G/g_max}:
 * <ul>
 *   <li>{@code constant}: σ = c → {@link ReadNoise.Constant};</li>
 *   <li>{@code proportional}: σ = r·G → {@link ReadNoise.Proportional};</li>
 *   <li>{@code polynomial-1}, {@code polynomial-2}: σ = c_0 + c_1·g (+ c_2·g²) →
 *       {@link ReadNoise.Polynomial} (aihwkit's polynomial form of σ, Rasch et al., AICAS 2021,
 *       doi:10.1109/AICAS51828.2021.9458494).</li>
 * </ul>
 * The one with the lowest BIC = −2ℓ + p·ln N, N = Σ_d (n_d − 1) (Schwarz, Ann. Stat. 6, 1978,
 * doi:10.1214/aos/1176344136) is returned. All candidates share one likelihood, so BIC compares
 * them directly; BIC rather than AIC because the forms are nested and a device engineer wants
 * the simplest form the data support, and BIC is consistent (picks the true form as N grows).
 * Only candidates with fewer parameters than devices are tried.
 *
 * <p>The fitted σ holds at the time the reads were taken: every returned form has time factor 1.
 * 95% intervals are Wald intervals from the expected information.
 */
public final class ReadNoiseFit {
    /** Column of device labels. */
    public static final String DEVICE_COLUMN = "device";
    /** Column numbering the reads of a device (read, checked numeric, otherwise unused). */
    public static final String READ_INDEX_COLUMN = "read_index";
    /** Column of read conductances (S). */
    public static final String CONDUCTANCE_COLUMN = "conductance_siemens";
    /** Fewest devices that can tell the σ(G) forms apart. */
    public static final int MIN_DEVICES = 3;

    /**
     * The fit.
     *
     * @param model     the chosen read-noise model
     * @param summary   parameters with 95% intervals, RMSE and R² of σ_d, BIC of every candidate
     * @param residuals {@code device,mean_siemens,sigma_measured_siemens,sigma_fitted_siemens,residual_siemens},
     *                  one row per device (device = number in order of first appearance; σ_measured the
     *                  sample standard deviation with n − 1)
     */
    public record Result(ReadNoise model, FitSummary summary, ResidualTable residuals) {
    }

    private ReadNoiseFit() {
    }

    /** Reads the CSV and fits it, with g_max = the largest device mean. */
    public static Result fit(Path file) throws IOException {
        return fit(read(file));
    }

    /** Reads a CSV with the columns this fit needs. */
    public static MeasurementCsv read(Path file) throws IOException {
        return MeasurementCsv.read(file, DEVICE_COLUMN, READ_INDEX_COLUMN, CONDUCTANCE_COLUMN);
    }

    /** Fits with g_max (which normalises the polynomial forms) = the largest device mean. */
    public static Result fit(MeasurementCsv data) {
        return fit(data, Double.NaN);
    }

    /**
     * Fits.
     *
     * @param data        rows of {@code device,read_index,conductance_siemens}
     * @param gMaxSiemens g_max that normalises the polynomial forms (S), &gt; 0; NaN for the largest device mean
     * @throws DataFormatException fewer than 2 reads of a device, fewer than {@value #MIN_DEVICES} devices,
     *                             or no read-to-read variation at all
     * @throws FitException        when the likelihood cannot be maximised
     */
    public static Result fit(MeasurementCsv data, double gMaxSiemens) {
        String origin = data.origin();
        double[] reads = data.column(CONDUCTANCE_COLUMN);
        int[][] rows = InferenceFitSupport.rowsByDevice(data);
        int devices = rows.length;
        for (int d = 0; d < devices; d++) {
            if (rows[d].length < 2) {
                throw new DataFormatException(origin + ":" + data.lineOf(rows[d][0]) + ": device '"
                        + data.deviceLabels().get(d) + "' has 1 read; read noise needs at least 2 reads per device");
            }
        }
        if (devices < MIN_DEVICES) {
            throw new DataFormatException(origin + ": " + devices + " device(s); fitting σ(G) needs at least "
                    + MIN_DEVICES);
        }
        // Internal unit µS keeps every parameter of order one.
        double[] meanMicro = new double[devices];
        double[] sumSquares = new double[devices];
        double[] weight = new double[devices];
        double totalSquares = 0;
        double totalWeight = 0;
        double largestMean = 0;
        boolean allPositive = true;
        for (int d = 0; d < devices; d++) {
            double m = 0;
            for (int r : rows[d]) {
                m += reads[r] * 1e6;
            }
            m /= rows[d].length;
            double ss = 0;
            for (int r : rows[d]) {
                double e = reads[r] * 1e6 - m;
                ss += e * e;
            }
            meanMicro[d] = m;
            sumSquares[d] = ss;
            weight[d] = rows[d].length - 1;
            totalSquares += ss;
            totalWeight += weight[d];
            largestMean = Math.max(largestMean, m);
            allPositive &= m > 0;
        }
        if (!(totalSquares > 0)) {
            throw new DataFormatException(origin + ": every device reads the same value every time; there is no read noise to fit");
        }
        double gMax;
        if (Double.isNaN(gMaxSiemens)) {
            if (!(largestMean > 0)) {
                throw new DataFormatException(origin + ": every device mean is 0 S; give g_max explicitly");
            }
            gMax = largestMean * 1e-6;
        } else {
            if (!(gMaxSiemens > 0 && gMaxSiemens < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("gMaxSiemens must be positive and finite (or NaN), got " + gMaxSiemens);
            }
            gMax = gMaxSiemens;
        }
        double gMaxMicro = gMax * 1e6;
        double[] g = new double[devices];
        for (int d = 0; d < devices; d++) {
            g[d] = meanMicro[d] / gMaxMicro;
        }
        double[] zero = new double[devices];
        double pooled = Math.sqrt(totalSquares / totalWeight);
        List<String> notes = new ArrayList<>();

        Map<String, NoiseLikelihoodFit.Result> fits = new LinkedHashMap<>();
        Map<String, Double> bic = new LinkedHashMap<>();
        fits.put("constant", NoiseLikelihoodFit.fit("read noise, constant, " + origin, (theta, mean, variance) -> {
            if (!(theta[0] > 0)) {
                return false;
            }
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(variance, theta[0] * theta[0]);
            return true;
        }, zero, sumSquares, weight, new double[] {pooled}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY},
                new double[] {pooled}));
        if (allPositive) {
            double rel = 0;
            for (int d = 0; d < devices; d++) {
                rel += sumSquares[d] / (meanMicro[d] * meanMicro[d]);
            }
            rel = Math.sqrt(rel / totalWeight);
            fits.put("proportional", NoiseLikelihoodFit.fit("read noise, proportional, " + origin,
                    (theta, mean, variance) -> {
                        if (!(theta[0] > 0)) {
                            return false;
                        }
                        for (int d = 0; d < devices; d++) {
                            double s = theta[0] * meanMicro[d];
                            mean[d] = 0;
                            variance[d] = s * s;
                        }
                        return true;
                    }, zero, sumSquares, weight, new double[] {rel}, new double[] {0},
                    new double[] {Double.POSITIVE_INFINITY}, new double[] {rel}));
        } else {
            notes.add("some device means are 0 S: the proportional form was not tried");
        }
        for (int degree = 1; degree <= 2 && degree + 1 < devices; degree++) {
            int p = degree + 1;
            double[] start = new double[p];
            start[0] = pooled;
            double[] lower = new double[p];
            double[] upper = new double[p];
            double[] scale = new double[p];
            java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(scale, pooled);
            fits.put("polynomial-" + degree, NoiseLikelihoodFit.fit("read noise, polynomial of degree " + degree + ", "
                    + origin, (theta, mean, variance) -> {
                        for (int d = 0; d < devices; d++) {
                            double s = InferenceFitSupport.polynomial(theta, g[d]);
                            if (!(s > 0)) {
                                return false;
                            }
                            mean[d] = 0;
                            variance[d] = s * s;
                        }
                        return true;
                    }, zero, sumSquares, weight, start, lower, upper, scale));
        }
        fits.forEach((name, f) -> bic.put(name, f.bic()));
        String chosen = InferenceFitSupport.best(bic);
        NoiseLikelihoodFit.Result best = fits.get(chosen);

        ReadNoise model;
        List<FitParameter> parameters = new ArrayList<>();
        if (chosen.equals("constant")) {
            model = new ReadNoise.Constant(best.theta()[0] * 1e-6);
            parameters.add(best.parameter(0, "sigmaSiemens", "S", 1e-6));
        } else if (chosen.equals("proportional")) {
            model = new ReadNoise.Proportional(best.theta()[0]);
            parameters.add(best.parameter(0, "relativeSigma", "1", 1));
        } else {
            double[] c = new double[best.theta().length];
            for (int k = 0; k < c.length; k++) {
                c[k] = best.theta()[k] * 1e-6;
                parameters.add(best.parameter(k, "coefficientsSiemens[" + k + "]", "S", 1e-6));
            }
            model = new ReadNoise.Polynomial(c, gMax);
            parameters.add(FitParameter.point("gMaxSiemens", "S", gMax));
        }

        double[] measured = new double[devices];
        double[] fitted = new double[devices];
        List<double[]> table = new ArrayList<>(devices);
        for (int d = 0; d < devices; d++) {
            measured[d] = Math.sqrt(sumSquares[d] / weight[d]) * 1e-6;
            fitted[d] = Math.sqrt(best.variance()[d]) * 1e-6;
            table.add(new double[] {d, meanMicro[d] * 1e-6, measured[d], fitted[d], measured[d] - fitted[d]});
        }
        notes.add(String.format(Locale.ROOT, "σ(G) by maximum likelihood of the per-device sums of squares,"
                + " (n−1)·s²/σ² ~ χ²(n−1) (REML on %d reads of %d devices); BIC with N = Σ(n−1) = %.0f",
                reads.length, devices, totalWeight));
        notes.add("the fitted σ holds at the time of the reads (time factor 1)");
        FitSummary summary = new FitSummary("read-noise", chosen, parameters, devices,
                InferenceFitSupport.rmse(measured, fitted), "S", InferenceFitSupport.rSquared(measured, fitted), "BIC",
                best.bic(), bic, notes);
        return new Result(model, summary,
                new ResidualTable(List.of("device", "mean_siemens", "sigma_measured_siemens", "sigma_fitted_siemens",
                        "residual_siemens"), table));
    }
}
