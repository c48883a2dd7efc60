package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Fits a pulsed-update device model, its device-to-device spreads and its cycle-to-cycle and write
 * noise to measured potentiation/depression cycles ({@link PulseResponseData}).
 *
 * <p>IBM aihwkit fits the mean curve only and drops every spread (Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494); this fit recovers the nominal model and every spread of
 * {@link PulseVariability} in four steps.
 *
 * <ol>
 * <li><b>Per device.</b> Each device's whole pulse sequence is simulated with the model's noise-free
 * step from the device's own start gMin_i, clipped to [gMin_i, gMax_i] after every pulse, and
 * compared to every read: θ_i minimises Σ_n (Y_n − m_n(θ_i))² by bounded Levenberg–Marquardt
 * ({@link LeastSquaresFit}; Moré 1978, doi:10.1007/BFb0067700) from the best of a few starting
 * guesses (window from the extreme reads, steps from the mean increments, shape from a small grid).
 * What each model fits and fixes is in its class: {@link SoftBoundsCurve}, {@link ExpStepCurve},
 * {@link PowStepCurve}, {@link NeuroSimCurve}, {@link PiecewiseStepCurve}. The devices are fitted
 * in parallel, each by a pure function of its reads, so the result does not depend on the number
 * of threads. No random numbers are drawn.</li>
 * <li><b>Estimation noise.</b> The residuals around a trajectory are correlated (cycle-to-cycle
 * noise accumulates in the state), so the least-squares covariance σ̂²(JᵀJ)⁻¹, which assumes white
 * residuals, is multiplied by the residuals' integrated autocorrelation time
 * τ = 1 + 2Σ_{k=1}^{M} ρ_k, with Sokal's window (the smallest M ≥ 5τ(M); Sokal, "Monte Carlo
 * methods in statistical mechanics", 1997, doi:10.1007/978-1-4899-0319-8_6), τ ≥ 1. This is the
 * long-run variance correction for slowly varying regressors.</li>
 * <li><b>Nominal and spreads.</b> Nominal parameters are the means over devices (a geometric mean
 * for exp-step's amplitudes), with 95% intervals mean ± t·sd/√n. Spreads are the variances over
 * devices of the per-device values mapped onto {@link PulseVariability}'s definitions, minus the
 * mean squared standard error of those values, floored at 0 ({@link PulseCurve}).</li>
 * <li><b>Noise.</b> c2cStd and writeNoiseStd from the moments of the residual increments
 * ({@link PulseNoiseMoments}): write noise is white in the reads and gives a lag-1 autocovariance
 * of −σ_w² in the increments; cycle-to-cycle noise adds c²·s_n² to their variance.</li>
 * </ol>
 *
 * <p>Model choice ({@code auto}): every model is fitted and the one with the lowest BIC summed over
 * devices is chosen (Schwarz 1978, doi:10.1214/aos/1176344136), with each device's reads counted
 * by their effective number n_i/τ_i:
 * <pre>
 *   BIC = Σ_i [(n_i/τ_i)·ln(S_i/n_i) + p·ln(n_i/τ_i)] + p_shared·ln Σ_i n_i/τ_i,   S_i in S²
 * </pre>
 * τ_i the integrated autocorrelation time of device i's residuals around the candidate with the
 * smallest residual sum (the same τ_i for every candidate, so their likelihoods are compared on
 * one footing). Reads along a trajectory are not independent: counted as such, each extra
 * parameter buys far more likelihood than it is worth, and the 12-parameter piecewise model beats
 * the 4-parameter soft bounds on soft-bounds data. Every candidate's BIC is reported (+∞ for a model
 * whose fit failed, with a note). A single model reports the same BIC with its own τ_i.
 *
 * <p>Summary: RMSE (S) over all reads, R² = 1 − Σ SS_res/Σ SS_tot with SS_tot taken about each
 * device's own mean (the spread between devices is explained by their own parameters, not counted
 * as fit), the summed BIC, and every nominal parameter and spread.
 */
public final class PulseResponseFit {
    /** Name of automatic model selection. */
    public static final String AUTO = "auto";

    /** Block length of the sandwich covariance in units of the residuals' autocorrelation time. */
    static final double BLOCK_FACTOR = 2;

    /**
     * LM stops when S or θ changes by less than this, relatively: far below the scatter of θ̂ (the
     * residuals' noise sets that), and it spares the long crawl along the ridge of a weakly
     * determined shape.
     */
    static final double RELATIVE_TOLERANCE = 1e-8;

