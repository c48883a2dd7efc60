package dev.kirchhoff.profiles.fit;

import static dev.kirchhoff.device.pulsed.NeuroSimNonlinear.curve;
import static dev.kirchhoff.device.pulsed.NeuroSimNonlinear.position;

import dev.kirchhoff.device.pulsed.NeuroSimNonlinear;
import dev.kirchhoff.device.pulsed.PulseVariability;
import java.util.ArrayList;
import java.util.List;

/**
 * NeuroSim's pulse-number model ({@link NeuroSimNonlinear}; Chen, Peng &amp; Yu, IEEE TCAD 2018,
 * doi:10.1109/TCAD.2018.2789723) fitted per device with
 * θ = (gMin_i, gMax_i, ρ⁺_i, ρ⁻_i, u⁺_i, u⁻_i): each direction has the normalised curve
 * g_u(x) = (1 − e^(−u·x))/(1 − e^(−u)) on the position x ∈ [0, 1], u = P_max/A; a pulse inverts
 * the curve of its direction at the present state, moves the position by +ρ⁺_i (potentiation) or
 * −ρ⁻_i (depression) and evaluates the curve there:
 * <pre>
 *   G ← gMin_i + W_i·g_u(x(G) ± ρ_i),   ρ⁺_i = upScale_i/P_LTP,  ρ⁻_i = downScale_i/P_LTD
 * </pre>
 * Nothing is fixed. The pulse counts are integers but the per-device fit needs none: it fits the
 * continuous position step ρ_i, and P_LTP = round(1/mean ρ⁺_i) (likewise P_LTD) afterwards, so no
 * refit is needed; the rounding changes the nominal step by at most 0.5/P (noted). Normalised
 * A = 1/mean u (linear when the mean rate is 0).
 *
 * <p>Identifiability: only a run that reaches a bound separates the position step from the curve's
 * rate (a run that stays inside the window sees only B = W/(1 − e^(−u)) and u·ρ), so the data need
 * runs of at least about P_max pulses, as NeuroSim's own LTP/LTD measurements are.
 *
 * <p>Noise: NeuroSim's cycle-to-cycle noise is added, σ·(gMax_i − gMin_i)·ξ per pulse, so the
 * moment scale is s_n = W_i; the moments are taken on the one-step residuals, and transitions near
 * a bound are left out of the c2c moment, because clipping there removes part of the noise. {@code exponentDtod} spreads the rates
 * u^± independently and relatively, so exponentDtod² is the pooled corrected variance of u⁺_i/ū⁺
 * and u⁻_i/ū⁻, leaving out a direction whose mean rate is below {@value #MIN_RATE} (nearly linear:
 * a relative spread of a rate near 0 means nothing).
 */
final class NeuroSimCurve extends PulseCurve {
    /** Curvature rates |u| below this are evaluated as the straight line, as in NeuroSimNonlinear. */
    private static final double LINEAR_RATE = 1e-12;
    /** A direction whose |mean rate| is below this does not inform exponentDtod. */
    static final double MIN_RATE = 0.5;
    /** Distance from a bound, as a fraction of the window, inside which clipping distorts the noise. */
    private static final double INTERIOR_MARGIN = 0.05;

    @Override
    String name() {
        return NeuroSimNonlinear.NAME;
    }

    @Override
    String[] parameterNames() {
        return new String[] {"gMinSiemens", "gMaxSiemens", "positionStepLtp", "positionStepLtd", "rateLtp", "rateLtd"};
    }

    /** Slope g_u′(x) = u·e^(−u·x)/(1 − e^(−u)) (1 when linear). */
    private static double slope(double u, double x) {
        return Math.abs(u) < LINEAR_RATE ? 1 : -u * Math.exp(-u * x) / Math.expm1(-u);
    }

    @Override
    void trajectory(double[] theta, byte[] polarity, double[] out) {
        double lo = theta[0];
        double w = Math.max(theta[1] - lo, 1e-12);
        double rhoUp = theta[2];
        double rhoDown = theta[3];
        double uUp = theta[4];
        double uDown = theta[5];
        double g = lo;
        for (int n = 0; n < polarity.length; n++) {
            double y = (g - lo) / w;
            if (polarity[n] > 0) {
                g = lo + w * curve(uUp, position(uUp, y) + rhoUp);
            } else {
                g = lo + w * curve(uDown, position(uDown, y) - rhoDown);
            }
            out[n] = g;
        }
    }

    /**
     * σ of the cycle-to-cycle noise as a fraction of each device's window, used by
     * {@link #predict} for the clipped mean; 0 in the first pass, then set by {@link #refine}.
     */
    private double noiseFraction;

