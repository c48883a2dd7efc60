package dev.kirchhoff.tiling.snn;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;

/**
 * A layer of current-based LIF neurons ({@link LifParameters}) integrated EXACTLY over a fixed
 * step h, state held as a struct of arrays.
 *
 * <p>Between spikes the state (u = v − E_L, I_e, I_i) obeys a linear ODE with constant
 * coefficients, so one step is a multiplication by the propagator matrix e^(A·h) (Rotter &amp;
 * Diesmann 1999, doi:10.1007/s004220050570; NEST {@code iaf_psc_exp}):
 *
 * <pre>
 *   u(t+h)   = P_m·u + P_me·I_e + P_mi·I_i + (1 − P_m)·I_x
 *   I_e(t+h) = P_e·I_e,   I_i(t+h) = P_i·I_i,   θ(t+h) = P_θ·θ
 *   P_m = e^(−h/τ_m),  P_e = e^(−h/τ_e),  P_θ = e^(−h/τ_θ)
 *   P_me = τ_e/(τ_m − τ_e)·(e^(−h/τ_m) − e^(−h/τ_e))          (and the same with τ_i)
 *        = (h/τ_m)·e^(−h/τ_m)·φ(h/τ_e − h/τ_m),  φ(x) = (1 − e^(−x))/x,  φ(0) = 1
 * </pre>
 *
 * The φ form is evaluated with {@code expm1} on a non-negative argument (swapping the roles of
 * τ_m and τ_e when τ_e &gt; τ_m), so τ_m = τ_e (P_me = (h/τ_m)·e^(−h/τ_m)) and nearly equal time
 * constants are handled without cancellation. For the non-leaky variant P_m = 1, the drive
 * coefficient is h/τ_m and P_me = (h/τ_m)·φ(h/τ_e).
 *
 * <p>Order within a step, per neuron (as NEST): if the neuron is refractory its v is held and its
 * countdown decremented, else v is advanced by the propagator; the currents and θ decay; then, if
 * v was integrated in this step and v &gt; v_th + θ, the neuron spikes: v is reset
 * ({@link LifParameters.ResetMode}), the countdown set to round(t_ref/h) steps (so v is held for
 * exactly t_ref) and θ += Δθ. A spike is thus detected at the end of the step in which v crosses
 * threshold. Synaptic input arrives by adding to the current arrays between steps.
 */
public final class LifLayer {
    private final LifParameters parameters;
    private final int size;
    private final double dtSeconds;

    private final double[] v;
    private final double[] theta;
    private final double[] currentE;
    private final double[] currentI;
    private final double[] drive;
    private final int[] refractory;
    private final double[] active;

    private final double restVolts;
    private final double pm;
    private final double pDrive;
    private final double pme;
    private final double pmi;
    private final double pe;
    private final double pi;
    private final double pTheta;
    private final int refractorySteps;

