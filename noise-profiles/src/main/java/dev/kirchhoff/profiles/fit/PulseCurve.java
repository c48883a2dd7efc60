package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One pulsed-update model as {@link PulseResponseFit} fits it: the noise-free trajectory of one
 * device for per-device parameters θ, starting guesses and bounds for θ, and the map from the
 * per-device estimates of all devices to the model's nominal parameters and spreads.
 *
 * <p>Every model's θ starts with {@code θ[0] = gMin_i} (the device's start state and lower bound)
 * and {@code θ[1] = gMax_i}. Conductances in θ are in a working unit (the data's typical span),
 * so every parameter is of order one in the fit; {@link Population#unit()} converts to siemens.
 *
 * <p>Spreads (shared by every model; see {@link PulseVariability}). With ξ standard normal,
 * gMin_i = gMin(1 + boundsDtod·ξ), gMax_i = gMax(1 + boundsDtod·ξ′); the per-device up step
 * U_i = Ū·u_i and down step D_i = D̄·d_i with u_i = gain_i + r_i, d_i = gain_i − r_i (mean asymmetry
 * upDown = 0: a mean difference between up and down lives in the model's separate up and down
 * steps). So, per device,
 * <pre>
 *   gain_i = (u_i + d_i)/2,   r_i = (u_i − d_i)/2,   u_i = U_i/Ū,  d_i = D_i/D̄
 * </pre>
 * and stepDtod² = Var(gain_i), upDownDtod² = Var(r_i), boundsDtod² = Var(gMax_i/ḡMax) (and
 * Var(gMin_i/ḡMin), pooled with weights 1/V_obs², the inverse variance of a sample variance up to a
 * common factor). Each spread is corrected for the estimation noise of the per-device values,
 * whose variances se_i² = gᵀ·Cov_i·g are known (g the gradient of the quantity in θ, Cov_i the
 * device's least-squares covariance, inflated for correlated residuals, see
 * {@link PulseResponseFit}): a random-effects model q_i = μ + τ·ξ_i + se_i·ε_i, with τ² estimated
 * by Paule and Mandel's method (J. Res. NBS 87, 377 (1982), doi:10.6028/jres.087.022; recommended
 * by Veroniki et al., Res. Synth. Methods 7, 55 (2016), doi:10.1002/jrsm.1164):
 * <pre>
 *   Σ_i (q_i − μ_w)²/(se_i² + τ²) = n − 1,   μ_w = Σ q_i/(se_i² + τ²) / Σ 1/(se_i² + τ²)
 * </pre>
 * Unlike the plain moment correction max(V_obs − mean se_i², 0), it weights each device by the
 * precision of its estimate, so a few ill-conditioned devices (a run that never reaches a bound
 * leaves a step and a curvature nearly confounded) neither inflate nor cancel the spread. A spread
 * whose equation has no positive root is reported as unresolved in the notes; devices with a
 * singular covariance are left out. Standard error: se(τ̂²) ≈ √(2/Σ w_i²), w_i = 1/(se_i² + τ̂²),
 * and se(τ̂) = se(τ̂²)/(2τ̂).
 */
abstract class PulseCurve {
    /** Floor of a relative estimation variance, so that an exact per-device fit keeps a finite weight. */
    private static final double VARIANCE_FLOOR = 1e-200;

    /** One device's reads in the working unit. */
    record DeviceSeries(int index, String label, double[] y, byte[] polarity, double min, double max) {
        double span() {
            return Math.max(max - min, 1e-12);
        }
    }

    /**
     * One device's fit, in the working unit.
     *
     * @param theta      estimates
     * @param covariance their covariance, p×p row-major, inflated for correlated residuals (NaN if singular)
     * @param fitted     the noise-free trajectory at θ
     * @param sse        residual sum of squares
     * @param points     reads
     */
    record DeviceFit(double[] theta, double[] covariance, double[] fitted, double sse, int points) {
        double variance(double[] gradient) {
            int p = theta.length;
            double v = 0;
            for (int a = 0; a < p; a++) {
                if (gradient[a] == 0) {
                    continue;
                }
                for (int b = 0; b < p; b++) {
                    v += gradient[a] * covariance[a * p + b] * gradient[b];
                }
            }
            return Double.isFinite(v) ? Math.max(v, 0) : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Everything the nominal model is made from.
     *
     * @param fits  per-device fits
     * @param unit  siemens per working unit
     * @param noise cycle-to-cycle and write noise (σ_w in the working unit)
     */
    record Population(DeviceFit[] fits, double unit, PulseNoiseMoments.Estimate noise) {
        int devices() {
            return fits.length;
        }

        double[] column(int k) {
            double[] v = new double[fits.length];
            for (int i = 0; i < fits.length; i++) {
                v[i] = fits[i].theta()[k];
            }
            return v;
        }

        double[] linear(double[] gradient) {
            double[] v = new double[fits.length];
            for (int i = 0; i < fits.length; i++) {
                double s = 0;
                for (int k = 0; k < gradient.length; k++) {
                    s += gradient[k] * fits[i].theta()[k];
                }
                v[i] = s;
            }
            return v;
        }
    }

    /**
     * The fitted nominal model and what the summary says about it.
     *
     * @param model      nominal parameters and spreads
     * @param parameters every parameter reported, in siemens where a conductance
     * @param notes      remarks (unresolved spreads, fixed parameters)
     */
    record Nominal(PulsedDeviceModel model, List<FitParameter> parameters, List<String> notes) {
    }

    /** A spread with its standard error. */
    record Spread(double value, double standardError, boolean resolved) {
        FitParameter parameter(String name) {
            if (!resolved || !(standardError > 0)) {
                return FitParameter.point(name, "1", value);
            }
            return FitParameter.withError(name, "1", value, standardError, 1.959964);
        }
    }

    /** The model's name, as {@link dev.kirchhoff.device.pulsed.PulsedModels} spells it. */
    abstract String name();

    /** Names of the per-device parameters θ (working unit for conductances). */
    abstract String[] parameterNames();

    final int parameterCount() {
        return parameterNames().length;
    }

    /**
     * The noise-free trajectory: the state after each pulse, starting from θ[0] = gMin_i.
     *
     * @param theta    per-device parameters, not modified
     * @param polarity +1/−1 per pulse, not modified
     * @param out      modified: the state after pulse n, clipped to [θ[0], θ[1]]
     */
    abstract void trajectory(double[] theta, byte[] polarity, double[] out);

    /**
     * What Levenberg–Marquardt fits to the reads: by default the noise-free {@link #trajectory}.
     * A model whose noise moves the state itself so far that a noise-free trajectory loses track
     * of it (NeuroSim's additive cycle-to-cycle noise, re-read as a position on a flat curve)
     * predicts each read from the previous measured read instead: conditional least squares
     * (Klimko &amp; Nelson, Ann. Stat. 6, 1978, doi:10.1214/aos/1176344197). Either way the fit's
     * reported curve, residuals and BIC are the trajectory's, so models stay comparable.
     *
     * @param theta per-device parameters, not modified
     * @param s     the device's reads and polarities
     * @param out   modified: the prediction of read n
     */
    void predict(double[] theta, DeviceSeries s, double[] out) {
        if (!predictsOneStep()) {
            trajectory(theta, s.polarity(), out);
            return;
        }
        double[] y = s.y();
        byte[] polarity = s.polarity();
        for (int n = 0; n < polarity.length; n++) {
            out[n] = next(theta, n == 0 ? theta[0] : y[n - 1], polarity[n]);
        }
    }

    /** Whether {@link #predict} predicts each read from the one before ({@link #next}); false by default. */
    boolean predictsOneStep() {
        return false;
    }

    /**
     * For a model fitted one step ahead: the expected read after a pulse of the given polarity
     * from the read {@code prev} (the first read is predicted from gMin_i, where every device starts).
     */
    double next(double[] theta, double prev, int polarity) {
        throw new UnsupportedOperationException(name() + " is fitted as a trajectory");
    }

    /**
     * How many of the best starting guesses LM descends from, keeping the lowest residual sum
     * (further guesses are tried only when all of these fail): 1 unless the model has basins
     * that its guesses do not separate.
     */
    int descents() {
        return 1;
    }

    /** Starting guesses for one device; the fit evaluates each and starts from the best. */
    abstract List<double[]> starts(DeviceSeries s);

    /** Lower bounds of θ. */
    abstract double[] lower(DeviceSeries s);

    /** Upper bounds of θ. */
    abstract double[] upper(DeviceSeries s);

    /** Typical magnitude of each θ (sets the finite-difference step). */
    abstract double[] typicalScale(DeviceSeries s);

    /**
     * The residual increments and scales of the noise moments ({@link PulseNoiseMoments}). For a
     * trajectory model, the increments of the trajectory residuals (k_n = 1); for a model fitted one
     * step ahead, the one-step residuals Δ_n = Y_n − next(Y_{n−1}) with k_n = ∂next/∂Y_{n−1} by
     * central difference (the state's own wandering then never enters). The scale is
     * {@link #noiseScale}.
     *
     * @param theta     the device's estimates, not modified
     * @param s         the device's reads
     * @param fitted    its trajectory, not modified
     * @param increment modified: Δ_n (index 0 not used)
     * @param carry     modified: k_n
     * @param scale     modified: s_n, NaN to exclude pulse n from the c2c moment; index 0 not used
     */
    final void noiseIncrements(double[] theta, DeviceSeries s, double[] fitted, double[] increment, double[] carry,
            double[] scale) {
        scale[0] = Double.NaN;
        if (!predictsOneStep()) {
            PulseNoiseMoments.trajectoryIncrements(s.y(), fitted, increment, carry);
            for (int n = 1; n < fitted.length; n++) {
                scale[n] = noiseScale(theta, fitted[n - 1], fitted[n]);
            }
            return;
        }
        double[] y = s.y();
        byte[] polarity = s.polarity();
        double h = 1e-6 * Math.max(theta[1] - theta[0], 1e-12);
        increment[0] = Double.NaN;
        carry[0] = 1;
        for (int n = 1; n < y.length; n++) {
            double mean = next(theta, y[n - 1], polarity[n]);
            increment[n] = y[n] - mean;
            carry[n] = (next(theta, y[n - 1] + h, polarity[n]) - next(theta, y[n - 1] - h, polarity[n])) / (2 * h);
            scale[n] = noiseScale(theta, y[n - 1], mean);
        }
    }

    /**
     * The cycle-to-cycle scale s_n of the transition from {@code from} (the previous fitted state,
     * or read for a one-step model) to the expected state {@code to}: by default the step
     * |to − from| (noise that multiplies the step), NaN when {@code to} sits on a bound, where
     * clipping removes part of the noise.
     */
    double noiseScale(double[] theta, double from, double to) {
        double tol = 1e-9 * Math.abs(theta[1] - theta[0]);
        if (to <= theta[0] + tol || to >= theta[1] - tol) {
            return Double.NaN;
        }
        return Math.abs(to - Math.min(Math.max(from, theta[0]), theta[1]));
    }

    /** Called once before the per-device fits with every device's series (e.g. to fix a shared reference). */
    void prepare(DeviceSeries[] all) {
    }

    /**
     * Refines the independent per-device fits, e.g. into fits with a shape shared by every device;
     * by default returns them unchanged.
     *
     * @param fits   one per device, not modified
     * @param series the devices' reads
     * @param origin names the data in error messages
     */
    DeviceFit[] refine(DeviceFit[] fits, DeviceSeries[] series, String origin) {
        return fits;
    }

    /**
     * Which parameters to free, the rest held at the starting guess, when the full per-device fit
     * does not converge; null (the default) for no such fallback.
     */
    boolean[] fallbackFree() {
        return null;
    }

    /**
     * Whether {@link #refine} refits every device, so that a device's own fit is only a starting
     * point: it then stops at {@link PulseResponseFit#SEED_TOLERANCE} and skips its sandwich covariance.
     */
    boolean refitsDevices() {
        return false;
    }

    /** Parameters fitted to each device on its own (for BIC). */
    int freeParametersPerDevice() {
        return parameterCount();
    }

    /** Parameters fitted to all devices together (for BIC). */
    int sharedParameterCount() {
        return 0;
    }

    /** The nominal model and its spreads from every device's estimates. */
    abstract Nominal nominal(Population p);

    // ---------------------------------------------------------------------------------------
    // Shared pieces of the nominal maps.

    /** Gradient vector with one non-zero entry. */
    final double[] unitGradient(int k) {
        double[] g = new double[parameterCount()];
        g[k] = 1;
        return g;
    }

    /** Mean over devices with a 95% interval from the spread over devices: mean ± t·sd/√n. */
    static FitParameter meanParameter(String name, String unit, double[] values, double scale) {
        int n = values.length;
        double mean = mean(values) * scale;
        if (n < 2) {
            return FitParameter.point(name, unit, mean);
        }
        double se = Math.sqrt(sampleVariance(values) / n) * Math.abs(scale);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return FitParameter.withError(name, unit, mean, se, t);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sampleVariance(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    /**
     * σ̂ of a per-device quantity q_i = gᵀθ_i/norm, corrected for estimation noise by the
     * Paule–Mandel random-effects estimator (see the class javadoc). Devices whose covariance is
     * singular carry no weight.
     *
     * @param gradient g, the gradient of the un-normalised quantity in θ
     * @param norm     divisor making q relative (e.g. its mean), non-zero
     */
    static Spread spread(Population p, double[] gradient, double norm) {
        double[] all = p.linear(gradient);
        double[] q = new double[all.length];
        double[] v = new double[all.length];
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            double se2 = p.fits()[i].variance(gradient);
            if (Double.isFinite(se2)) {
                q[n] = all[i] / norm;
                v[n] = Math.max(se2 / (norm * norm), VARIANCE_FLOOR);
                n++;
            }
        }
        return pauleMandel(java.util.Arrays.copyOf(q, n), java.util.Arrays.copyOf(v, n));
    }

    /**
     * Paule–Mandel between-device variance τ² of estimates q_i with known estimation variances v_i:
     * the root of Σ (q_i − μ_w)²/(v_i + τ²) = n − 1, μ_w the mean weighted by 1/(v_i + τ²), and 0
     * (unresolved) when the left side is already ≤ n − 1 at τ² = 0. Its standard error is the
     * large-sample one, se(τ̂²) = √(2/Σ w_i²), w_i = 1/(v_i + τ̂²), and se(τ̂) = se(τ̂²)/(2τ̂).
     */
    static Spread pauleMandel(double[] q, double[] v) {
        int n = q.length;
        if (n < 2) {
            return new Spread(0, Double.NaN, false);
        }
        double excess0 = pauleMandelExcess(q, v, 0);
        if (!(excess0 > 0)) {
            return new Spread(0, Double.NaN, false);
        }
        double lo = 0;
        double hi = Math.max(sampleVariance(q), Double.MIN_NORMAL);
        while (pauleMandelExcess(q, v, hi) > 0) {
            lo = hi;
            hi *= 2;
        }
        for (int it = 0; it < 200 && hi - lo > 1e-12 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (pauleMandelExcess(q, v, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double tau2 = 0.5 * (lo + hi);
        double sumW2 = 0;
        for (int i = 0; i < n; i++) {
            double w = 1 / (v[i] + tau2);
            sumW2 += w * w;
        }
        double tau = Math.sqrt(tau2);
        return new Spread(tau, Math.sqrt(2 / sumW2) / (2 * tau), true);
    }

    /** Σ (q_i − μ_w)²/(v_i + τ²) − (n − 1), decreasing in τ². */
    private static double pauleMandelExcess(double[] q, double[] v, double tau2) {
        double sw = 0;
        double swq = 0;
        for (int i = 0; i < q.length; i++) {
            double w = 1 / (v[i] + tau2);
            sw += w;
            swq += w * q[i];
        }
        double mu = swq / sw;
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            double d = q[i] - mu;
            s += d * d / (v[i] + tau2);
        }
        return s - (q.length - 1);
    }

    /** Pools two corrected variances with weights 1/V_obs², for two estimates of the same spread. */
    static Spread pooled(Population p, double[] gradA, double normA, double[] gradB, double normB) {
        Spread a = spread(p, gradA, normA);
        Spread b = spread(p, gradB, normB);
        double va = observedRelativeVariance(p, gradA, normA);
        double vb = observedRelativeVariance(p, gradB, normB);
        double wa = va > 0 ? 1 / (va * va) : 0;
        double wb = vb > 0 ? 1 / (vb * vb) : 0;
        if (wa + wb == 0) {
            return new Spread(0, Double.NaN, false);
        }
        double v = (wa * a.value() * a.value() + wb * b.value() * b.value()) / (wa + wb);
        if (!(v > 0)) {
            return new Spread(0, Double.NaN, false);
        }
        double seA = a.resolved() ? a.standardError() : Double.POSITIVE_INFINITY;
        double seB = b.resolved() ? b.standardError() : Double.POSITIVE_INFINITY;
        double se = Math.min(seA, seB);
        return new Spread(Math.sqrt(v), Double.isFinite(se) ? se : Double.NaN, true);
    }

    private static double observedRelativeVariance(Population p, double[] gradient, double norm) {
        double[] q = p.linear(gradient);
        for (int i = 0; i < q.length; i++) {
            q[i] /= norm;
        }
        return sampleVariance(q);
    }

    /**
     * The shared nominal pieces: window, boundsDtod, and the gain and asymmetry spreads of the
     * steps U = g_Uᵀθ and D = g_Dᵀθ (upStep/downStep their means, in S when stepsInSiemens).
     */
    record Shared(ConductanceRange range, double upStep, double downStep, Spread bounds, Spread gain, Spread asymmetry,
            List<FitParameter> parameters, List<String> notes) {
    }

    final Shared shared(Population p, double[] upGradient, double[] downGradient, String upName, String downName,
            boolean stepsInSiemens) {
        List<FitParameter> params = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double unit = p.unit();
        double[] lo = p.column(0);
        double[] hi = p.column(1);
        double gMin = Math.max(mean(lo), 0);
        double gMax = mean(hi);
        params.add(meanParameter("gMinSiemens", "S", lo, unit));
        params.add(meanParameter("gMaxSiemens", "S", hi, unit));
        double[] up = p.linear(upGradient);
        double[] down = p.linear(downGradient);
        double upStep = mean(up);
        double downStep = mean(down);
        double stepUnit = stepsInSiemens ? unit : 1;
        params.add(meanParameter(upName, stepsInSiemens ? "S" : "1", up, stepUnit));
        params.add(meanParameter(downName, stepsInSiemens ? "S" : "1", down, stepUnit));
        Spread bounds = gMin > 1e-3 * (gMax - gMin)
                ? pooled(p, unitGradient(0), gMin, unitGradient(1), gMax)
                : spread(p, unitGradient(1), gMax);
        // gain = (U/Ū + D/D̄)/2 and r = (U/Ū − D/D̄)/2 are linear in θ: their gradients combine g_U and g_D.
        int k = parameterCount();
        double[] gGain = new double[k];
        double[] gAsym = new double[k];
        for (int j = 0; j < k; j++) {
            gGain[j] = 0.5 * (upGradient[j] / upStep + downGradient[j] / downStep);
            gAsym[j] = 0.5 * (upGradient[j] / upStep - downGradient[j] / downStep);
        }
        Spread gain = spread(p, gGain, 1);
        Spread asym = spread(p, gAsym, 1);
        noteUnresolved(notes, "boundsDtod", bounds, p.devices());
        noteUnresolved(notes, "stepDtod", gain, p.devices());
        noteUnresolved(notes, "upDownDtod", asym, p.devices());
        return new Shared(new ConductanceRange(gMin * unit, gMax * unit), upStep * stepUnit, downStep * stepUnit, bounds, gain,
                asym, params, notes);
    }

    static void noteUnresolved(List<String> notes, String name, Spread s, int devices) {
        if (!s.resolved()) {
            notes.add(devices < 2 ? name + " not resolved: one device gives no device-to-device spread; set to 0"
                    : name + " not resolved: the spread over devices is within their estimation noise; set to 0");
        }
    }

    /**
     * The variability with the shared spreads, {@code exponentDtod} and the noise, write noise in
     * units of {@code nominalStepSiemens}; adds their parameters and notes.
     */
    static PulseVariability variability(Population p, Shared s, Spread exponent, double nominalStepSiemens,
            List<FitParameter> params, List<String> notes) {
        PulseNoiseMoments.Estimate noise = p.noise();
        double wnSiemens = noise.writeNoiseSigma() * p.unit();
        double wn = wnSiemens / nominalStepSiemens;
        double wnSe = noise.writeNoiseSe() * p.unit() / nominalStepSiemens;
        params.add(FitParameter.point("upDown", "1", 0));
        params.add(s.bounds().parameter("boundsDtod"));
        params.add(s.gain().parameter("stepDtod"));
        params.add(s.asymmetry().parameter("upDownDtod"));
        if (exponent != null) {
            params.add(exponent.parameter("exponentDtod"));
            noteUnresolved(notes, "exponentDtod", exponent, p.devices());
        }
        params.add(errorOrPoint("c2cStd", noise.c2c(), noise.c2cSe()));
        params.add(errorOrPoint("writeNoiseStd", wn, wnSe));
        if (!noise.c2cResolved()) {
            notes.add("c2cStd not resolved: the squared residual increments are explained by write noise alone; set to 0");
        }
        if (!noise.writeNoiseResolved()) {
            notes.add("writeNoiseStd not resolved: the residual increments show no negative lag-1 covariance; set to 0");
        }
        return new PulseVariability(0, s.bounds().value(), s.gain().value(), false, s.asymmetry().value(),
                exponent == null ? 0 : exponent.value(), noise.c2c(), wn);
    }

    private static FitParameter errorOrPoint(String name, double value, double se) {
        return se > 0 ? FitParameter.withError(name, "1", value, se, 1.959964) : FitParameter.point(name, "1", value);
    }

    // ---------------------------------------------------------------------------------------
    // Shared pieces of the starting guesses.

    /**
     * Step scale so that the model's step factor reproduces the mean observed increment of one
     * direction: Σ Δy / Σ f(y_{n−1}) over pulses of that polarity whose previous read lies in the
     * part of the window away from the bound the pulses move towards (there hard-bounded models
     * clip and the increments say nothing about the step).
     */
    static double stepScale(DeviceSeries s, int polarity, double lo, double hi, java.util.function.DoubleUnaryOperator factor) {
        double[] y = s.y();
        byte[] pol = s.polarity();
        double w = hi - lo;
        double num = 0;
        double den = 0;
        for (int n = 1; n < y.length; n++) {
            if (pol[n] != polarity) {
                continue;
            }
            double x = (y[n - 1] - lo) / w;
            if (polarity > 0 ? x > 0.7 : x < 0.3) {
                continue;
            }
            num += polarity * (y[n] - y[n - 1]);
            den += factor.applyAsDouble(y[n - 1]);
        }
        double step = den > 0 ? num / den : 0;
        return Math.max(step, 1e-3 * w);
    }
}