    /**
     * One step ahead from each measured read (conditional least squares, see
     * {@link PulseCurve#predict}): NeuroSim adds its cycle-to-cycle noise to the conductance and
     * the next pulse re-reads the position from it, so on a flat stretch of a curve (the tail of a
     * strongly saturating depression moves 0.04% of the window per pulse) a noise of 0.3% of the
     * window moves the position by several pulses, a random walk that a noise-free trajectory from
     * gMin cannot follow. The first read is predicted from gMin_i, where every device starts.
     *
     * <p>The device clips its noisy state to [gMin_i, gMax_i], so near a bound the expected next
     * state is not the curve's value m but the mean of a normal N(m, σ²) clipped to [a, b]:
     * <pre>
     *   E = a·Φ(α) + b·(1 − Φ(β)) + m·(Φ(β) − Φ(α)) + σ·(φ(α) − φ(β)),   α = (a − m)/σ, β = (b − m)/σ
     * </pre>
     * (Johnson, Kotz &amp; Balakrishnan, Continuous Univariate Distributions 1, 2nd ed., §10.1), with
     * σ = {@link #noiseFraction}·W_i. Without it a saturating tail, which spends many pulses
     * within a few σ of gMin, is fitted with a raised gMin and a steeper, longer curve.
     */
    @Override
    double next(double[] theta, double prev, int polarity) {
        double lo = theta[0];
        double hi = Math.max(theta[1], lo + 1e-12);
        double w = hi - lo;
        double x = (Math.min(Math.max(prev, lo), hi) - lo) / w;
        double m = polarity > 0 ? lo + w * curve(theta[4], position(theta[4], x) + theta[2])
                : lo + w * curve(theta[5], position(theta[5], x) - theta[3]);
        double sigma = noiseFraction * w;
        return sigma > 0 ? clippedMean(m, sigma, lo, hi) : m;
    }

    @Override
    boolean predictsOneStep() {
        return true;
    }

    /**
     * A strongly saturating direction has a second basin (a very steep curve with a tiny position
     * step, the rate on its bound): with cycle-to-cycle noise one device in five fell into it from
     * its best guess alone, so the second pass of LM descends from the best two guesses and keeps
     * the lower sum.
     */
    @Override
    int descents() {
        return noiseFraction > 0 ? 2 : 1; // the first pass only estimates the noise
    }

    /** The first pass only estimates the noise for the second ({@link #refine}), which refits every device. */
    @Override
    boolean refitsDevices() {
        return noiseFraction == 0;
    }

    /** Mean of N(m, σ²) clipped to [a, b] (see {@link #predict}); m itself beyond 8σ of both ends. */
    static double clippedMean(double m, double sigma, double a, double b) {
        double alpha = (a - m) / sigma;
        double beta = (b - m) / sigma;
        if (alpha < -8 && beta > 8) {
            return m;
        }
        double pa = cdf(alpha);
        double pb = cdf(beta);
        return a * pa + b * (1 - pb) + m * (pb - pa) + sigma * (pdf(alpha) - pdf(beta));
    }