    /**
     * Creates a layer at rest (v = E_L, no current, no drive, θ = 0, not refractory).
     *
     * @param parameters neuron parameters, shared by every neuron
     * @param size       number of neurons, ≥ 1
     * @param dtSeconds  integration step h (s)
     */
    public LifLayer(LifParameters parameters, int size, double dtSeconds) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        this.parameters = parameters;
        this.size = Checks.positive("size", size);
        this.dtSeconds = Checks.positive("dtSeconds", dtSeconds);
        v = new double[size];
        Arrays.fill(v, parameters.restVolts());
        theta = new double[size];
        currentE = new double[size];
        currentI = new double[size];
        drive = new double[size];
        refractory = new int[size];
        active = new double[size];
        Arrays.fill(active, 1.0);
        restVolts = parameters.restVolts();
        double h = dtSeconds;
        double tauM = parameters.tauMembraneSeconds();
        if (parameters.leaky()) {
            pm = Math.exp(-h / tauM);
            pDrive = -Math.expm1(-h / tauM);
        } else {
            pm = 1;
            pDrive = h / tauM;
        }
        pme = membraneFromCurrent(h, tauM, parameters.tauExcitatorySeconds(), parameters.leaky());
        pmi = membraneFromCurrent(h, tauM, parameters.tauInhibitorySeconds(), parameters.leaky());
        pe = Math.exp(-h / parameters.tauExcitatorySeconds());
        pi = Math.exp(-h / parameters.tauInhibitorySeconds());
        pTheta = Math.exp(-h / parameters.thresholdTauSeconds());
        long steps = Math.round(parameters.refractorySeconds() / h);
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("refractorySeconds is " + steps + " steps of dtSeconds, too many: "
                    + parameters.refractorySeconds());
        }
        refractorySteps = (int) steps;
    }

    /**
     * The propagator element from a synaptic current (time constant τ_s) to the membrane over h:
     * the membrane deviation at t+h produced by a unit current at t, zero membrane deviation.
     *
     * @param h        step (s)
     * @param tauM     membrane time constant (s)
     * @param tauS     synaptic time constant (s)
     * @param leaky    false for the non-leaky integrator (1/τ_m leak rate 0)
     * @return (h/τ_m)·e^(−h/max-rate)·φ(|h/τ_s − h/τ_m|), stable for τ_s = τ_m
     */
    static double membraneFromCurrent(double h, double tauM, double tauS, boolean leaky) {
        double rateM = leaky ? h / tauM : 0;
        double rateS = h / tauS;
        double x = rateS - rateM;
        double scale = h / tauM;
        return x >= 0 ? scale * Math.exp(-rateM) * phi(x) : scale * Math.exp(-rateS) * phi(-x);
    }

    /** φ(x) = (1 − e^(−x))/x for x ≥ 0, φ(0) = 1, to full precision (expm1). */
    static double phi(double x) {
        return x == 0 ? 1 : -Math.expm1(-x) / x;
    }

    /**
     * Advances neurons {@code [from, to)} by one step and writes the indices of those that spiked,
     * ascending, to {@code spikesOut[offset…]}. Touches only the neurons' own state, so disjoint
     * ranges may run on different threads.
     *
     * @param spikesOut Modified: indices of spiking neurons from {@code offset}
     * @return the number of spikes written
     */
    public int step(int from, int to, int[] spikesOut, int offset) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("neuron range [" + from + ", " + to + ") must lie in [0, " + size + "]");
        }
        return parameters.adaptive() ? stepAdaptive(from, to, spikesOut, offset) : stepFixed(from, to, spikesOut, offset);
    }

    /**
     * Fixed threshold: a branch-free pass that the JIT can vectorise (the propagator applied to
     * every neuron, the result kept only for integrating ones by an exact 0/1 blend), then a
     * scalar pass for refractory countdown, threshold and reset. Same bits as a branchy loop.
     */
    private int stepFixed(int from, int to, int[] spikesOut, int offset) {
        final double[] v = this.v;
        final double[] ie = currentE;
        final double[] ii = currentI;
        final double[] x = drive;
        final int[] ref = refractory;
        final double el = restVolts;
        final double pm = this.pm;
        final double pd = pDrive;
        final double pme = this.pme;
        final double pmi = this.pmi;
        final double pe = this.pe;
        final double pi = this.pi;
        final double vth = parameters.thresholdVolts();
        final double vReset = parameters.resetVolts();
        final boolean subtract = parameters.resetMode() == LifParameters.ResetMode.SUBTRACT;
        final int refSteps = refractorySteps;
        final double[] act = active;
        // Pass 1, branch-free (so the JIT can use SIMD): act is 1 for an integrating neuron and
        // 0 for a refractory one, and vn·1 + v·0 = vn, vn·0 + v·1 = v exactly.
        for (int j = from; j < to; j++) {
            double e = ie[j];
            double i = ii[j];
            double vj = v[j];
            double a = act[j];
            double vn = el + ((vj - el) * pm + e * pme + i * pmi + x[j] * pd);
            v[j] = vn * a + vj * (1 - a);
            ie[j] = e * pe;
            ii[j] = i * pi;
        }
        // Pass 2: refractory countdown, threshold, reset.
        int n = offset;
        for (int j = from; j < to; j++) {
            if (act[j] == 0) {
                int r = ref[j] - 1;
                ref[j] = r;
                if (r == 0) {
                    act[j] = 1;
                }
            } else if (v[j] > vth) {
                v[j] = subtract ? v[j] - (vth - vReset) : vReset;
                ref[j] = refSteps;
                act[j] = refSteps > 0 ? 0 : 1;
                spikesOut[n++] = j;
            }
        }
        return n - offset;
    }

    /** As {@link #stepFixed}, with the adaptive threshold θ (decay, then check v &gt; v_th + θ, then θ += Δθ). */
    private int stepAdaptive(int from, int to, int[] spikesOut, int offset) {
        final double[] v = this.v;
        final double[] ie = currentE;
        final double[] ii = currentI;
        final double[] x = drive;
        final double[] th = theta;
        final int[] ref = refractory;
        final double el = restVolts;
        final double vth = parameters.thresholdVolts();
        final double vReset = parameters.resetVolts();
        final boolean subtract = parameters.resetMode() == LifParameters.ResetMode.SUBTRACT;
        final double dTheta = parameters.thresholdIncrementVolts();
        int n = offset;
        for (int j = from; j < to; j++) {
            double e = ie[j];
            double i = ii[j];
            ie[j] = e * pe;
            ii[j] = i * pi;
            double t = th[j] * pTheta;
            int r = ref[j];
            if (r > 0) {
                ref[j] = r - 1;
                th[j] = t;
                continue;
            }
            double vn = el + ((v[j] - el) * pm + e * pme + i * pmi + x[j] * pDrive);
            double thr = vth + t;
            if (vn > thr) {
                vn = subtract ? vn - (thr - vReset) : vReset;
                ref[j] = refractorySteps;
                t += dTheta;
                spikesOut[n++] = j;
            }
            v[j] = vn;
            th[j] = t;
        }
        return n - offset;
    }

    /**
     * Advances every neuron by one step.
     *
     * @param spikesOut Modified: indices of spiking neurons, ascending, from index 0; length ≥ size
     * @return the number of spikes
     */
    public int step(int[] spikesOut) {
        return step(0, size, spikesOut, 0);
    }

    /** Neuron parameters. */
    public LifParameters parameters() {
        return parameters;
    }

    /** Number of neurons. */
    public int size() {
        return size;
    }

    /** Integration step h (s). */
    public double dtSeconds() {
        return dtSeconds;
    }

    /** Refractory period in steps, round(t_ref/h). */
    public int refractorySteps() {
        return refractorySteps;
    }

    /** Membrane potentials v (V): the layer's own array, so writes set the state. */
    public double[] membraneVolts() {
        return v;
    }

    /** Excitatory synaptic currents I_e as volts (R·I): the layer's own array. */
    public double[] excitatoryCurrentVolts() {
        return currentE;
    }

    /** Inhibitory synaptic currents I_i as volts (R·I): the layer's own array. */
    public double[] inhibitoryCurrentVolts() {
        return currentI;
    }

    /** Constant external drives I_x = R·I (V), one per neuron: the layer's own array. */
    public double[] driveVolts() {
        return drive;
    }

    /** Adaptive threshold increments θ (V), used only when Δθ &gt; 0: the layer's own array. */
    public double[] thresholdAdaptationVolts() {
        return theta;
    }

    /**
     * Remaining refractory steps per neuron (0 = not refractory): the layer's own array, to be
     * read only (the fixed-threshold update keeps a mirror of it, so writes would desynchronise).
     */
    public int[] refractoryCountdown() {
        return refractory;
    }

    /** Propagator element P_m = e^(−h/τ_m) (1 for the non-leaky variant). */
    public double membranePropagator() {
        return pm;
    }

    /** Propagator element P_me from I_e to v over one step. */
    public double excitatoryToMembranePropagator() {
        return pme;
    }

    /** Propagator element P_mi from I_i to v over one step. */
    public double inhibitoryToMembranePropagator() {
        return pmi;
    }
}
