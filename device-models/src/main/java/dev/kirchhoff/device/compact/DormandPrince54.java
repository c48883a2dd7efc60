package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;

/**
 * Embedded Runge–Kutta 5(4) of Dormand &amp; Prince (J. Comput. Appl. Math. 6 (1980) 19–26,
 * doi:10.1016/0771-050X(80)90013-3) with local extrapolation, FSAL, Hairer's starting-step
 * algorithm and the PI step-size controller of {@code DOPRI5} (Hairer, Nørsett &amp; Wanner,
 * Solving ODEs I, §II.4 and §IV.2; Gustafsson 1991, doi:10.1145/108556.108575):
 * <pre>
 *   err  = sqrt(mean_i (h·Σ_j e_j k_j,i / (atol + rtol·max(|y_i|, |y_i,new|)))²)
 *   accept if err ≤ 1;  h_new = h / clamp(err^(0.2 − 0.75β)·err_prev^(−β) / 0.9, 1/10, 5),  β = 0.04
 *   reject:             h_new = h / min(5, err^(0.2 − 0.75β) / 0.9), and no growth on the next accepted step
 * </pre>
 *
 * <p>Why written here and not Commons Math's {@code DormandPrince54Integrator}: the compact
 * models need (1) steps that land exactly on every waveform breakpoint, with the right-hand side
 * re-evaluated on the far side of a jump, which here is one {@link #integrate} call per smooth
 * interval while the step-size proposal carries over; (2) box bounds on the state applied to
 * every stage input and to every accepted state (the model's state is a physical length that
 * the ODE alone would push past its bound); (3) no allocation per step, where Commons Math
 * builds step interpolators and copies state arrays on each step. The tableau and controller are
 * DOPRI5's, so behaviour matches the reference code.
 *
 * <p>Bounds: the right-hand side is evaluated at the state clamped to {@code [lower, upper]},
 * i.e. the integrator solves {@code y' = f(t, clamp(y))}, whose right-hand side is Lipschitz
 * when f is; every accepted state is clamped too. A step that crosses a bound therefore sees
 * only a kink, which the error control resolves with a few smaller steps, and a state resting on
 * a bound while f pushes outward stays there with large steps. The same holds for the optional
 * {@link OdeSystem#project} hook, applied after the clamp to every stage input and to the new
 * state: a constraint that moves with t (a sliding boundary) is met exactly instead of being
 * resolved by rejected steps.
 *
 * <p>Not thread-safe: one instance per thread. Work arrays are allocated once in the constructor.
 */
public final class DormandPrince54 {
    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
            A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784,
            A76 = 11.0 / 84;
    /** Fifth-order weights minus the embedded fourth-order weights (DOPRI5's E1..E7). */
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private static final double SAFETY = 0.9;
    private static final double BETA = 0.04;
    private static final double EXPO1 = 0.2 - 0.75 * BETA;
    private static final double MAX_SHRINK = 5;   // h_new ≥ h/5
    private static final double MAX_GROW = 0.1;   // h_new ≤ 10·h (as 1/fac)

    private final int n;
    private final IntegratorTolerances tolerances;
    private final double[] lower;
    private final double[] upper;
    private final double[] k1, k2, k3, k4, k5, k6, k7, yStage, yNew;

    private double stepProposal;
    private double errPrevious = 1e-4;
    private long acceptedSteps;
    private long rejectedSteps;
    private long evaluations;

    /** Unbounded state of the given dimension. */
    public DormandPrince54(int dimension, IntegratorTolerances tolerances) {
        this(tolerances, filled(Checks.positive("dimension", dimension), Double.NEGATIVE_INFINITY),
                filled(dimension, Double.POSITIVE_INFINITY));
    }