    /**
     * Φ(z) = erfc(−z/√2)/2 with erfc from Abramowitz &amp; Stegun 7.1.26 (absolute error ≤ 1.5e−7,
     * so the clipped mean is off by at most 3e−7·σ): evaluated for every read near a bound, where
     * Commons Math's series for erfc made the fit ten times slower.
     */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double tail = 0.5 * t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z < 0 ? tail : 1 - tail;
    }

    private static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /**
     * Second pass: the cycle-to-cycle σ (as a fraction of the window) from the first pass's
     * one-step residuals of transitions that stay more than 5% of the window from both bounds
     * (where clipping plays no part; write noise adds a little), pooled over devices; then every
     * device is fitted again with the clipped mean, from its starting guesses as in the first pass.
     */
    @Override
    DeviceFit[] refine(DeviceFit[] fits, DeviceSeries[] series, String origin) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < fits.length; i++) {
            double[] t = fits[i].theta();
            double lo = t[0];
            double w = t[1] - t[0];
            double[] y = series[i].y();
            double[] pred = new double[y.length];
            predict(t, series[i], pred);
            for (int n = 1; n < y.length; n++) {
                if (interior((y[n - 1] - lo) / w, (pred[n] - lo) / w)) {
                    double r = (y[n] - pred[n]) / w;
                    sum += r * r;
                    count++;
                }
            }
        }
        if (count < 10) {
            return fits;
        }
        noiseFraction = Math.sqrt(sum / count);
        DeviceFit[] refitted = new DeviceFit[fits.length];
        java.util.stream.IntStream.range(0, fits.length).parallel().forEach(i ->
                refitted[i] = PulseResponseFit.fitDevice(this, series[i], origin));
        return refitted;
    }

    /**
     * Starting guesses: a grid of curvatures with steps from the early increments, plus a guess
     * read off the runs themselves ({@link #runStart}), which lands in the right basin where the
     * grid does not (a strongly curved depression otherwise settles on a slow, never-saturating
     * walk beyond the data).
     */
    @Override
    List<double[]> starts(DeviceSeries s) {
        List<double[]> starts = new ArrayList<>();
        for (double ext : new double[] {0, 0.05}) {
            double lo = Math.max(s.min() - ext * s.span(), 0);
            double hi = s.max() + ext * s.span();
            double w = hi - lo;
            double[] runUp = runStart(s, +1, lo, hi);
            double[] runDown = runStart(s, -1, lo, hi);
            if (runUp != null && runDown != null) {
                starts.add(new double[] {lo, hi, runUp[0], runDown[0], runUp[1], runDown[1]});
            }
            for (double uUp : new double[] {-3, 0, 3}) {
                for (double uDown : new double[] {-3, 0, 3}) {
                    double up = stepScale(s, 1, lo, hi, g -> w * slope(uUp, position(uUp, (g - lo) / w)));
                    double down = stepScale(s, -1, lo, hi, g -> w * slope(uDown, position(uDown, (g - lo) / w)));
                    starts.add(new double[] {lo, hi, Math.min(up, 1), Math.min(down, 1), uUp, uDown});
                }
            }
        }
        return starts;
    }

    /**
     * Position step and curvature of one direction read off its runs: in a run that starts within
     * 3% of the opposite bound, the (interpolated) numbers of pulses k_a and k_b after which the
     * normalised conductance passes the levels a = 0.5 and b = 0.9 (depression: 0.5 and 0.1)
     * satisfy {@code k·ρ = x(u, level)} (potentiation; {@code 1 − k·ρ} for depression), x the
     * position of the level on the curve g_u. The ratio k_b/k_a depends on u alone and rises
     * monotonically with it for potentiation (from 1 at u → −∞ through 1.8 at u = 0 to
     * ln 10/ln 2 at u → ∞), falling for depression; bisection solves it, then ρ = x(u, a)/k_a.
     * The medians over runs are used.
     *
     * @return {ρ, u}, or null when no run crosses both levels from near the opposite bound
     */
    static double[] runStart(DeviceSeries s, int polarity, double lo, double hi) {
        double[] y = s.y();
        byte[] pol = s.polarity();
        double w = hi - lo;
        double a = 0.5;
        double b = polarity > 0 ? 0.9 : 0.1;
        List<Double> ka = new ArrayList<>();
        List<Double> kb = new ArrayList<>();
        for (int r = 0; r < y.length; r++) {
            if (pol[r] != polarity || (r > 0 && pol[r - 1] == polarity)) {
                continue;
            }
            double prev = r == 0 ? 0 : (y[r - 1] - lo) / w;
            if (polarity > 0 ? prev > 0.03 : prev < 0.97) {
                continue;
            }
            double crossA = Double.NaN;
            double crossB = Double.NaN;
            double before = prev;
            for (int k = 0; r + k < y.length && pol[r + k] == polarity; k++) {
                double now = (y[r + k] - lo) / w;
                if (Double.isNaN(crossA) && polarity * (now - a) >= 0 && polarity * (before - a) < 0) {
                    crossA = k + (a - before) / (now - before);
                }
                if (Double.isNaN(crossB) && polarity * (now - b) >= 0 && polarity * (before - b) < 0) {
                    crossB = k + (b - before) / (now - before);
                }
                before = now;
            }
            if (crossA > 0 && crossB > crossA) {
                ka.add(crossA);
                kb.add(crossB);
            }
        }
        if (ka.isEmpty()) {
            return null;
        }
        double kA = median(ka);
        double ratio = median(kb) / kA;
        double uLo = -40;
        double uHi = 40;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (uLo + uHi);
            double diff = runRatio(polarity, mid, a, b) - ratio;
            if ((polarity > 0) == (diff < 0)) {
                uLo = mid;
            } else {
                uHi = mid;
            }
        }
        double u = 0.5 * (uLo + uHi);
        double xa = position(u, a);
        double rho = (polarity > 0 ? xa : 1 - xa) / kA;
        return new double[] {Math.min(Math.max(rho, 1e-4), 1), u};
    }

    /** k_b/k_a of {@link #runStart} for curvature u. */
    private static double runRatio(int polarity, double u, double a, double b) {
        return polarity > 0 ? position(u, b) / position(u, a) : (1 - position(u, b)) / (1 - position(u, a));
    }

    private static double median(List<Double> v) {
        double[] x = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = x.length;
        return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
    }

    @Override
    double[] lower(DeviceSeries s) {
        return new double[] {Math.max(s.min() - 5 * s.span(), 0), s.min(), 1e-4, 1e-4, -40, -40};
    }

    @Override
    double[] upper(DeviceSeries s) {
        return new double[] {s.max(), s.max() + 10 * s.span(), 1, 1, 40, 40};
    }

    @Override
    double[] typicalScale(DeviceSeries s) {
        return new double[] {s.span(), s.span(), 0.01, 0.01, 1, 1};
    }

    /**
     * Scale W_i (additive noise); a transition is left out of the c2c moment when its previous read
     * or its prediction lies within {@value #INTERIOR_MARGIN} of the window from a bound, where
     * clipping removes part of the noise (as in {@link #refine}).
     */
    @Override
    double noiseScale(double[] theta, double from, double to) {
        double lo = theta[0];
        double w = theta[1] - lo;
        return interior((from - lo) / w, (to - lo) / w) ? w : Double.NaN;
    }

    /** Whether a transition stays clear of both bounds (positions as fractions of the window). */
    private static boolean interior(double xPrev, double xPred) {
        return xPrev > INTERIOR_MARGIN && xPrev < 1 - INTERIOR_MARGIN && xPred > INTERIOR_MARGIN
                && xPred < 1 - INTERIOR_MARGIN;
    }

    @Override
    Nominal nominal(Population p) {
        Shared s = shared(p, unitGradient(2), unitGradient(3), "positionStepLtp", "positionStepLtd", false);
        List<FitParameter> params = new ArrayList<>(s.parameters());
        List<String> notes = new ArrayList<>(s.notes());
        int pulsesLtp = (int) Math.max(1, Math.round(1 / s.upStep()));
        int pulsesLtd = (int) Math.max(1, Math.round(1 / s.downStep()));
        params.add(FitParameter.point("pulsesLtp", "1", pulsesLtp));
        params.add(FitParameter.point("pulsesLtd", "1", pulsesLtd));
        notes.add(String.format(java.util.Locale.ROOT,
                "pulse counts rounded: 1/mean step %.4g -> %d (LTP), %.4g -> %d (LTD)", 1 / s.upStep(), pulsesLtp,
                1 / s.downStep(), pulsesLtd));
        double[] uUp = p.column(4);
        double[] uDown = p.column(5);
        FitParameter rateUp = meanParameter("rateLtp", "1", uUp, 1);
        FitParameter rateDown = meanParameter("rateLtd", "1", uDown, 1);
        params.add(rateUp);
        params.add(rateDown);
        double aLtp = normalizedA(rateUp.value());
        double aLtd = normalizedA(rateDown.value());
        params.add(inverse("normalizedALtp", rateUp));
        params.add(inverse("normalizedALtd", rateDown));
        double mUp = Math.abs(rateUp.value());
        double mDown = Math.abs(rateDown.value());
        Spread exponent;
        if (mUp >= MIN_RATE && mDown >= MIN_RATE) {
            exponent = pooled(p, unitGradient(4), rateUp.value(), unitGradient(5), rateDown.value());
        } else if (mUp >= MIN_RATE) {
            exponent = spread(p, unitGradient(4), rateUp.value());
        } else if (mDown >= MIN_RATE) {
            exponent = spread(p, unitGradient(5), rateDown.value());
        } else {
            exponent = new Spread(0, Double.NaN, false);
            notes.add("exponentDtod not resolved: both curves are nearly linear (|mean rate| < " + MIN_RATE + ")");
        }
        NeuroSimNonlinear nominalShape = new NeuroSimNonlinear(s.range(), pulsesLtp, pulsesLtd, aLtp, aLtd,
                PulseVariability.NONE);
        PulseVariability v = variability(p, s, exponent, nominalShape.nominalStepSiemens(), params, notes);
        return new Nominal(nominalShape.withVariability(v), params, notes);
    }

    private static double normalizedA(double rate) {
        return Math.abs(rate) < LINEAR_RATE ? NeuroSimNonlinear.LINEAR : 1 / rate;
    }

    /** 1/rate, with the interval of the rate inverted when it does not contain 0. */
    private static FitParameter inverse(String name, FitParameter rate) {
        double a = normalizedA(rate.value());
        double lo = rate.ciLow();
        double hi = rate.ciHigh();
        if (Double.isInfinite(a)) {
            return new FitParameter(name, "1", Double.MAX_VALUE, Double.NaN, Double.NaN, Double.NaN);
        }
        if (!(lo * hi > 0)) {
            return FitParameter.point(name, "1", a);
        }
        return new FitParameter(name, "1", a, Double.NaN, Math.min(1 / lo, 1 / hi), Math.max(1 / lo, 1 / hi));
    }
}
