package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.inference.DriftModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits power-law conductance drift to devices read at several times: CSV
 * {@code device,time_seconds,conductance_siemens}, time since programming in seconds, strictly
 * increasing within each device, at least 3 times per device and 3 devices, every conductance
 * positive.
 *
 * <p><b>Per device</b> (Le Gallo et al., "Collective structural relaxation in phase-change
 * memory devices", Adv. Electron. Mater. 4, 2018, doi:10.1002/aelm.201700627): the power law
 * {@code G(t) = G(t_0)·(t/t_0)^(−ν)} is a line in log–log coordinates,
 * <pre>
 *   ln G_j = ln G(t_0) − ν·ln(t_j/t_0) + ε_j
 * </pre>
 * fitted by ordinary least squares; the standard error of ν is {@code se_d = √(τ(G_d)/Sxx_d)},
 * {@code Sxx = Σ(ln t_j − mean)²}, where the residual variance τ of ln G (read noise) is fitted
 * across all devices as {@code exp(α + β·ln(G/g_max))} by REML on the residual sums of squares
 * ({@code RSS_d/τ ~ χ²(m_d − 2)}): one device's m − 2 degrees of freedom give an unbiased but
 * very noisy s², and weighting by noisy variances would bias σ_ν up. t_0 defaults to the earliest time in
 * the file (the first read after programming) and may be given. The model's law
 * {@code G_prog·((t_inference + t_0)/t_0)^(−ν)} is the same curve with {@code G_prog = G(t_0)}
 * and {@code t_inference = t − t_0}.
 *
 * <p><b>Across devices</b>: a fitted exponent is the device's ν plus estimation noise,
 * {@code ν̂_d ~ N(μ_ν(G_d), σ_ν(G_d)² + se_d²)}, with G_d = G(t_0) of the device standing in for
 * its target and {@code ℓ_d = ln(G_d/g_max)} (g_max defaults to the largest G(t_0)). μ_ν and σ_ν
 * maximise that likelihood ({@link NoiseLikelihoodFit}); with equal se_d and a constant model
 * the estimate is the moment correction {@code σ_ν² = max(var ν̂ − mean se², 0)}, which is also
 * reported. Candidates:
 * <ul>
 *   <li>{@code constant}: μ_ν, σ_ν the same for every device → {@link DriftModel.Constant};</li>
 *   <li>{@code log-linear-mean}: μ_ν = a_μ + b_μ·ℓ, σ_ν constant → {@link DriftModel.LogLinear};</li>
 *   <li>{@code log-linear}: μ_ν = a_μ + b_μ·ℓ, σ_ν = a_σ + b_σ·ℓ ≥ 0 → {@link DriftModel.LogLinear}, the
 *       form of Nandakumar et al., ICECS 2019 (aihwkit {@code PCMLikeNoiseModel}).</li>
 * </ul>
 * chosen by the lowest BIC = −2ℓ + p·ln(devices) (Schwarz, Ann. Stat. 6, 1978,
 * doi:10.1214/aos/1176344136). A log-linear model is clipped to the values of its lines at the
 * smallest and largest measured G(t_0), so it does not extrapolate. The fold
 * {@code ν = |μ + σ·ξ|} of the model is not fitted (it moves under 2.3% of the mass while
 * μ ≥ 2σ; a note warns otherwise).
 */
public final class DriftFit {
    /** Column of device labels. */
    public static final String DEVICE_COLUMN = "device";
    /** Column of times since programming (s). */
    public static final String TIME_COLUMN = "time_seconds";
    /** Column of read conductances (S). */
    public static final String CONDUCTANCE_COLUMN = "conductance_siemens";
    /** Fewest times per device: two for ν and one more for its standard error. */
    public static final int MIN_TIMES = 3;
    /** Fewest devices for a spread of ν. */
    public static final int MIN_DEVICES = 3;

    /**
     * The fit.
     *
     * @param model     the chosen drift model, t_0 as fitted
     * @param summary   parameters with 95% intervals, RMSE and R² of G over all points, BIC of every candidate
     * @param residuals {@code device,time_seconds,measured_siemens,fitted_siemens,residual_siemens}, one row per
     *                  point, fitted by the device's own power law
     * @param exponents {@code device,conductance_t0_siemens,nu,nu_standard_error,nu_mean_fitted}, one row per
     *                  device (ν̂, its standard error from the pooled residual variance, and μ_ν of the
     *                  chosen model at that G), for a ν-vs-G plot
     */
    public record Result(DriftModel model, FitSummary summary, ResidualTable residuals, ResidualTable exponents) {
    }

    private DriftFit() {
    }

    /** Reads the CSV and fits it with the default t_0 and g_max. */
    public static Result fit(Path file) throws IOException {
        return fit(read(file));
    }

    /** Reads a CSV with the columns this fit needs. */
    public static MeasurementCsv read(Path file) throws IOException {
        return MeasurementCsv.read(file, DEVICE_COLUMN, TIME_COLUMN, CONDUCTANCE_COLUMN);
    }

    /** Fits with t_0 = the earliest time and g_max = the largest fitted G(t_0). */
    public static Result fit(MeasurementCsv data) {
        return fit(data, Double.NaN, Double.NaN);
    }

    /**
     * Fits.
     *
     * @param data        rows of {@code device,time_seconds,conductance_siemens}
     * @param t0Seconds   t_0 (s), &gt; 0; NaN for the earliest time in the data
     * @param gMaxSiemens g_max of ln(G/g_max) (S), &gt; 0; NaN for the largest fitted G(t_0)
     * @throws DataFormatException a non-positive time or conductance, times not increasing within a device,
     *                             fewer than {@value #MIN_TIMES} times of a device or {@value #MIN_DEVICES} devices
     * @throws FitException        when the likelihood cannot be maximised, or the mean ν is negative
     */
    public static Result fit(MeasurementCsv data, double t0Seconds, double gMaxSiemens) {
        String origin = data.origin();
        double[] time = data.column(TIME_COLUMN);
        double[] conductance = data.column(CONDUCTANCE_COLUMN);
        List<String> labels = data.deviceLabels();
        int[][] rows = InferenceFitSupport.rowsByDevice(data);
        int devices = rows.length;
        double earliest = Double.POSITIVE_INFINITY;
        for (int d = 0; d < devices; d++) {
            int[] r = rows[d];
            for (int j = 0; j < r.length; j++) {
                int i = r[j];
                if (!(time[i] > 0)) {
                    throw new DataFormatException(origin + ":" + data.lineOf(i) + ": column '" + TIME_COLUMN
                            + "': the time since programming must be positive (ln t), got " + time[i]);
                }
                if (!(conductance[i] > 0)) {
                    throw new DataFormatException(origin + ":" + data.lineOf(i) + ": column '" + CONDUCTANCE_COLUMN
                            + "': the drift fit needs a positive conductance (ln G), got " + conductance[i]);
                }
                if (j > 0 && !(time[i] > time[r[j - 1]])) {
                    throw new DataFormatException(origin + ":" + data.lineOf(i) + ": device '" + labels.get(d)
                            + "': time " + time[i] + " s is not after " + time[r[j - 1]] + " s (line "
                            + data.lineOf(r[j - 1]) + "); times must increase strictly within a device");
                }
                earliest = Math.min(earliest, time[i]);
            }
            if (r.length < MIN_TIMES) {
                throw new DataFormatException(origin + ":" + data.lineOf(r[0]) + ": device '" + labels.get(d) + "' has "
                        + r.length + " time(s); the drift fit needs at least " + MIN_TIMES
                        + " per device (2 for ν, 1 more for its error)");
            }
        }
        if (devices < MIN_DEVICES) {
            throw new DataFormatException(origin + ": " + devices + " device(s); the spread of ν needs at least "
                    + MIN_DEVICES);
        }
        double t0;
        if (Double.isNaN(t0Seconds)) {
            t0 = earliest;
        } else {
            if (!(t0Seconds > 0 && t0Seconds < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("t0Seconds must be positive and finite (or NaN), got " + t0Seconds);
            }
            t0 = t0Seconds;
        }
        double lnT0 = Math.log(t0);

        // Per-device log-log regressions.
        double[] nu = new double[devices];
        double[] rss = new double[devices];
        double[] sxxOf = new double[devices];
        double[] residualDof = new double[devices];
        double[] lnG0 = new double[devices];
        for (int d = 0; d < devices; d++) {
            int[] r = rows[d];
            int m = r.length;
            double mx = 0;
            double my = 0;
            for (int i : r) {
                mx += Math.log(time[i]) - lnT0;
                my += Math.log(conductance[i]);
            }
            mx /= m;
            my /= m;
            double sxx = 0;
            double sxy = 0;
            for (int i : r) {
                double x = Math.log(time[i]) - lnT0 - mx;
                sxx += x * x;
                sxy += x * (Math.log(conductance[i]) - my);
            }
            double slope = sxy / sxx;
            double intercept = my - slope * mx;
            double ss = 0;
            for (int i : r) {
                double e = Math.log(conductance[i]) - intercept - slope * (Math.log(time[i]) - lnT0);
                ss += e * e;
            }
            nu[d] = -slope;
            rss[d] = ss;
            sxxOf[d] = sxx;
            residualDof[d] = m - 2;
            lnG0[d] = intercept;
        }
        double lnGMax;
        if (Double.isNaN(gMaxSiemens)) {
            lnGMax = Double.NEGATIVE_INFINITY;
            for (double v : lnG0) {
                lnGMax = Math.max(lnGMax, v);
            }
        } else {
            if (!(gMaxSiemens > 0 && gMaxSiemens < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("gMaxSiemens must be positive and finite (or NaN), got " + gMaxSiemens);
            }
            lnGMax = Math.log(gMaxSiemens);
        }
        double gMax = Math.exp(lnGMax);
        double[] ell = new double[devices];
        double ellMean = 0;
        double ellMin = Double.POSITIVE_INFINITY;
        double ellMax = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < devices; d++) {
            ell[d] = lnG0[d] - lnGMax;
            ellMean += ell[d] / devices;
            ellMin = Math.min(ellMin, ell[d]);
            ellMax = Math.max(ellMax, ell[d]);
        }
        boolean spreadInG = ellSpread(ell) > 1e-3;
        double[] se = residualStandardErrors(origin, rss, residualDof, sxxOf, ell, spreadInG);
        double nuMean = 0;
        double se2Mean = 0;
        for (int d = 0; d < devices; d++) {
            nuMean += nu[d] / devices;
            se2Mean += se[d] * se[d] / devices;
        }
        double nuVar = 0;
        for (int d = 0; d < devices; d++) {
            nuVar += (nu[d] - nuMean) * (nu[d] - nuMean) / (devices - 1);
        }
        double momentSigma = Math.sqrt(Math.max(nuVar - se2Mean, 0));
        double sigmaStart = Math.sqrt(Math.max(Math.max(nuVar - se2Mean, 0.1 * nuVar), 1e-12));
        double nuScale = Math.max(Math.abs(nuMean), Math.sqrt(nuVar)) + 1e-6;

        double[] se2 = new double[devices];
        double[] zero = new double[devices];
        double[] ones = new double[devices];
        for (int d = 0; d < devices; d++) {
            se2[d] = se[d] * se[d];
        }
        Arrays.fill(ones, 1);
        final double centre = ellMean;
        double inf = Double.POSITIVE_INFINITY;
        Map<String, NoiseLikelihoodFit.Result> fits = new LinkedHashMap<>();
        Map<String, Double> bic = new LinkedHashMap<>();
        fits.put("constant", NoiseLikelihoodFit.fit("drift exponents, constant, " + origin, (theta, mean, variance) -> {
            Arrays.fill(mean, theta[0]);
            for (int d = 0; d < devices; d++) {
                variance[d] = theta[1] * theta[1] + se2[d];
            }
            return true;
        }, nu, zero, ones, new double[] {nuMean, sigmaStart}, new double[] {-inf, 0}, new double[] {inf, inf},
                new double[] {nuScale, nuScale}));
        List<String> notes = new ArrayList<>();
        if (spreadInG && devices > 4) {
            fits.put("log-linear-mean", NoiseLikelihoodFit.fit("drift exponents, log-linear mean, " + origin,
                    (theta, mean, variance) -> {
                        for (int d = 0; d < devices; d++) {
                            mean[d] = theta[0] + theta[1] * (ell[d] - centre);
                            variance[d] = theta[2] * theta[2] + se2[d];
                        }
                        return true;
                    }, nu, zero, ones, new double[] {nuMean, 0, sigmaStart}, new double[] {-inf, -inf, 0},
                    new double[] {inf, inf, inf}, new double[] {nuScale, nuScale, nuScale}));
            fits.put("log-linear", NoiseLikelihoodFit.fit("drift exponents, log-linear mean and spread, " + origin,
                    (theta, mean, variance) -> {
                        for (int d = 0; d < devices; d++) {
                            double s = theta[2] + theta[3] * (ell[d] - centre);
                            if (s < 0) {
                                return false;
                            }
                            mean[d] = theta[0] + theta[1] * (ell[d] - centre);
                            variance[d] = s * s + se2[d];
                        }
                        return true;
                    }, nu, zero, ones, new double[] {nuMean, 0, sigmaStart, 0}, new double[] {-inf, -inf, -inf, -inf},
                    new double[] {inf, inf, inf, inf}, new double[] {nuScale, nuScale, nuScale, nuScale}));
        } else {
            notes.add("the devices span too little conductance (or are too few) for a G-dependent ν: only the constant form was tried");
        }
        fits.forEach((name, f) -> bic.put(name, f.bic()));
        String chosen = InferenceFitSupport.best(bic);
        NoiseLikelihoodFit.Result best = fits.get(chosen);
        double[] th = best.theta();

        DriftModel model;
        List<FitParameter> parameters = new ArrayList<>();
        boolean spreadUnresolved;
        if (chosen.equals("constant")) {
            if (!(th[0] >= 0)) {
                throw new FitException(String.format(Locale.ROOT, "drift, %s: the mean exponent is %.4g < 0 "
                        + "(conductance rises with time); the drift model needs ν ≥ 0", origin, th[0]));
            }
            model = new DriftModel.Constant(th[0], th[1], t0);
            parameters.add(best.parameter(0, "nu", "1", 1));
            parameters.add(best.parameter(1, "sigmaNu", "1", 1));
            spreadUnresolved = th[1] == 0;
        } else {
            double[] cov = best.covariance();
            int p = th.length;
            parameters.add(shifted("meanNuIntercept", th, cov, p, 0, 1, centre));
            parameters.add(best.parameter(1, "meanNuSlope", "1", 1));
            double sigmaAtMin;
            double sigmaAtMax;
            double sigmaIntercept;
            double sigmaSlope;
            if (p == 3) {
                sigmaIntercept = th[2];
                sigmaSlope = 0;
                sigmaAtMin = th[2];
                sigmaAtMax = th[2];
                parameters.add(best.parameter(2, "sigmaNuIntercept", "1", 1));
                spreadUnresolved = th[2] == 0;
            } else {
                sigmaIntercept = th[2] - th[3] * centre;
                sigmaSlope = th[3];
                sigmaAtMin = Math.max(th[2] + th[3] * (ellMin - centre), 0);
                sigmaAtMax = Math.max(th[2] + th[3] * (ellMax - centre), 0);
                parameters.add(shifted("sigmaNuIntercept", th, cov, p, 2, 3, centre));
                parameters.add(best.parameter(3, "sigmaNuSlope", "1", 1));
                spreadUnresolved = Math.max(sigmaAtMin, sigmaAtMax) == 0;
            }
            double meanIntercept = th[0] - th[1] * centre;
            double meanAtMin = th[0] + th[1] * (ellMin - centre);
            double meanAtMax = th[0] + th[1] * (ellMax - centre);
            model = new DriftModel.LogLinear(gMax, t0, meanIntercept, th[1], Math.min(meanAtMin, meanAtMax),
                    Math.max(meanAtMin, meanAtMax), sigmaIntercept, sigmaSlope, Math.min(sigmaAtMin, sigmaAtMax),
                    Math.max(sigmaAtMin, sigmaAtMax));
            DriftModel.LogLinear l = (DriftModel.LogLinear) model;
            parameters.add(FitParameter.point("meanNuMin", "1", l.meanNuMin()));
            parameters.add(FitParameter.point("meanNuMax", "1", l.meanNuMax()));
            parameters.add(FitParameter.point("sigmaNuMin", "1", l.sigmaNuMin()));
            parameters.add(FitParameter.point("sigmaNuMax", "1", l.sigmaNuMax()));
            parameters.add(FitParameter.point("gMaxSiemens", "S", gMax));
        }
        parameters.add(FitParameter.point("t0Seconds", "s", t0));

        double minRatio = Double.POSITIVE_INFINITY;
        double[] nuMeanFitted = new double[devices];
        for (int d = 0; d < devices; d++) {
            double g0 = Math.exp(lnG0[d]);
            nuMeanFitted[d] = model.meanNu(g0);
            double s = model.sigmaNu(g0);
            if (s > 0) {
                minRatio = Math.min(minRatio, nuMeanFitted[d] / s);
            }
        }
        notes.add(String.format(Locale.ROOT, "per device: ln G = ln G(t0) − ν·ln(t/t0) by least squares, t0 = %.6g s;"
                + " ν̂ mean %.5g, observed sd %.4g, mean se(ν̂)² %.4g, so spread corrected for estimation noise"
                + " √max(var − mean se², 0) = %.4g", t0, nuMean, Math.sqrt(nuVar), se2Mean, momentSigma));
        notes.add("se(ν̂_d)² = τ(G_d)/Sxx_d, the residual variance τ of ln G fitted across devices as"
                + " exp(α + β·ln(G/g_max)) by REML (a single device's m − 2 residual degrees of freedom are too few to weight by)");
        notes.add("μ_ν, σ_ν by maximum likelihood of ν̂_d ~ N(μ_ν(G), σ_ν(G)² + se_d²), G = fitted G(t0) standing in"
                + " for the target; BIC with N = " + devices + " devices");
        if (spreadUnresolved) {
            notes.add("the spread of ν is not resolved: the regressions' estimation noise explains the observed"
                    + " variance, so σ_ν = 0 (its interval is not available)");
        }
        if (minRatio < 2) {
            notes.add(String.format(Locale.ROOT, "μ_ν/σ_ν falls to %.2f: the model's fold ν = |μ + σξ| moves over 2.3%%"
                    + " of the mass there, which this fit does not account for", minRatio));
        }

        int n = time.length;
        double[] fitted = new double[n];
        List<double[]> table = new ArrayList<>(n);
        List<double[]> exponentTable = new ArrayList<>(devices);
        for (int d = 0; d < devices; d++) {
            for (int i : rows[d]) {
                fitted[i] = Math.exp(lnG0[d] - nu[d] * (Math.log(time[i]) - lnT0));
            }
            exponentTable.add(new double[] {d, Math.exp(lnG0[d]), nu[d], se[d], nuMeanFitted[d]});
        }
        for (int d = 0; d < devices; d++) {
            for (int i : rows[d]) {
                table.add(new double[] {d, time[i], conductance[i], fitted[i], conductance[i] - fitted[i]});
            }
        }
        FitSummary summary = new FitSummary("drift", chosen, parameters, n, InferenceFitSupport.rmse(conductance, fitted),
                "S", InferenceFitSupport.rSquared(conductance, fitted), "BIC", best.bic(), bic, notes);
        return new Result(model, summary,
                new ResidualTable(List.of("device", "time_seconds", "measured_siemens", "fitted_siemens",
                        "residual_siemens"), table),
                new ResidualTable(List.of("device", "conductance_t0_siemens", "nu", "nu_standard_error",
                        "nu_mean_fitted"), exponentTable));
    }

    /** Standard deviation of the ℓ_d. */
    private static double ellSpread(double[] ell) {
        double mean = 0;
        for (double v : ell) {
            mean += v / ell.length;
        }
        double var = 0;
        for (double v : ell) {
            var += (v - mean) * (v - mean) / (ell.length - 1);
        }
        return Math.sqrt(var);
    }

    /**
     * se(ν̂_d) = √(τ(ℓ_d)/Sxx_d), with the residual variance of ln G modelled across devices as
     * {@code τ(ℓ) = exp(α + β·ℓ)} (β = 0 when the devices share one conductance) and fitted by
     * REML, {@code RSS_d/τ(ℓ_d) ~ χ²(m_d − 2)}. Per-device estimates from m_d − 2 degrees of
     * freedom would be unbiased but so noisy that weighting ν̂_d by them biases σ_ν up
     * (E[1/s²] &gt; 1/σ²). All zero when every device fits its line exactly.
     */
    private static double[] residualStandardErrors(String origin, double[] rss, double[] dof, double[] sxx,
            double[] ell, boolean spreadInG) {
        int devices = rss.length;
        double total = 0;
        double totalDof = 0;
        for (int d = 0; d < devices; d++) {
            total += rss[d];
            totalDof += dof[d];
        }
        double[] se = new double[devices];
        if (!(total > 0)) {
            return se;
        }
        double[] zero = new double[devices];
        double inf = Double.POSITIVE_INFINITY;
        double lnPooled = Math.log(total / totalDof);
        NoiseLikelihoodFit.Result f;
        if (spreadInG) {
            f = NoiseLikelihoodFit.fit("drift, residual variance of ln G, " + origin, (theta, mean, variance) -> {
                for (int d = 0; d < devices; d++) {
                    mean[d] = 0;
                    variance[d] = Math.exp(theta[0] + theta[1] * ell[d]);
                }
                return true;
            }, zero, rss, dof, new double[] {lnPooled, 0}, new double[] {-inf, -inf}, new double[] {inf, inf},
                    new double[] {1, 1});
        } else {
            f = NoiseLikelihoodFit.fit("drift, residual variance of ln G, " + origin, (theta, mean, variance) -> {
                java.util.Arrays.fill(mean, 0);
                java.util.Arrays.fill(variance, Math.exp(theta[0]));
                return true;
            }, zero, rss, dof, new double[] {lnPooled}, new double[] {-inf}, new double[] {inf}, new double[] {1});
        }
        for (int d = 0; d < devices; d++) {
            se[d] = Math.sqrt(f.variance()[d] / sxx[d]);
        }
        return se;
    }

    /**
     * The intercept at ln g = 0 of a line fitted about the centre c: {@code a = a_c − b·c}, with
     * {@code Var a = Var a_c + c²·Var b − 2c·Cov(a_c, b)} and its Wald interval.
     */
    private static FitParameter shifted(String name, double[] theta, double[] cov, int p, int a, int b, double c) {
        double value = theta[a] - theta[b] * c;
        double var = cov[a * p + a] + c * c * cov[b * p + b] - 2 * c * cov[a * p + b];
        return FitParameter.withError(name, "1", value, Math.sqrt(var), NoiseLikelihoodFit.Z_975);
    }
}