    /**
     * State confined to the box {@code [lower_i, upper_i]}; the dimension is {@code lower.length}.
     * The arrays are copied.
     */
    public DormandPrince54(IntegratorTolerances tolerances, double[] lower, double[] upper) {
        if (tolerances == null) {
            throw new IllegalArgumentException("tolerances must not be null, got null");
        }
        if (lower.length == 0 || lower.length != upper.length) {
            throw new IllegalArgumentException("lower and upper must have the same positive length, got "
                    + lower.length + " and " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || !(lower[i] < upper[i])) {
                throw new IllegalArgumentException("lower[" + i + "] must be below upper[" + i + "], got "
                        + lower[i] + " and " + upper[i]);
            }
        }
        this.tolerances = tolerances;
        this.n = lower.length;
        this.lower = lower.clone();
        this.upper = upper.clone();
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        k7 = new double[n];
        yStage = new double[n];
        yNew = new double[n];
    }

    private static double[] filled(int length, double value) {
        double[] a = new double[length];
        Arrays.fill(a, value);
        return a;
    }

    public IntegratorTolerances tolerances() {
        return tolerances;
    }

    public int dimension() {
        return n;
    }

    /** Accepted steps since construction or {@link #reset()}. */
    public long acceptedSteps() {
        return acceptedSteps;
    }

    /** Rejected steps since construction or {@link #reset()}. */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    /** Right-hand-side evaluations since construction or {@link #reset()}. */
    public long evaluations() {
        return evaluations;
    }

    /** Forgets the step-size proposal and the controller history and zeroes the counters. */
    public void reset() {
        stepProposal = 0;
        errPrevious = 1e-4;
        acceptedSteps = 0;
        rejectedSteps = 0;
        evaluations = 0;
    }

    /**
     * Advances {@code y} from {@code t0} to exactly {@code t1}. The right-hand side must be smooth
     * on {@code [t0, t1]} (call once per smooth interval: a jump or kink of f in t belongs at an
     * interval end); it is evaluated only at times in {@code [t0, t1]}. The step-size proposal left
     * by the previous call is reused, so consecutive intervals cost no restart.
     *
     * @param f  right-hand side
     * @param t0 start time, finite
     * @param y  modified: on entry the state at t0 (clamped to the bounds first), on exit the state at t1
     * @param t1 end time, {@code t1 ≥ t0}
     * @throws IllegalStateException if the step budget is exhausted or the step size underflows
     */
    public void integrate(OdeSystem f, double t0, double[] y, double t1) {
        Checks.finite("t0", t0);
        Checks.finite("t1", t1);
        if (!(t1 >= t0)) {
            throw new IllegalArgumentException("t1 must be at least t0=" + t0 + ", got " + t1);
        }
        if (y.length != n) {
            throw new IllegalArgumentException("y.length must be " + n + ", got " + y.length);
        }
        for (int i = 0; i < n; i++) {
            Checks.finite("y[" + i + "]", y[i]);
        }
        clamp(y);
        if (t1 == t0) {
            return;
        }
        f.derivatives(t0, y, k1);
        evaluations++;
        double h = stepProposal > 0 ? stepProposal : initialStep(f, t0, y, t1);
        double t = t0;
        boolean rejectedLast = false;
        int steps = 0;
        double rtol = tolerances.relative();
        double atol = tolerances.absolute();
        while (t < t1) {
            if (++steps > tolerances.maxSteps()) {
                throw new IllegalStateException("step budget maxSteps=" + tolerances.maxSteps()
                        + " exhausted at t=" + t + " on the way to " + t1);
            }
            boolean lands = t + 1.05 * h >= t1;
            double hs = lands ? t1 - t : h;
            f.beginStep(t, y);

            for (int i = 0; i < n; i++) {
                yStage[i] = y[i] + hs * A21 * k1[i];
            }
            eval(f, t + C2 * hs, k2);
            for (int i = 0; i < n; i++) {
                yStage[i] = y[i] + hs * (A31 * k1[i] + A32 * k2[i]);
            }
            eval(f, t + C3 * hs, k3);
            for (int i = 0; i < n; i++) {
                yStage[i] = y[i] + hs * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            }
            eval(f, t + C4 * hs, k4);
            for (int i = 0; i < n; i++) {
                yStage[i] = y[i] + hs * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            }
            eval(f, t + C5 * hs, k5);
            double tEnd = lands ? t1 : t + hs;
            for (int i = 0; i < n; i++) {
                yStage[i] = y[i] + hs * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            }
            eval(f, tEnd, k6);
            for (int i = 0; i < n; i++) {
                yNew[i] = y[i] + hs * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
                yStage[i] = yNew[i];
            }
            eval(f, tEnd, k7); // FSAL: clamps and projects yStage, so k7 = f at the accepted state

            double sum = 0;
            for (int i = 0; i < n; i++) {
                double e = hs * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                double sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
                double r = e / sc;
                sum += r * r;
            }
            double err = Math.sqrt(sum / n);
            if (!(err < Double.POSITIVE_INFINITY)) {
                err = 1e10; // NaN or overflow in a stage: treat as a gross rejection
            }
            double fac11 = Math.pow(err, EXPO1);
            if (err <= 1) {
                acceptedSteps++;
                double fac = fac11 / Math.pow(errPrevious, BETA);
                fac = Math.max(MAX_GROW, Math.min(MAX_SHRINK, fac / SAFETY));
                double hNew = hs / fac;
                if (rejectedLast) {
                    hNew = Math.min(hNew, hs);
                }
                errPrevious = Math.max(err, 1e-4);
                rejectedLast = false;
                System.arraycopy(yStage, 0, y, 0, n);
                System.arraycopy(k7, 0, k1, 0, n);
                t = tEnd;
                // a step shortened to land on t1 says little about the step the solution allows
                h = lands && hs < h ? Math.max(hNew, h) : hNew;
            } else {
                rejectedSteps++;
                rejectedLast = true;
                h = hs / Math.min(MAX_SHRINK, fac11 / SAFETY);
                if (!(h > 16 * Math.ulp(Math.max(Math.abs(t), Math.abs(t1))))) {
                    throw new IllegalStateException("step size underflow (h=" + h + ") at t=" + t
                            + "; the right-hand side is not smooth enough for rtol=" + rtol + ", atol=" + atol);
                }
            }
        }
        stepProposal = h;
    }

