package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.inference.ProgrammingNoise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits programming noise to programmed devices: CSV {@code device,target_siemens,conductance_siemens},
 * one row per programming (a device may appear more than once).
 *
 * <p>The model is the one {@link ProgrammingNoise.Polynomial} simulates: the error
 * {@code e = G − G_T} is N(0, σ(G_T)²) with
 * <pre>
 *   σ(G_T) = Σ_{k=0..K} c_k·g^k  µS,   g = G_T/g_max
 * </pre>
 * (aihwkit's form, Nandakumar et al., ICECS 2019 for PCM; Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494). The coefficients maximise
 * <pre>
 *   ℓ = Σ_i [ −½·ln(2π·σ(G_T,i)²) − e_i²/(2·σ(G_T,i)²) ]
 * </pre>
 * subject to σ &gt; 0 at every target (Fisher scoring, {@link NoiseLikelihoodFit}). The
 * likelihood uses every point on its own, so it works for continuous targets as well as for a few
 * levels programmed many times, without binning. K = 0..4 is chosen by the lowest
 * BIC = −2ℓ + (K+1)·ln n (Schwarz, Ann. Stat. 6, 1978, doi:10.1214/aos/1176344136). The model is
 * returned with {@code referenceGMax = g_max}, so the coefficients apply as they are.
 *
 * <p>A mean offset of e is not part of the model (programming is taken as unbiased); it is
 * estimated with the weights of the fitted σ, {@code b = Σ(e_i/σ_i²)/Σ(1/σ_i²)},
 * {@code se = 1/√Σ(1/σ_i²)}, and reported in a note when |b/se| &gt; 2.576 (two-sided 1%). A
 * conductance read as exactly 0 S is a device clipped at 0 ({@code max(·, 0)} in the model); it
 * biases σ down near G_T = 0 and is reported in a note.
 */
public final class ProgrammingFit {
    /** Column of device labels. */
    public static final String DEVICE_COLUMN = "device";
    /** Column of target conductances (S). */
    public static final String TARGET_COLUMN = "target_siemens";
    /** Column of programmed (read-back) conductances (S). */
    public static final String CONDUCTANCE_COLUMN = "conductance_siemens";
    /** Highest polynomial degree tried. */
    public static final int MAX_DEGREE = 4;

    /**
     * The fit.
     *
     * @param model     the fitted polynomial, {@code referenceGMaxSiemens = gMaxSiemens}
     * @param summary   coefficients (µS) with 95% intervals, RMSE and R² of |e| against σ·√(2/π), BIC per degree
     * @param residuals {@code device,target_siemens,conductance_siemens,sigma_fitted_siemens,z}, one row per
     *                  point; z = (G − G_T)/σ(G_T) is N(0, 1) when the model holds
     */
    public record Result(ProgrammingNoise.Polynomial model, FitSummary summary, ResidualTable residuals) {
    }

    private ProgrammingFit() {
    }

    /** Reads the CSV and fits it, with g_max = the largest target. */
    public static Result fit(Path file) throws IOException {
        return fit(read(file));
    }

    /** Reads a CSV with the columns this fit needs. */
    public static MeasurementCsv read(Path file) throws IOException {
        return MeasurementCsv.read(file, DEVICE_COLUMN, TARGET_COLUMN, CONDUCTANCE_COLUMN);
    }

    /** Fits with g_max = the largest target. */
    public static Result fit(MeasurementCsv data) {
        return fit(data, Double.NaN);
    }

    /**
     * Fits.
     *
     * @param data        rows of {@code device,target_siemens,conductance_siemens}
     * @param gMaxSiemens g_max that normalises the targets (S), &gt; 0; NaN for the largest target
     * @throws DataFormatException a negative target or conductance, all targets 0, fewer than 3 points,
     *                             or no error at all
     * @throws FitException        when the likelihood cannot be maximised
     */
    public static Result fit(MeasurementCsv data, double gMaxSiemens) {
        return fit(data, gMaxSiemens, 0, MAX_DEGREE);
    }

    /**
     * Fits a polynomial of one given degree (no choice; the summary lists one candidate).
     *
     * @param data        rows of {@code device,target_siemens,conductance_siemens}
     * @param gMaxSiemens g_max that normalises the targets (S), &gt; 0; NaN for the largest target
     * @param degree      K, 0..{@value #MAX_DEGREE}
     */
    public static Result fit(MeasurementCsv data, double gMaxSiemens, int degree) {
        if (degree < 0 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be in [0, " + MAX_DEGREE + "], got " + degree);
        }
        return fit(data, gMaxSiemens, degree, degree);
    }

    private static Result fit(MeasurementCsv data, double gMaxSiemens, int minDegree, int maxDegree) {
        String origin = data.origin();
        double[] target = data.column(TARGET_COLUMN);
        double[] conductance = data.column(CONDUCTANCE_COLUMN);
        int n = target.length;
        double largest = 0;
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            if (target[i] < 0) {
                throw new DataFormatException(origin + ":" + data.lineOf(i) + ": column '" + TARGET_COLUMN
                        + "': a target conductance must not be negative, got " + target[i]);
            }
            if (conductance[i] < 0) {
                throw new DataFormatException(origin + ":" + data.lineOf(i) + ": column '" + CONDUCTANCE_COLUMN
                        + "': a conductance must not be negative, got " + conductance[i]);
            }
            largest = Math.max(largest, target[i]);
            if (conductance[i] == 0) {
                clipped++;
            }
        }
        if (n < minDegree + 3) {
            throw new DataFormatException(origin + ": " + n + " point(s); fitting σ(G_T) with degree " + minDegree
                    + " needs at least " + (minDegree + 3));
        }
        double gMax;
        if (Double.isNaN(gMaxSiemens)) {
            if (!(largest > 0)) {
                throw new DataFormatException(origin + ": every target is 0 S; give g_max explicitly");
            }
            gMax = largest;
        } else {
            if (!(gMaxSiemens > 0 && gMaxSiemens < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("gMaxSiemens must be positive and finite (or NaN), got " + gMaxSiemens);
            }
            gMax = gMaxSiemens;
        }
        double[] errorMicro = new double[n];
        double[] g = new double[n];
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            errorMicro[i] = (conductance[i] - target[i]) * 1e6;
            g[i] = target[i] / gMax;
            sumSquares += errorMicro[i] * errorMicro[i];
        }
        if (!(sumSquares > 0)) {
            throw new DataFormatException(origin + ": every conductance equals its target; there is no programming error to fit");
        }
        double pooled = Math.sqrt(sumSquares / n);
        double[] zero = new double[n];
        double[] ones = new double[n];
        Arrays.fill(ones, 1);

        Map<String, NoiseLikelihoodFit.Result> fits = new LinkedHashMap<>();
        Map<String, Double> bic = new LinkedHashMap<>();
        for (int degree = minDegree; degree <= maxDegree && degree + 2 < n; degree++) {
            int p = degree + 1;
            double[] start = new double[p];
            start[0] = pooled;
            double[] lower = new double[p];
            double[] upper = new double[p];
            double[] scale = new double[p];
            Arrays.fill(lower, Double.NEGATIVE_INFINITY);
            Arrays.fill(upper, Double.POSITIVE_INFINITY);
            Arrays.fill(scale, pooled);
            NoiseLikelihoodFit.Result f = NoiseLikelihoodFit.fit("programming noise, polynomial of degree " + degree
                    + ", " + origin, (theta, mean, variance) -> {
                        for (int i = 0; i < n; i++) {
                            double s = InferenceFitSupport.polynomial(theta, g[i]);
                            if (!(s > 0)) {
                                return false;
                            }
                            mean[i] = 0;
                            variance[i] = s * s;
                        }
                        return true;
                    }, errorMicro, zero, ones, start, lower, upper, scale);
            fits.put("polynomial-" + degree, f);
            bic.put("polynomial-" + degree, f.bic());
        }
        String chosen = InferenceFitSupport.best(bic);
        NoiseLikelihoodFit.Result best = fits.get(chosen);
        double[] c = best.theta().clone();
        ProgrammingNoise.Polynomial model = new ProgrammingNoise.Polynomial(c, gMax, gMax);
        List<FitParameter> parameters = new ArrayList<>();
        for (int k = 0; k < c.length; k++) {
            parameters.add(best.parameter(k, "coefficientsMicroSiemens[" + k + "]", "µS", 1));
        }
        parameters.add(FitParameter.point("gMaxSiemens", "S", gMax));
        parameters.add(FitParameter.point("referenceGMaxSiemens", "S", gMax));

        List<String> notes = new ArrayList<>();
        notes.add("σ(G_T) by maximum likelihood of e = G − G_T ~ N(0, σ(G_T)²), one term per point; degree by BIC");
        double weightSum = 0;
        double weighted = 0;
        double[] sigma = new double[n];
        double[] absError = new double[n];
        double[] expectedAbs = new double[n];
        List<double[]> table = new ArrayList<>(n);
        int[] device = data.device();
        for (int i = 0; i < n; i++) {
            sigma[i] = Math.sqrt(best.variance()[i]);
            double w = 1 / best.variance()[i];
            weightSum += w;
            weighted += w * errorMicro[i];
            absError[i] = Math.abs(errorMicro[i]) * 1e-6;
            expectedAbs[i] = sigma[i] * Math.sqrt(2 / Math.PI) * 1e-6;
            table.add(new double[] {device[i], target[i], conductance[i], sigma[i] * 1e-6, errorMicro[i] / sigma[i]});
        }
        double bias = weighted / weightSum;
        double biasSe = 1 / Math.sqrt(weightSum);
        if (Math.abs(bias / biasSe) > 2.576) {
            notes.add(String.format(Locale.ROOT, "mean offset of G − G_T is %.4g µS ± %.2g (z = %.1f, p < 0.01): "
                    + "programming is biased, which the zero-mean model does not represent and which inflates σ",
                    bias, biasSe, bias / biasSe));
        }
        if (clipped > 0) {
            notes.add(clipped + " conductance(s) read exactly 0 S (clipped at 0): σ near G_T = 0 is underestimated");
        }
        notes.add("RMSE and R² compare |G − G_T| with its expectation σ(G_T)·√(2/π)");
        FitSummary summary = new FitSummary("programming", chosen, parameters, n,
                InferenceFitSupport.rmse(absError, expectedAbs), "S", InferenceFitSupport.rSquared(absError, expectedAbs),
                "BIC", best.bic(), bic, notes);
        return new Result(model, summary, new ResidualTable(List.of("device", "target_siemens", "conductance_siemens",
                "sigma_fitted_siemens", "z"), table));
    }
}