    /** LM's relative tolerance for a device fit that only seeds a refit ({@link PulseCurve#refitsDevices}). */
    static final double SEED_TOLERANCE = 1e-4;

    /** LM iteration limit per device. */
    static final int MAX_ITERATIONS = 400;

    private PulseResponseFit() {
    }

    /** Told after each device is fitted; may be called from several threads, one call at a time. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * @param model       the model being fitted
         * @param devicesDone devices fitted so far for this model
         * @param devices     devices in all
         */
        void devicesDone(String model, int devicesDone, int devices);
    }

    /**
     * The fit.
     *
     * @param model            nominal parameters and fitted spreads; {@code model.modelName()} is the model chosen
     * @param summary          nominal parameters with 95% intervals, spreads, RMSE, R², BIC, candidates, notes
     * @param residuals        columns device, cycle, pulse_index, polarity, measured_siemens, fitted_siemens,
     *                         residual_siemens; fitted is the device's own noise-free curve. The device column
     *                         holds the label when every label is an integer, else its 0-based order of
     *                         first appearance
     * @param deviceParameters one row per device: device (as in residuals), the model's per-device
     *                         parameters (names ending in Siemens in S), rmse_siemens
     */
    public record Result(PulsedDeviceModel model, FitSummary summary, ResidualTable residuals,
            ResidualTable deviceParameters) {
        public Result {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(residuals, "residuals");
            Objects.requireNonNull(deviceParameters, "deviceParameters");
        }

        /** The model chosen (the model asked for, or the winner of {@code auto}). */
        public String modelName() {
            return model.modelName();
        }
    }

    /** The models {@link #fit} accepts besides {@code auto}, in the order {@code auto} tries them. */
    public static List<String> models() {
        return List.of("soft-bounds", "exp-step", "pow-step", "neurosim", "piecewise-step");
    }

    static PulseCurve curve(String model) {
        switch (model) {
            case "soft-bounds":
                return new SoftBoundsCurve();
            case "exp-step":
                return new ExpStepCurve();
            case "pow-step":
                return new PowStepCurve();
            case "neurosim":
                return new NeuroSimCurve();
            case "piecewise-step":
                return new PiecewiseStepCurve();
            default:
                throw new IllegalArgumentException("model must be one of " + models() + " or " + AUTO + ", got '"
                        + model + "'");
        }
    }

    /**
     * Fits a model.
     *
     * @param data     the measured cycles
     * @param model    one of {@link #models()} or {@code auto}
     * @param progress told after each device; may be null
     * @throws IllegalArgumentException for an unknown model name
     * @throws FitException when a device's fit does not converge from any starting guess (for
     *                      {@code auto}: when no model can be fitted)
     */
    public static Result fit(PulseResponseData data, String model, ProgressListener progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Working w = working(data);
        if (!AUTO.equals(model)) {
            Fitted f = fitModel(curve(model), data, w, progress);
            double bic = bic(f, w, autocorrelationTimes(f, w));
            Map<String, Double> candidates = new LinkedHashMap<>();
            candidates.put(model, bic);
            return result(data, w, f, bic, candidates, List.of());
        }
        List<String> failures = new ArrayList<>();
        List<Fitted> fitted = new ArrayList<>();
        Fitted reference = null;
        for (String name : models()) {
            try {
                Fitted f = fitModel(curve(name), data, w, progress);
                fitted.add(f);
                if (reference == null || f.sse() < reference.sse()) {
                    reference = f;
                }
            } catch (FitException e) {
                fitted.add(null);
                failures.add(name + " could not be fitted: " + e.getMessage());
            }
        }
        if (reference == null) {
            throw new FitException(data.origin() + ": no model could be fitted; " + String.join("; ", failures));
        }
        double[] tau = autocorrelationTimes(reference, w);
        Map<String, Double> candidates = new LinkedHashMap<>();
        Fitted best = null;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int m = 0; m < models().size(); m++) {
            Fitted f = fitted.get(m);
            double bic = f == null ? Double.POSITIVE_INFINITY : bic(f, w, tau);
            candidates.put(models().get(m), bic);
            if (bic < bestBic) {
                bestBic = bic;
                best = f;
            }
        }
        return result(data, w, best, bestBic, candidates, failures);
    }

    /**
     * BIC with each device's effective number of reads n_i/τ_i (τ_i the integrated autocorrelation
     * time of its residuals): Σ_i [(n_i/τ_i)·ln(S_i/n_i) + p·ln(n_i/τ_i)] + p_shared·ln Σ_i n_i/τ_i,
     * S_i in S². With correlated residuals the plain n_i·ln(S_i/n_i) counts each pulse as an
     * independent read and rewards extra parameters far beyond their worth.
     */
    private static double bic(Fitted f, Working w, double[] tau) {
        double ln2Unit = 2 * Math.log(w.unit());
        double bic = 0;
        double total = 0;
        for (int i = 0; i < f.fits().length; i++) {
            PulseCurve.DeviceFit d = f.fits()[i];
            double nEff = d.points() / tau[i];
            bic += nEff * (Math.log(Math.max(d.sse(), Double.MIN_NORMAL) / d.points()) + ln2Unit)
                    + f.curve().freeParametersPerDevice() * Math.log(nEff);
            total += nEff;
        }
        return bic + f.curve().sharedParameterCount() * Math.log(total);
    }

    /** τ_i of each device's residuals around the fit f. */
    private static double[] autocorrelationTimes(Fitted f, Working w) {
        double[] tau = new double[f.fits().length];
        for (int i = 0; i < tau.length; i++) {
            double[] y = w.series()[i].y();
            double[] r = new double[y.length];
            for (int n = 0; n < y.length; n++) {
                r[n] = y[n] - f.fits()[i].fitted()[n];
            }
            tau[i] = autocorrelationTime(r, 0, r.length);
        }
        return tau;
    }

    /** The data in the working unit (the median span of the devices' reads, so parameters are of order one). */
    private record Working(double unit, PulseCurve.DeviceSeries[] series) {
    }

    private static Working working(PulseResponseData data) {
        int d = data.devices();
        double[] spans = new double[d];
        for (int i = 0; i < d; i++) {
            double[] y = data.reads(i);
            spans[i] = Arrays.stream(y).max().getAsDouble() - Arrays.stream(y).min().getAsDouble();
        }
        double[] sorted = spans.clone();
        Arrays.sort(sorted);
        double unit = sorted[d / 2];
        if (!(unit > 0)) {
            throw new DataFormatException(data.origin() + ": the reads do not change with the pulses (median span of a"
                    + " device's reads is 0 S); nothing to fit");
        }
        byte[] pol = data.polaritySequence();
        PulseCurve.DeviceSeries[] series = new PulseCurve.DeviceSeries[d];
        for (int i = 0; i < d; i++) {
            double[] y = data.reads(i);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int n = 0; n < y.length; n++) {
                y[n] /= unit;
                min = Math.min(min, y[n]);
                max = Math.max(max, y[n]);
            }
            series[i] = new PulseCurve.DeviceSeries(i, data.deviceLabels().get(i), y, pol, min, max);
        }
        return new Working(unit, series);
    }

    /** One model fitted to every device; sse the total in the working unit. */
    private record Fitted(PulseCurve curve, PulseCurve.DeviceFit[] fits, PulseCurve.Nominal nominal, double sse) {
    }

    private static Fitted fitModel(PulseCurve curve, PulseResponseData data, Working w, ProgressListener progress) {
        PulseCurve.DeviceSeries[] series = w.series();
        int d = series.length;
        curve.prepare(series);
        PulseCurve.DeviceFit[] independent = new PulseCurve.DeviceFit[d];
        AtomicInteger done = new AtomicInteger();
        FitException[] failure = new FitException[d];
        IntStream.range(0, d).parallel().forEach(i -> {
            try {
                independent[i] = fitDevice(curve, series[i], data.origin());
            } catch (FitException e) {
                failure[i] = e;
            }
            if (progress != null) {
                int k = done.incrementAndGet();
                synchronized (progress) {
                    progress.devicesDone(curve.name(), k, d);
                }
            }
        });
        for (FitException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        PulseCurve.DeviceFit[] fits = curve.refine(independent, series, data.origin());
        PulseNoiseMoments.Sums[] sums = new PulseNoiseMoments.Sums[d];
        double sse = 0;
        for (int i = 0; i < d; i++) {
            PulseCurve.DeviceFit f = fits[i];
            double[] increment = new double[f.points()];
            double[] carry = new double[f.points()];
            double[] scale = new double[f.points()];
            curve.noiseIncrements(f.theta(), series[i], f.fitted(), increment, carry, scale);
            sums[i] = PulseNoiseMoments.deviceSums(increment, carry, scale);
            sse += f.sse();
        }
        PulseCurve.Population pop = new PulseCurve.Population(fits, w.unit(), PulseNoiseMoments.estimate(sums));
        return new Fitted(curve, fits, curve.nominal(pop), sse);
    }

    /**
     * Fits one device from the best of the curve's starting guesses ({@link PulseCurve#descents} of
     * them, keeping the lowest residual sum), falling back to the curve's reduced fit
     * ({@link PulseCurve#fallbackFree}) and then to the next guesses on failure.
     */
    static PulseCurve.DeviceFit fitDevice(PulseCurve curve, PulseCurve.DeviceSeries s, String origin) {
        double[] y = s.y();
        double[] lower = curve.lower(s);
        double[] upper = curve.upper(s);
        double[] scale = curve.typicalScale(s);
        List<double[]> starts = new ArrayList<>(curve.starts(s));
        double[] sse = new double[starts.size()];
        double[] out = new double[y.length];
        for (int k = 0; k < starts.size(); k++) {
            double[] t = starts.get(k);
            for (int j = 0; j < t.length; j++) {
                t[j] = Math.min(Math.max(t[j], lower[j]), upper[j]);
            }
            curve.predict(t, s, out);
            double ss = 0;
            for (int n = 0; n < y.length; n++) {
                ss += (y[n] - out[n]) * (y[n] - out[n]);
            }
            sse[k] = Double.isFinite(ss) ? ss : Double.POSITIVE_INFINITY;
        }
        Integer[] order = new Integer[starts.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> sse[k]));
        String what = origin + ": " + curve.name() + ", device '" + s.label() + "'";
        LeastSquaresFit.Model model = (theta, o) -> curve.predict(theta, s, o);
        boolean[] fallback = curve.fallbackFree();
        boolean seed = curve.refitsDevices();
        FitException last = null;
        LeastSquaresFit.Result best = null;
        int tries = Math.min(Math.max(3, curve.descents()), order.length);
        for (int attempt = 0; attempt < tries; attempt++) {
            double[] start = starts.get(order[attempt]);
            try {
                LeastSquaresFit.Result r = LeastSquaresFit.fit(what, model, y, start, lower, upper, scale, MAX_ITERATIONS,
                        seed ? SEED_TOLERANCE : RELATIVE_TOLERANCE);
                if (best == null || r.residualSumSquares() < best.residualSumSquares()) {
                    best = r;
                }
            } catch (FitException e) {
                last = e;
                if (best == null && fallback != null) {
                    try {
                        return fitFree(curve, s, start, fallback, origin);
                    } catch (FitException f) {
                        last = f;
                    }
                }
            }
            if (best != null && attempt + 1 >= curve.descents()) {
                break;
            }
        }
        if (best == null) {
            throw last;
        }
        double[] cov = seed ? best.covariance() : sandwich(model, y, best, lower, upper, scale, y.length);
        return deviceFit(curve, s, best.theta(), cov);
    }

    /**
     * Refits one device with some parameters held at the values given, from those values.
     *
     * @param theta all parameters: the start of the free ones, the value of the fixed ones; not modified
     * @param free  which parameters are fitted
     * @return the fit; the covariance has zero rows and columns for the fixed parameters
     */
    static PulseCurve.DeviceFit fitFree(PulseCurve curve, PulseCurve.DeviceSeries s, double[] theta, boolean[] free,
            String origin) {
        return fitFree(curve, s, theta, free, origin, true);
    }

    /**
     * As {@link #fitFree(PulseCurve, PulseCurve.DeviceSeries, double[], boolean[], String)}; with
     * {@code sandwich} false the covariance is LM's plain σ̂²(JᵀJ)⁻¹, for an intermediate fit
     * whose covariance is not used.
     */
    static PulseCurve.DeviceFit fitFree(PulseCurve curve, PulseCurve.DeviceSeries s, double[] theta, boolean[] free,
            String origin, boolean sandwich) {
        int p = theta.length;
        int[] index = IntStream.range(0, p).filter(k -> free[k]).toArray();
        int q = index.length;
        double[] lower = curve.lower(s);
        double[] upper = curve.upper(s);
        double[] scale = curve.typicalScale(s);
        double[] lo = new double[q];
        double[] hi = new double[q];
        double[] sc = new double[q];
        double[] start = new double[q];
        for (int j = 0; j < q; j++) {
            lo[j] = lower[index[j]];
            hi[j] = upper[index[j]];
            sc[j] = scale[index[j]];
            start[j] = theta[index[j]];
        }
        LeastSquaresFit.Model model = (reduced, o) -> {
            double[] full = theta.clone();
            for (int j = 0; j < q; j++) {
                full[index[j]] = reduced[j];
            }
            curve.predict(full, s, o);
        };
        double[] y = s.y();
        LeastSquaresFit.Result r = LeastSquaresFit.fit(origin + ": " + curve.name() + ", device '" + s.label() + "'",
                model, y, start, lo, hi, sc, MAX_ITERATIONS, RELATIVE_TOLERANCE);
        double[] reducedCov = sandwich ? sandwich(model, y, r, lo, hi, sc, y.length) : r.covariance();
        double[] full = theta.clone();
        double[] cov = new double[p * p];
        for (int a = 0; a < q; a++) {
            full[index[a]] = r.theta()[a];
            for (int b = 0; b < q; b++) {
                cov[index[a] * p + index[b]] = reducedCov[a * q + b];
            }
        }
        return deviceFit(curve, s, full, cov);
    }

    /** A device's fit: θ̂ and its covariance, with the trajectory's reads and residual sum (see {@link PulseCurve#predict}). */
    private static PulseCurve.DeviceFit deviceFit(PulseCurve curve, PulseCurve.DeviceSeries s, double[] theta,
            double[] cov) {
        double[] y = s.y();
        double[] fitted = new double[y.length];
        curve.trajectory(theta, s.polarity(), fitted);
        double sse = 0;
        for (int n = 0; n < y.length; n++) {
            sse += (y[n] - fitted[n]) * (y[n] - fitted[n]);
        }
        return new PulseCurve.DeviceFit(theta, cov, fitted, sse, y.length);
    }

    /**
     * Batch-means sandwich covariance of θ̂ (White 1980, doi:10.2307/1912934; batch means for
     * serially correlated residuals): A·S·A with A = (JᵀJ)⁻¹ and S = Σ_blocks h_b·h_bᵀ, where
     * h_b = Σ_{n∈block} J_nᵀ·r_n is the score summed over consecutive blocks of
     * b = ⌈{@value #BLOCK_FACTOR}·τ⌉ reads, τ the residuals' integrated autocorrelation time. Unlike
     * an overall inflation of σ̂²(JᵀJ)⁻¹ by τ, this is right both for parameters set by the slowly
     * varying bulk of a trajectory (whose residuals are correlated) and for those set by a few
     * reads (e.g. gMin_i by the first read after the start). Blocks never cross segments.
     *
     * @param segment length of the independent segments of y (one device each)
     */
    static double[] sandwich(LeastSquaresFit.Model model, double[] y, LeastSquaresFit.Result r, double[] lower,
            double[] upper, double[] typical, int segment) {
        double[] theta = r.theta();
        int p = theta.length;
        int n = y.length;
        double[] cov = r.covariance();
        double sigma2 = r.residualSumSquares() / (n - p);
        if (!(sigma2 > 0) || Double.isNaN(cov[0])) {
            return cov.clone();
        }
        double[][] jac = new double[p][n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] t = theta.clone();
        for (int k = 0; k < p; k++) {
            double h = 1e-6 * Math.max(Math.abs(t[k]), typical[k]);
            double saved = t[k];
            double hi = Math.min(saved + h, upper[k]);
            double lo = Math.max(saved - h, lower[k]);
            t[k] = hi;
            model.predict(t, plus);
            t[k] = lo;
            model.predict(t, minus);
            t[k] = saved;
            for (int i = 0; i < n; i++) {
                jac[k][i] = (plus[i] - minus[i]) / (hi - lo);
            }
        }
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            res[i] = y[i] - r.fitted()[i];
        }
        double[] meat = new double[p * p];
        double[] block = new double[p];
        for (int from = 0; from < n; from += segment) {
            int to = Math.min(n, from + segment);
            int b = (int) Math.max(1, Math.ceil(BLOCK_FACTOR * autocorrelationTime(res, from, to)));
            for (int start = from; start < to; start += b) {
                Arrays.fill(block, 0);
                for (int i = start; i < Math.min(to, start + b); i++) {
                    for (int k = 0; k < p; k++) {
                        block[k] += jac[k][i] * res[i];
                    }
                }
                for (int a = 0; a < p; a++) {
                    for (int c = 0; c < p; c++) {
                        meat[a * p + c] += block[a] * block[c];
                    }
                }
            }
        }
        double[] bread = new double[p * p];
        for (int k = 0; k < p * p; k++) {
            bread[k] = cov[k] / sigma2;
        }
        return product(product(bread, meat, p), bread, p);
    }

    private static double[] product(double[] a, double[] b, int p) {
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double v = 0;
                for (int m = 0; m < p; m++) {
                    v += a[i * p + m] * b[m * p + j];
                }
                out[i * p + j] = v;
            }
        }
        return out;
    }

    /**
     * Integrated autocorrelation time of the residuals r[from, to), τ = 1 + 2Σ_{k=1}^{M} ρ_k with
     * the smallest M ≥ 5τ(M) (Sokal's window; at most half the segment), floored at 1.
     */
    static double autocorrelationTime(double[] r, int from, int to) {
        int n = to - from;
        double c0 = 0;
        for (int i = from; i < to; i++) {
            c0 += r[i] * r[i];
        }
        if (!(c0 > 0)) {
            return 1;
        }
        double tau = 1;
        for (int k = 1; k < n / 2; k++) {
            double ck = 0;
            for (int i = from; i + k < to; i++) {
                ck += r[i] * r[i + k];
            }
            tau += 2 * ck / c0;
            if (k >= 5 * tau) {
                break;
            }
        }
        return Math.max(tau, 1);
    }

    private static Result result(PulseResponseData data, Working w, Fitted f, double bic, Map<String, Double> candidates,
            List<String> failures) {
        double unit = w.unit();
        PulseCurve.DeviceFit[] fits = f.fits();
        double[] deviceNumber = deviceNumbers(data);
        List<String> header = List.of("device", "cycle", "pulse_index", "polarity", "measured_siemens",
                "fitted_siemens", "residual_siemens");
        List<double[]> rows = new ArrayList<>(data.devices() * data.pulses());
        double ssRes = 0;
        double ssTot = 0;
        long points = 0;
        for (int i = 0; i < fits.length; i++) {
            double[] y = data.reads(i);
            double mean = PulseCurve.mean(y);
            for (int n = 0; n < y.length; n++) {
                double m = fits[i].fitted()[n] * unit;
                double r = y[n] - m;
                ssRes += r * r;
                ssTot += (y[n] - mean) * (y[n] - mean);
                rows.add(new double[] {deviceNumber[i], data.cycleOf(n), data.pulseIndexOf(n), data.polarity(n), y[n], m, r});
            }
            points += y.length;
        }
        String[] names = f.curve().parameterNames();
        List<String> paramHeader = new ArrayList<>();
        paramHeader.add("device");
        paramHeader.addAll(Arrays.asList(names));
        paramHeader.add("rmse_siemens");
        List<double[]> paramRows = new ArrayList<>();
        for (int i = 0; i < fits.length; i++) {
            double[] row = new double[names.length + 2];
            row[0] = deviceNumber[i];
            for (int k = 0; k < names.length; k++) {
                row[k + 1] = fits[i].theta()[k] * (names[k].endsWith("Siemens") ? unit : 1);
            }
            row[names.length + 1] = Math.sqrt(fits[i].sse() / fits[i].points()) * unit;
            paramRows.add(row);
        }
        List<String> notes = new ArrayList<>(f.nominal().notes());
        notes.addAll(failures);
        double rSquared = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
        FitSummary summary = new FitSummary("pulse-response", f.curve().name(), f.nominal().parameters(),
                (int) Math.min(points, Integer.MAX_VALUE), Math.sqrt(ssRes / points), "S", rSquared, "BIC", bic,
                candidates, notes);
        return new Result(f.nominal().model(), summary, new ResidualTable(header, rows),
                new ResidualTable(paramHeader, paramRows));
    }

    /** Each device's label as a number when every label is an integer, else its 0-based index. */
    private static double[] deviceNumbers(PulseResponseData data) {
        double[] v = new double[data.devices()];
        try {
            for (int i = 0; i < v.length; i++) {
                v[i] = Long.parseLong(data.deviceLabels().get(i));
            }
        } catch (NumberFormatException e) {
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
        }
        return v;
    }
}