    /** Clamps and projects {@link #yStage}, evaluates f there into {@code out}. */
    private void eval(OdeSystem f, double t, double[] out) {
        clamp(yStage);
        f.project(t, yStage);
        f.derivatives(t, yStage, out);
        evaluations++;
    }

    private void clamp(double[] v) {
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(Math.max(v[i], lower[i]), upper[i]);
        }
    }

    /**
     * Hairer's HINIT for a method of order 5; uses k1 = f(t0, y0) and one more evaluation. Its
     * absolute fallbacks (1e-6) are taken relative to the interval length here, so the choice
     * does not depend on the time unit.
     */
    private double initialStep(OdeSystem f, double t0, double[] y, double t1) {
        double hMax = t1 - t0;
        double rtol = tolerances.relative();
        double atol = tolerances.absolute();
        double dnf = 0;
        double dny = 0;
        for (int i = 0; i < n; i++) {
            double sk = atol + rtol * Math.abs(y[i]);
            dnf += (k1[i] / sk) * (k1[i] / sk);
            dny += (y[i] / sk) * (y[i] / sk);
        }
        double h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 * hMax : Math.sqrt(dny / dnf) * 0.01;
        h = Math.min(h, hMax);
        f.beginStep(t0, y);
        for (int i = 0; i < n; i++) {
            yStage[i] = y[i] + h * k1[i];
        }
        eval(f, t0 + h, k2);
        double der2 = 0;
        for (int i = 0; i < n; i++) {
            double sk = atol + rtol * Math.abs(y[i]);
            double d = (k2[i] - k1[i]) / sk;
            der2 += d * d;
        }
        der2 = Math.sqrt(der2) / h;
        double der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
        double h1 = der12 <= 1e-15 ? Math.max(1e-6 * hMax, h * 1e-3) : Math.pow(0.01 / der12, 0.2);
        return Math.min(Math.min(100 * h, h1), hMax);
    }
}
