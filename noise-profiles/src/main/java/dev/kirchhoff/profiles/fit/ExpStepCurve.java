package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.ExpStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential step ({@link ExpStep}; aihwkit {@code ExpStepDevice}, Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494) fitted per device with
 * θ = (gMin_i, gMax_i, s⁺_i, s⁻_i, φ⁺_i, φ⁻_i, γ⁺_i, γ⁻_i):
 * <pre>
 *   z    = 2a·(G − G_c)/(gMax_i − gMin_i) + b
 *   up:   G ← G + s⁺_i·max(1 − A⁺_i·e^( γ⁺_i·z), 0)
 *   down: G ← G − s⁻_i·max(1 − A⁻_i·e^(−γ⁻_i·z), 0)
 * </pre>
 * Fixed: a = {@value ExpStep#AIHWKIT_A} and b = {@value ExpStep#AIHWKIT_B} (aihwkit's es_a, es_b).
 * They are not identifiable: A·e^(γ(2a·x + b)) = (A·e^(γb))·e^(2aγ·x), so only A·e^(γb) and aγ
 * are seen; fixing a and b leaves A and γ of each direction identifiable. The amplitudes enter
 * as the log-deficits at the window's ends, φ⁺ = ln A⁺ + γ⁺·z_top and φ⁻ = ln A⁻ − γ⁻·z_bottom,
 * z_top = a + b and z_bottom = b − a (the nominal top and bottom): A·e^(±γz) = e^(φ ± γ(z − z_end)).
 * The curve is pinned where the factor departs from 1, at the end it saturates towards, so φ and γ
 * are nearly uncorrelated where ln A and γ lie on a long ridge (on which Levenberg–Marquardt crawls).
 *
 * <p>Shared shape. aihwkit's model has no device-to-device spread of A and γ, and a device's own
 * (A, γ) is weakly determined (the factor departs from 1 only near the end it saturates towards;
 * per device se(γ⁺) ≈ 20% on 100-pulse runs), so a mean of per-device shapes is biased. The
 * independent per-device fits free all 8 parameters (a device whose fit does not converge, common
 * on data of another shape, is fitted with its shape held at its best grid start); from the median
 * of their shapes, the shape (φ⁺, φ⁻, γ⁺, γ⁻) is fitted
 * jointly (with G_c, below) to every read of every device, each read predicted one step ahead
 * from the read before it ({@link #predict}, as the per-device fits are), alternating with per-device refits of
 * (gMin_i, gMax_i, s⁺_i, s⁻_i) under the shared shape, until the total residual sum of squares
 * falls by less than {@value #ROUND_TOLERANCE} relatively (at most {@value #MAX_ROUNDS} rounds). The
 * shape's covariance is the batch-means sandwich of the accepted round's joint fit
 * ({@link PulseResponseFit}), computed once. So exponentDtod is not
 * fitted (reported as 0 with a note), and BIC counts 4 parameters per device plus 5 shared.
 *
 * <p>The reference G_c (the model's w = 0) is the nominal window's centre, the same for every
 * device. The nominal window is not the mean of the devices' windows (100 devices leave it
 * uncertain by about 1% of W), and a trajectory with the wrong G_c cannot be matched by one A
 * when the widths W_i differ, so G_c is fitted as a fifth shared parameter (started at the centre
 * of the mean extreme reads). The first joint fit runs from two starting shapes, the median of the
 * devices' shapes and aihwkit's defaults (a fit to measured devices), and the alternation continues
 * from the one with the smaller residual sum: from one start the joint fit can stop in a local
 * minimum. The nominal model has G_n = (ḡMin + ḡMax)/2, and the amplitudes are
 * carried over to it, φ⁺ += γ⁺·δ, φ⁻ −= γ⁻·δ, δ = 2a(G_n − G_c)/W̄ (exact for devices of width W̄).
 *
 * <p>Nominal: means of gMin_i, gMax_i and s^±_i; A^± = e^(φ^± ∓ γ^±·z_end) and γ^± from the joint fit.
 * A device that never reaches a bound leaves that bound to the curvature alone (weakly determined).
 */
final class ExpStepCurve extends PulseCurve {
    private static final double A = ExpStep.AIHWKIT_A;
    private static final double B = ExpStep.AIHWKIT_B;
    /** z at the nominal top of the window. */
    private static final double Z_TOP = A + B;
    /** z at the nominal bottom of the window. */
    private static final double Z_BOTTOM = B - A;

    /** Rounds of the alternating shared-shape fit at most. */
    static final int MAX_ROUNDS = 6;
    /**
     * The alternation stops when a round lowers the total residual sum of squares by less than this,
     * relatively: the shape then moves by a small fraction of its standard error.
     */
    static final double ROUND_TOLERANCE = 1e-4;

    /** Indices of the shape in θ. */
    private static final int[] SHAPE = {4, 5, 6, 7};

    /** G_c, the reference of z (working unit). */
    private double centre;
    /** The shared shape (φ⁺, φ⁻, γ⁺, γ⁻) after {@link #refine}. */
    private double[] shape;
    /** Its 5×5 covariance (with G_c). */
    private double[] shapeCovariance;
    /** The covariance of the last joint fit. */

    @Override
    String name() {
        return ExpStep.NAME;
    }

    @Override
    String[] parameterNames() {
        return new String[] {"gMinSiemens", "gMaxSiemens", "stepUpSiemens", "stepDownSiemens", "logDeficitUp",
            "logDeficitDown", "gammaUp", "gammaDown"};
    }

    @Override
    void prepare(DeviceSeries[] all) {
        double lo = 0;
        double hi = 0;
        for (DeviceSeries s : all) {
            lo += s.min();
            hi += s.max();
        }
        centre = 0.5 * (lo + hi) / all.length;
    }

    @Override
    void trajectory(double[] theta, byte[] polarity, double[] out) {
        trajectory(theta, centre, polarity, out);
    }

    /**
     * One step ahead from each measured read (conditional least squares, {@link PulseCurve#predict}):
     * the cycle-to-cycle noise multiplies every step, so the state wanders from the noise-free
     * trajectory, and near the bound a run clips at, the wandering is what decides when the factor
     * e^(γz) bites; a trajectory fit absorbs that into a biased shape (A⁻ 12% low with c2c 0.1).
     */
    @Override
    double next(double[] theta, double prev, int polarity) {
        return next(theta, centre, prev, polarity);
    }

    @Override
    boolean predictsOneStep() {
        return true;
    }

    private static double next(double[] theta, double c, double prev, int polarity) {
        double lo = theta[0];
        double hi = theta[1];
        double slope = 2 * A / Math.max(hi - lo, 1e-12);
        double g = Math.min(Math.max(prev, lo), hi);
        double z = slope * (g - c) + B;
        if (polarity > 0) {
            g += theta[2] * Math.max(1 - Math.exp(theta[4] + theta[6] * (z - Z_TOP)), 0);
        } else {
            g -= theta[3] * Math.max(1 - Math.exp(theta[5] - theta[7] * (z - Z_BOTTOM)), 0);
        }
        return Math.min(Math.max(g, lo), hi);
    }

    private static void oneStep(double[] theta, double c, DeviceSeries s, double[] out) {
        double[] y = s.y();
        byte[] polarity = s.polarity();
        for (int n = 0; n < polarity.length; n++) {
            out[n] = next(theta, c, n == 0 ? theta[0] : y[n - 1], polarity[n]);
        }
    }

    private static void trajectory(double[] theta, double c, byte[] polarity, double[] out) {
        double lo = theta[0];
        double hi = theta[1];
        double slope = 2 * A / Math.max(hi - lo, 1e-12);
        double sUp = theta[2];
        double sDown = theta[3];
        double phiUp = theta[4];
        double phiDown = theta[5];
        double gUp = theta[6];
        double gDown = theta[7];
        double g = lo;
        for (int n = 0; n < polarity.length; n++) {
            double z = slope * (g - c) + B;
            if (polarity[n] > 0) {
                g += sUp * Math.max(1 - Math.exp(phiUp + gUp * (z - Z_TOP)), 0);
            } else {
                g -= sDown * Math.max(1 - Math.exp(phiDown - gDown * (z - Z_BOTTOM)), 0);
            }
            g = Math.min(Math.max(g, lo), hi);
            out[n] = g;
        }
    }

    @Override
    List<double[]> starts(DeviceSeries s) {
        List<double[]> starts = new ArrayList<>();
        for (double ext : new double[] {0, 0.1}) {
            double lo = Math.max(s.min() - ext * s.span(), 0);
            double hi = s.max() + ext * s.span();
            double slope = 2 * A / (hi - lo);
            double zTop = slope * (hi - centre) + B;
            double zBottom = slope * (lo - centre) + B;
            for (double fTop : new double[] {0.9, 0.5}) {
                for (double gUp : new double[] {4, 12}) {
                    for (double fBottom : new double[] {0.9, 0.5}) {
                        for (double gDown : new double[] {4, 12}) {
                            double phiUp = Math.log(1 - fTop) - gUp * (zTop - Z_TOP);
                            double phiDown = Math.log(1 - fBottom) + gDown * (zBottom - Z_BOTTOM);
                            double up = stepScale(s, 1, lo, hi,
                                g -> Math.max(1 - Math.exp(phiUp + gUp * (slope * (g - centre) + B - Z_TOP)), 0));
                            double down = stepScale(s, -1, lo, hi,
                                g -> Math.max(1 - Math.exp(phiDown - gDown * (slope * (g - centre) + B - Z_BOTTOM)), 0));
                            starts.add(new double[] {lo, hi, up, down, phiUp, phiDown, gUp, gDown});
                        }
                    }
                }
            }
        }
        return starts;
    }

    @Override
    double[] lower(DeviceSeries s) {
        return new double[] {Math.max(s.min() - 5 * s.span(), 0), s.min(), 1e-6 * s.span(), 1e-6 * s.span(), -40, -40,
            0, 0};
    }

    @Override
    double[] upper(DeviceSeries s) {
        return new double[] {s.max(), s.max() + 10 * s.span(), 11 * s.span(), 11 * s.span(), 10, 10, 80, 80};
    }

    @Override
    double[] typicalScale(DeviceSeries s) {
        return new double[] {s.span(), s.span(), 0.01 * s.span(), 0.01 * s.span(), 1, 1, 1, 1};
    }

    /**
     * The independent 8-parameter fits only seed the shared shape (their median) and the per-device
     * refits: along the (A, γ) ridge LM would otherwise crawl for hundreds of iterations on changes
     * far below a device's own standard errors.
     */
    @Override
    boolean refitsDevices() {
        return true;
    }

    /** A device whose 8-parameter fit does not converge is fitted with its shape held; {@link #refine} fits the shape. */
    @Override
    boolean[] fallbackFree() {
        return new boolean[] {true, true, true, true, false, false, false, false};
    }

    @Override
    int freeParametersPerDevice() {
        return 4;
    }

    @Override
    int sharedParameterCount() {
        return SHAPE.length + 1;
    }

    /** One run of the alternating shared-shape fit; {@code joint} is the accepted round's shape fit. */
    private record Refined(DeviceFit[] fits, double[] shape, JointFit joint, double sse) {
    }

    /**
     * A joint shape fit and the problem it solved, so that its covariance (the batch-means
     * sandwich, as costly as a few LM iterations over every read) is computed once, for the
     * accepted round only.
     */
    private record JointFit(LeastSquaresFit.Result result, LeastSquaresFit.Model model, double[] y, double[] lower,
            double[] upper, double[] scale, int segment) {
        double[] covariance() {
            return PulseResponseFit.sandwich(model, y, result, lower, upper, scale, segment);
        }
    }

    @Override
    DeviceFit[] refine(DeviceFit[] fits, DeviceSeries[] series, String origin) {
        int d = fits.length;
        double[] median = new double[SHAPE.length + 1];
        median[SHAPE.length] = centre;
        for (int j = 0; j < SHAPE.length; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = fits[i].theta()[SHAPE[j]];
            }
            java.util.Arrays.sort(v);
            median[j] = v[d / 2];
        }
        double[] aihwkit = {Math.log(ExpStep.AIHWKIT_A_UP) + ExpStep.AIHWKIT_GAMMA_UP * Z_TOP,
            Math.log(ExpStep.AIHWKIT_A_DOWN) - ExpStep.AIHWKIT_GAMMA_DOWN * Z_BOTTOM, ExpStep.AIHWKIT_GAMMA_UP,
            ExpStep.AIHWKIT_GAMMA_DOWN, centre};
        // One joint shape fit from each starting shape; the alternation continues from the better.
        JointFit best = null;
        FitException failure = null;
        for (double[] start : new double[][] {median, aihwkit}) {
            try {
                JointFit j = jointShape(fits, series, start, origin);
                if (best == null || j.result().residualSumSquares() < best.result().residualSumSquares()) {
                    best = j;
                }
            } catch (FitException e) {
                failure = e;
            }
        }
        if (best == null) {
            throw failure;
        }
        Refined r = alternate(fits, series, best, origin);
        shape = r.shape();
        shapeCovariance = r.joint().covariance();
        centre = shape[SHAPE.length];
        // The rounds skip the per-device sandwich covariances; the accepted fits get theirs here
        // (LM restarts at their optimum and stops at once).
        boolean[] free = {true, true, true, true, false, false, false, false};
        DeviceFit[] accepted = r.fits();
        DeviceFit[] last = new DeviceFit[d];
        java.util.stream.IntStream.range(0, d).parallel().forEach(i ->
                last[i] = PulseResponseFit.fitFree(this, series[i], accepted[i].theta(), free, origin, true));
        return last;
    }

    /** The alternating fit, from a first joint shape fit to the devices' independent fits. */
    private Refined alternate(DeviceFit[] fits, DeviceSeries[] series, JointFit first, String origin) {
        int d = fits.length;
        boolean[] free = {true, true, true, true, false, false, false, false};
        DeviceFit[] current = fits;
        JointFit joint = first;
        double previous = Double.POSITIVE_INFINITY;
        Refined accepted = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            DeviceFit[] next = new DeviceFit[d];
            try {
                if (round > 0) {
                    joint = jointShape(current, series, joint.result().theta(), origin);
                }
                double[] fixed = joint.result().theta();
                centre = fixed[SHAPE.length]; // the per-device refits see the joint fit's reference
                DeviceFit[] base = current;
                java.util.stream.IntStream.range(0, d).parallel().forEach(i -> {
                    double[] t = base[i].theta().clone();
                    for (int j = 0; j < SHAPE.length; j++) {
                        t[SHAPE[j]] = fixed[j];
                    }
                    next[i] = PulseResponseFit.fitFree(this, series[i], t, free, origin, false);
                });
            } catch (FitException e) {
                if (accepted == null) {
                    throw e;
                }
                centre = accepted.shape()[SHAPE.length];
                return accepted; // the last consistent state: every device on the same shape
            }
            current = next;
            double total = 0;
            for (DeviceFit f : current) {
                total += f.sse();
            }
            accepted = new Refined(current, joint.result().theta(), joint, total);
            if (previous - total < ROUND_TOLERANCE * total) {
                break;
            }
            previous = total;
        }
        return accepted;
    }

    /** Fits the shape to every device's reads with each device's other parameters held. */
    private JointFit jointShape(DeviceFit[] fits, DeviceSeries[] series, double[] start, String origin) {
        int d = fits.length;
        int n = series[0].y().length;
        double[] y = new double[d * n];
        for (int i = 0; i < d; i++) {
            System.arraycopy(series[i].y(), 0, y, i * n, n);
        }
        LeastSquaresFit.Model model = (sh, out) -> java.util.stream.IntStream.range(0, d).parallel().forEach(i -> {
            double[] t = fits[i].theta().clone();
            for (int j = 0; j < SHAPE.length; j++) {
                t[SHAPE[j]] = sh[j];
            }
            double[] m = new double[n];
            oneStep(t, sh[SHAPE.length], series[i], m);
            System.arraycopy(m, 0, out, i * n, n);
        });
        double[] lower = lower(series[0]);
        double[] upper = upper(series[0]);
        double[] lo = new double[SHAPE.length + 1];
        double[] hi = new double[SHAPE.length + 1];
        double[] scale = new double[SHAPE.length + 1];
        for (int j = 0; j < SHAPE.length; j++) {
            lo[j] = lower[SHAPE[j]];
            hi[j] = upper[SHAPE[j]];
            scale[j] = 1;
        }
        lo[SHAPE.length] = -1e3;
        hi[SHAPE.length] = 1e3;
        scale[SHAPE.length] = 1;
        LeastSquaresFit.Result r = LeastSquaresFit.fit(origin + ": exp-step shape shared by all devices", model, y,
                start, lo, hi, scale, PulseResponseFit.MAX_ITERATIONS, PulseResponseFit.RELATIVE_TOLERANCE);
        return new JointFit(r, model, y, lo, hi, scale, n);
    }

    @Override
    Nominal nominal(Population p) {
        Shared s = shared(p, unitGradient(2), unitGradient(3), "stepUpSiemens", "stepDownSiemens", true);
        List<FitParameter> params = new ArrayList<>(s.parameters());
        List<String> notes = new ArrayList<>(s.notes());
        // Carry the amplitudes from the fitted reference G_c to the nominal window's centre G_n
        // (exact for devices of nominal width W): φ⁺ += γ⁺·δ, φ⁻ −= γ⁻·δ, δ = 2a(G_n − G_c)/W.
        int k = SHAPE.length + 1;
        double wWork = s.range().widthSiemens() / p.unit();
        double nominalCentre = 0.5 * (s.range().gMinSiemens() + s.range().gMaxSiemens()) / p.unit();
        double delta = 2 * A * (nominalCentre - shape[4]) / wWork;
        double dDelta = -2 * A / wWork;
        double[] t = {shape[0] + shape[2] * delta, shape[1] - shape[3] * delta, shape[2], shape[3]};
        double[] j = new double[4 * k];
        j[0] = 1;
        j[2] = delta;
        j[4] = shape[2] * dDelta;
        j[k + 1] = 1;
        j[k + 3] = -delta;
        j[k + 4] = -shape[3] * dDelta;
        j[2 * k + 2] = 1;
        j[3 * k + 3] = 1;
        double[] c = new double[16];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double v = 0;
                for (int m = 0; m < k; m++) {
                    for (int q = 0; q < k; q++) {
                        v += j[a * k + m] * shapeCovariance[m * k + q] * j[b * k + q];
                    }
                }
                c[a * 4 + b] = v;
            }
        }
        double[] up = toAmplitude(new double[] {t[0], t[2], Math.sqrt(c[0]), Math.sqrt(c[10]), c[2]}, -Z_TOP);
        double[] down = toAmplitude(new double[] {t[1], t[3], Math.sqrt(c[5]), Math.sqrt(c[15]), c[7]}, Z_BOTTOM);
        params.add(new FitParameter("amplitudeUp", "1", Math.exp(up[0]), Math.exp(up[0]) * up[2],
                Math.exp(up[0] - 1.959964 * up[2]), Math.exp(up[0] + 1.959964 * up[2])));
        params.add(new FitParameter("amplitudeDown", "1", Math.exp(down[0]), Math.exp(down[0]) * down[2],
                Math.exp(down[0] - 1.959964 * down[2]), Math.exp(down[0] + 1.959964 * down[2])));
        params.add(FitParameter.withError("gammaUp", "1", up[1], up[3], 1.959964));
        params.add(FitParameter.withError("gammaDown", "1", down[1], down[3], 1.959964));
        params.add(FitParameter.point("zSlope", "1", A));
        params.add(FitParameter.point("zOffset", "1", B));
        notes.add("zSlope and zOffset fixed at aihwkit's es_a = " + A + " and es_b = " + B
                + ": only A·e^(γb) and aγ are identifiable");
        notes.add("exponentDtod not fitted: the exp-step shape (A, γ) is shared by all devices, as in aihwkit;"
                + " one device's γ is too weakly determined to resolve a spread");
        double w = s.range().widthSiemens();
        double stepUp = Math.min(s.upStep(), w);
        double stepDown = Math.min(s.downStep(), w);
        PulseVariability v = variability(p, s, new Spread(0, Double.NaN, true), Math.max(stepUp, stepDown), params,
                notes);
        return new Nominal(new ExpStep(s.range(), stepUp, stepDown, Math.exp(up[0]), Math.exp(down[0]), up[1], down[1],
                A, B, v), params, notes);
    }

    /**
     * (φ, γ) → (ln A, γ) with ln A = φ + k·γ, and the errors through the same linear map.
     *
     * @param shape {φ, γ, se(φ), se(γ), cov(φ, γ)}
     * @return {ln A, γ, se(ln A), se(γ)}
     */
    private static double[] toAmplitude(double[] shape, double k) {
        double var = shape[2] * shape[2] + k * k * shape[3] * shape[3] + 2 * k * shape[4];
        return new double[] {shape[0] + k * shape[1], shape[1], Math.sqrt(Math.max(var, 0)), shape[3]};
    }
}
