package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * NeuroSim's pulse-number model of weight-update nonlinearity (P.-Y. Chen, X. Peng, S. Yu,
 * "NeuroSim: A circuit-level macro model for benchmarking neuro-inspired architectures in online
 * learning", IEEE TCAD 37(12), 3067–3080, 2018, doi:10.1109/TCAD.2018.2789723; NeuroSim MLP V3.0,
 * {@code RealDevice::Write} in {@code Cell.cpp} and {@code NonlinearWeight}/{@code InvNonlinearWeight}
 * in {@code formula.cpp}, github.com/neurosim/MLP_NeuroSim_V3.0).
 *
 * <p>Each direction has its own curve through (0, gMin) and (P_max, gMax) on the pulse axis:
 * <pre>
 *   G(P) = B·(1 − e^(−P/A)) + gMin,   B = (gMax − gMin)/(1 − e^(−P_max/A))
 * </pre>
 * with A = A_LTP, P_max = P_LTP for potentiation and A = A_LTD, P_max = P_LTD for depression.
 * A pulse finds the device's position P on the curve of its direction by inverting the curve at
 * its present conductance, {@code P = −A·ln(1 − (G − gMin)/B)}, steps it by +1 (potentiation) or
 * −1 (depression) and evaluates the curve there. So noise-free potentiation from gMin follows
 * G(P) at every pulse and reaches gMax at exactly P_LTP pulses.
 *
 * <p>Sign of A (NeuroSim's convention, kept here): A &gt; 0 gives a concave curve, A &lt; 0 a
 * convex one. For potentiation, A_LTP &gt; 0 means large steps near gMin that shrink towards gMax
 * (the usual saturating LTP). For depression the device walks the A_LTD curve backwards from
 * P_LTD, so A_LTD &lt; 0 (a negative nonlinearity label) means large steps near gMax that shrink
 * towards gMin, the mirror image of the usual LTP; written from gMax with p depression pulses,
 * {@code G = gMax − B_d·(1 − e^(−p/|A_LTD|))}, {@code B_d = (gMax − gMin)/(1 − e^(−P_LTD/|A_LTD|))}.
 * A_LTD &gt; 0 gives depression that starts slowly and accelerates towards gMin.
 *
 * <p>Linear limit: |A| → ∞ gives {@code G = gMin + (gMax − gMin)·P/P_max}. Pass
 * {@link #LINEAR} (or −∞) for an exactly linear direction; any |P_max/A| below 1e−12 is evaluated
 * as linear, so no division by zero occurs.
 *
 * <p>Record components hold A normalised by the pulse count, {@code a = A/P_max} (NeuroSim's
 * {@code getParamA} returns this; {@code paramA = getParamA(NL)·maxNumLevel}). The nonlinearity
 * label NL maps to a through {@link #normalizedAOnNeuroSimGrid} (NeuroSim's table) or
 * {@link #normalizedA} (the same relation, unquantised).
 *
 * <p>Variability, per {@link PulseVariability}, read for this model as follows:
 * <ul>
 *   <li>{@code c2cStd}: NeuroSim's cycle-to-cycle σ as a <em>fraction of the window</em>. After each
 *       pulse {@code c2cStd·(gMax_i − gMin_i)·ξ} is <em>added</em> to the conductance (NeuroSim adds
 *       N(0, σ)·√|nPulse| per write; here every write is one pulse). It does not multiply the step.</li>
 *   <li>{@code upScale_i}/{@code downScale_i} (from upDown, stepDtod, upDownDtod): the pulse moves
 *       the position by {@code upScale_i} (or {@code downScale_i}) pulses instead of one.</li>
 *   <li>{@code exponentDtod}: relative device-to-device σ of the curvature rate P_max/A of each
 *       direction, {@code (P_max/A)_i = (P_max/A)·(1 + exponentDtod·ξ)}, drawn independently for
 *       LTP and LTD (to first order the relative σ of A; a linear direction stays linear). NeuroSim
 *       instead adds N(0, σ_DtoD) to the label NL.</li>
 *   <li>{@code boundsDtod}, {@code writeNoiseStd}: as in the base class; the write-noise unit is the
 *       mean step {@code (gMax − gMin)/min(P_LTP, P_LTD)}.</li>
 * </ul>
 *
 * <p>Rounding: a position within 1e−9 (in units of P_max) of either end of a curve is taken to be
 * that end, so that P_max noise-free pulses land exactly on the bound and visit exactly P_max + 1
 * distinct conductances. The state is the conductance itself, so a step smaller than half an ulp
 * of G is lost: walking a curve against its saturation (A_LTP &lt; 0 from gMin, A_LTD &gt; 0 from
 * gMax) with |NL| above about 8.8 (|P_max/A| ≳ 36) leaves the device at that bound, as NeuroSim's
 * double arithmetic would.
 *
 * @param range          nominal window
 * @param pulsesLtp      P_LTP, potentiation pulses from gMin to gMax (NeuroSim {@code maxNumLevelLTP}), ≥ 1
 * @param pulsesLtd      P_LTD, depression pulses from gMax to gMin (NeuroSim {@code maxNumLevelLTD}), ≥ 1
 * @param normalizedALtp A_LTP/P_LTP, signed, non-zero; ±∞ for a linear potentiation curve
 * @param normalizedALtd A_LTD/P_LTD, signed, non-zero; ±∞ for a linear depression curve
 * @param variability    asymmetry and spreads (see above for what c2cStd means here)
 */
public record NeuroSimNonlinear(ConductanceRange range, int pulsesLtp, int pulsesLtd, double normalizedALtp,
        double normalizedALtd, PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "neurosim";

    /** Normalised A of an exactly linear curve. */
    public static final double LINEAR = Double.POSITIVE_INFINITY;

    /**
     * Unit of the nonlinearity label: NL = max_x(g(x) − x)/(0.07·√2), see {@link #nonlinearityLabel}.
     */
    static final double LABEL_UNIT = 0.07 * Math.sqrt(2);

    /** Curvature rates |P_max/A| below this are evaluated as the straight line (error below 2e−13 of the window). */
    static final double LINEAR_RATE = 1e-12;

    /** Rates beyond this would overflow e^(−rate) for convex curves; those are evaluated by reflection. */
    private static final double MAX_DIRECT_RATE = 700;

    /** Positions within this distance (in units of P_max) of an end of the curve are snapped to it. */
    static final double SNAP = 1e-9;

    /** Size of NeuroSim's table: labels 0.01 to 9.00 in steps of 0.01. */
    private static final int GRID_SIZE = 900;

    public NeuroSimNonlinear {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(variability, "variability");
        Checks.positive("pulsesLtp", pulsesLtp);
        Checks.positive("pulsesLtd", pulsesLtd);
        requireShape("normalizedALtp", normalizedALtp);
        requireShape("normalizedALtd", normalizedALtd);
    }

    private static void requireShape(String name, double a) {
        if (Double.isNaN(a) || a == 0) {
            throw new IllegalArgumentException(name + " must be non-zero and not NaN (±Infinity means linear), got " + a);
        }
    }

    /** Both directions linear, with the same pulse count. */
    public static NeuroSimNonlinear linear(ConductanceRange range, int pulses, PulseVariability variability) {
        return new NeuroSimNonlinear(range, pulses, pulses, LINEAR, LINEAR, variability);
    }

    /**
     * The model from NeuroSim's nonlinearity labels, mapped as NeuroSim maps them
     * ({@link #normalizedAOnNeuroSimGrid}: |NL| truncated to the 0.01 grid and clamped to
     * [0.01, 9]). A label of exactly 0 gives a linear direction (NeuroSim would give
     * a = −126.27, nearly linear).
     *
     * @param nlLtp NL of potentiation, finite (e.g. 2.4)
     * @param nlLtd NL of depression, finite (e.g. −4.88)
     */
    public static NeuroSimNonlinear fromLabels(ConductanceRange range, int pulsesLtp, int pulsesLtd, double nlLtp,
            double nlLtd, PulseVariability variability) {
        Checks.finite("nlLtp", nlLtp);
        Checks.finite("nlLtd", nlLtd);
        double aLtp = nlLtp == 0 ? LINEAR : normalizedAOnNeuroSimGrid(nlLtp);
        double aLtd = nlLtd == 0 ? LINEAR : normalizedAOnNeuroSimGrid(nlLtd);
        return new NeuroSimNonlinear(range, pulsesLtp, pulsesLtd, aLtp, aLtd, variability);
    }

    /** This model with other variability. */
    public NeuroSimNonlinear withVariability(PulseVariability v) {
        return new NeuroSimNonlinear(range, pulsesLtp, pulsesLtd, normalizedALtp, normalizedALtd, v);
    }

    @Override
    public double nominalStepSiemens() {
        return range().widthSiemens() / Math.min(pulsesLtp(), pulsesLtd());
    }

    @Override
    public String modelName() {
        return NAME;
    }

    /**
     * Nominal noise-free potentiation curve: conductance after {@code p} potentiation pulses from
     * gMin, {@code G(p) = gMin + B·(1 − e^(−p/A_LTP))}, p clamped to [0, P_LTP].
     */
    public double ltpConductance(double p) {
        Checks.finite("p", p);
        double x = Math.min(Math.max(p / pulsesLtp, 0), 1);
        return range.gMinSiemens() + range.widthSiemens() * curve(1 / normalizedALtp, x);
    }

    /**
     * Nominal noise-free depression curve: conductance after {@code p} depression pulses from gMax,
     * i.e. the A_LTD curve at position P_LTD − p, p clamped to [0, P_LTD].
     */
    public double ltdConductance(double p) {
        Checks.finite("p", p);
        double x = Math.min(Math.max(1 - p / pulsesLtd, 0), 1);
        return range.gMinSiemens() + range.widthSiemens() * curve(1 / normalizedALtd, x);
    }

    @Override
    public PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng) {
        return new Array(this, deviceCount, rng);
    }

    // ---------------------------------------------------------------------------------------
    // Nonlinearity label NL ↔ normalised A

    /**
     * NeuroSim's label-to-A map, {@code getParamA} in {@code formula.cpp} of
     * github.com/neurosim/MLP_NeuroSim_V3.0 (also {@code documents/Nonlinearity-NormA.htm}):
     * index = (int)(|NL|·100) − 1, clamped to [0, 899]; the table holds a for the labels
     * (index + 1)/100, i.e. 0.01 to 9.00; the result carries the sign of NL (NL ≤ 0 gives a
     * negative a, so NL = 0 gives −a(0.01) = −126.27). The index arithmetic is reproduced
     * exactly, including its truncation: 2.4 → 2.40, 0.105 → 0.10, and 0.29 (29 − ε after the
     * multiplication) → 0.28.
     *
     * <p>The table values are not copied: each is computed by {@link #normalizedA} at the grid
     * label. That relation reproduces all 900 printed entries to their 6 decimals
     * (largest difference 5.0e−7, checked against formula.cpp).
     *
     * @param nl nonlinearity label, finite
     * @return a = A/P_max, signed
     */
    public static double normalizedAOnNeuroSimGrid(double nl) {
        Checks.finite("nl", nl);
        int index = (int) (Math.abs(nl) * 100) - 1;
        index = Math.min(Math.max(index, 0), GRID_SIZE - 1);
        double sign = nl > 0 ? 1 : -1;
        return sign * normalizedA((index + 1) / 100.0);
    }

    /**
     * Normalised A for a nonlinearity label, unquantised: the inverse of
     * {@link #nonlinearityLabel}. Solved by bisection on log(1/a) to full double precision.
     *
     * @param nl label with |nl| &lt; 1/(0.07·√2) ≈ 10.1015 (the largest possible deviation is the whole window)
     * @return a with the sign of nl; {@link #LINEAR} for nl = 0
     */
    public static double normalizedA(double nl) {
        Checks.finite("nl", nl);
        double target = Math.abs(nl) * LABEL_UNIT;
        if (!(target < 1)) {
            throw new IllegalArgumentException("nl must satisfy |nl| < " + (1 / LABEL_UNIT) + ", got " + nl);
        }
        if (target == 0) {
            return LINEAR;
        }
        double rate;
        if (target < 1e-9) {
            rate = 8 * target; // maxDeviation(u) = u/8 − u³/576 + …
        } else {
            double lo = Math.log(1e-10);
            double hi = Math.log(1e15);
            for (int it = 0; it < 200 && hi - lo > 1e-15; it++) {
                double mid = 0.5 * (lo + hi);
                if (maxDeviation(Math.exp(mid)) < target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            rate = Math.exp(0.5 * (lo + hi));
        }
        return Math.copySign(1 / rate, nl);
    }

    /**
     * The nonlinearity label of a curve with normalised A = {@code a}:
     * <pre>
     *   NL = sign(a)·max_{0≤x≤1} (g(x) − x)/(0.07·√2),   g(x) = (1 − e^(−x/|a|))/(1 − e^(−1/|a|))
     * </pre>
     * i.e. the largest distance between the normalised curve and the diagonal of the unit square,
     * measured perpendicular to the diagonal, in units of 0.07. NeuroSim's source gives
     * only the table; this closed relation was found by fitting the table and reproduces all 900
     * entries of {@code getParamA} to their printed 6 decimals.
     *
     * @param a normalised A, non-zero, not NaN; ±∞ gives 0
     */
    public static double nonlinearityLabel(double a) {
        requireShape("a", a);
        if (Double.isInfinite(a)) {
            return 0;
        }
        return Math.copySign(maxDeviation(1 / Math.abs(a)) / LABEL_UNIT, a);
    }

    /** max_x (g(x) − x) of the concave curve with rate u = 1/a &gt; 0, i.e. 1/c − 1/u − ln(u/c)/u, c = 1 − e^(−u). */
    static double maxDeviation(double u) {
        if (u < 0.05) {
            double u2 = u * u;
            return u * (1.0 / 8 + u2 * (-1.0 / 576 + u2 * (1.0 / 25920 - u2 / 1075200)));
        }
        double c = -Math.expm1(-u);
        return 1 / c - 1 / u - Math.log(u / c) / u;
    }

    // ---------------------------------------------------------------------------------------
    // The normalised curve g_u(x) = (1 − e^(−u·x))/(1 − e^(−u)), u = P_max/A, x = P/P_max.

    /**
     * g_u(x), with x clamped to [0, 1] and snapped to an end within {@link #SNAP}: the normalised
     * curve every device of this model follows (public so that a fit evaluates the very same curve).
     */
    public static double curve(double u, double x) {
        if (x <= SNAP) {
            return 0;
        }
        if (x >= 1 - SNAP) {
            return 1;
        }
        if (Math.abs(u) < LINEAR_RATE) {
            return x;
        }
        if (u < -MAX_DIRECT_RATE) {
            return 1 - curve(-u, 1 - x); // g_u(x) = 1 − g_(−u)(1 − x), avoids e^(−u) overflow
        }
        return Math.expm1(-u * x) / Math.expm1(-u);
    }

    /** Inverse of g_u: the position x ∈ [0, 1] at normalised conductance y (clamped to [0, 1]). */
    public static double position(double u, double y) {
        if (y <= 0) {
            return 0;
        }
        if (y >= 1) {
            return 1;
        }
        if (Math.abs(u) < LINEAR_RATE) {
            return y;
        }
        if (u < -MAX_DIRECT_RATE) {
            return 1 - position(-u, 1 - y);
        }
        if (u > 0 && y > 0.5) {
            // 1 + y·(e^(−u) − 1) = (1 − y) + y·e^(−u), exact near y = 1 even when e^(−u) ≪ ε
            return -Math.log((1 - y) + y * Math.exp(-u)) / u;
        }
        return Math.log1p(y * Math.expm1(-u)) / -u;
    }

    /**
     * NeuroSim devices: per device, the curvature rates u = P_max/A of both directions
     * (16 bytes per device beyond the base's 40).
     */
    static final class Array extends PulsedDeviceArray {
        private final double[] rateLtp;
        private final double[] rateLtd;
        private final double stepLtp;
        private final double stepLtd;
        private final double c2c;

        Array(NeuroSimNonlinear m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepLtp = 1.0 / m.pulsesLtp();
            stepLtd = 1.0 / m.pulsesLtd();
            c2c = m.variability().c2cStd();
            rateLtp = new double[n];
            rateLtd = new double[n];
            double uLtp = 1 / m.normalizedALtp();
            double uLtd = 1 / m.normalizedALtd();
            double sigma = m.variability().exponentDtod();
            if (sigma > 0) {
                ChunkedParallel.run(n, rng, (from, to, r) -> {
                    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
                    for (int i = from; i < to; i++) {
                        rateLtp[i] = uLtp * (1 + sigma * gauss.sample());
                        rateLtd[i] = uLtd * (1 + sigma * gauss.sample());
                    }
                });
            } else {
                java.util.Arrays.fill(rateLtp, uLtp);
                java.util.Arrays.fill(rateLtd, uLtd);
            }
        }

        /** Device i's potentiation rate P_LTP/A_LTP,i (0 for a linear curve). */
        double rateLtp(int i) {
            return rateLtp[i];
        }

        /** Device i's depression rate P_LTD/A_LTD,i (0 for a linear curve). */
        double rateLtd(int i) {
            return rateLtd[i];
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double lo = gMinSiemens[i];
            double w = gMaxSiemens[i] - lo;
            double y = (g - lo) / w;
            double u;
            double x;
            if (polarity > 0) {
                u = rateLtp[i];
                x = position(u, y) + upScale[i] * stepLtp;
            } else {
                u = rateLtd[i];
                x = position(u, y) - downScale[i] * stepLtd;
            }
            return lo + w * curve(u, x) + c2c * w * xi;
        }
    }
}
