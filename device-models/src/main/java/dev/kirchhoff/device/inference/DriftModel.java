package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;

/**
 * Power-law conductance drift with a per-device exponent ν drawn once at programming:
 * <pre>
 *   G(t) = G_prog · ((t_inference + t_0)/t_0)^(−ν)
 *   ν    = |μ_ν(G_T) + σ_ν(G_T)·ξ|,   ξ ~ N(0, 1)
 * </pre>
 * (the form of Nandakumar et al., ICECS 2019, IEEE Xplore 8964852, and of aihwkit's
 * {@code PCMLikeNoiseModel}). Implementations give the distribution of ν and t_0; the law
 * itself is shared, evaluated as {@code G_prog·exp(−ν·ln((t + t_0)/t_0))} so that an array and
 * {@link #conductanceAt} agree bit for bit.
 */
public interface DriftModel {

    /** No drift: ν = 0. */
    DriftModel NONE = new Constant(0, 0, 1);

    /** t_0, the time after programming at which G = G_prog (s), > 0. */
    double t0Seconds();

    /** Mean of the unfolded ν distribution for a target conductance. */
    double meanNu(double gTargetSiemens);

    /** Standard deviation of the unfolded ν distribution for a target conductance, ≥ 0. */
    double sigmaNu(double gTargetSiemens);

    /** One exponent: {@code |μ_ν + σ_ν·ξ|}. */
    default double drawNu(double gTargetSiemens, double xi) {
        return Math.abs(meanNu(gTargetSiemens) + sigmaNu(gTargetSiemens) * xi);
    }

    /**
     * {@code ln((t_inference + t_0)/t_0)}, the logarithm every device shares at one time.
     *
     * @param tInferenceSeconds time since programming (s), ≥ 0
     */
    default double logTimeRatio(double tInferenceSeconds) {
        Checks.nonNegative("tInferenceSeconds", tInferenceSeconds);
        double t0 = t0Seconds();
        return Math.log((tInferenceSeconds + t0) / t0);
    }

    /** {@code G_prog·((t + t_0)/t_0)^(−ν)} (S). */
    default double conductanceAt(double gProgrammedSiemens, double nu, double tInferenceSeconds) {
        return decay(gProgrammedSiemens, nu, logTimeRatio(tInferenceSeconds));
    }

    /** {@code g·exp(−ν·logTimeRatio)}: the drift law given the shared logarithm. */
    static double decay(double g, double nu, double logTimeRatio) {
        return g * Math.exp(-nu * logTimeRatio);
    }

    /**
     * Another law with the device-to-device spread of ν multiplied by {@code factor}
     * ({@code σ_ν = factor·σ_ν,base}), the mean exponent and t_0 kept: the mean drift is what
     * global drift compensation undoes, the spread is the variability it cannot. For variability
     * sweeps ({@link InferenceDeviceModel#withVariabilityScale}).
     *
     * @param base   the law scaled
     * @param factor the multiplier, ≥ 0 and finite
     */
    record SpreadScaled(DriftModel base, double factor) implements DriftModel {
        public SpreadScaled {
            if (base == null) {
                throw new IllegalArgumentException("base must not be null, got null");
            }
            Checks.nonNegative("factor", factor);
        }

        @Override
        public double t0Seconds() {
            return base.t0Seconds();
        }

        @Override
        public double meanNu(double gTargetSiemens) {
            return base.meanNu(gTargetSiemens);
        }

        @Override
        public double sigmaNu(double gTargetSiemens) {
            return factor * base.sigmaNu(gTargetSiemens);
        }
    }

    /**
     * PCM drift of Nandakumar et al., ICECS 2019 (IEEE Xplore 8964852), as in aihwkit
     * {@code PCMLikeNoiseModel.generate_drift_coefficients}, with {@code g = max(|G_T|/g_max, 1e−7)}:
     * <pre>
     *   μ_ν = clip(−0.0155·ln g + 0.0244, 0.049, 0.1)
     *   σ_ν = clip(−0.0125·ln g − 0.0059, 0.008, 0.045)
     * </pre>
     *
     * @param gMaxSiemens g_max (S)
     * @param t0Seconds   t_0 (s); 20 s in the fit
     */
    record Pcm(double gMaxSiemens, double t0Seconds) implements DriftModel {
        /** Floor on g before the logarithm (aihwkit's {@code _ZERO_CLIP}). */
        public static final double G_FLOOR = 1e-7;

        /** The published fit, t_0 = 20 s. */
        public static Pcm nandakumar2019(double gMaxSiemens) {
            return new Pcm(gMaxSiemens, 20);
        }

        public Pcm {
            Checks.positive("gMaxSiemens", gMaxSiemens);
            Checks.positive("t0Seconds", t0Seconds);
        }

        @Override
        public double meanNu(double gTargetSiemens) {
            double lng = Math.log(Math.max(Math.abs(gTargetSiemens) / gMaxSiemens, G_FLOOR));
            return Math.min(Math.max(-0.0155 * lng + 0.0244, 0.049), 0.1);
        }

        @Override
        public double sigmaNu(double gTargetSiemens) {
            double lng = Math.log(Math.max(Math.abs(gTargetSiemens) / gMaxSiemens, G_FLOOR));
            return Math.min(Math.max(-0.0125 * lng - 0.0059, 0.008), 0.045);
        }
    }

    /**
     * The same ν distribution for every device, {@code ν = |ν₀ + σ_ν·ξ|}; with σ_ν = 0 every
     * device drifts with ν₀. ν₀ = 0.1 is MemTorch's default retention exponent for metal-oxide
     * RRAM (Lammie et al., MemTorch, Neurocomputing 2022, doi:10.1016/j.neucom.2022.02.043).
     *
     * @param nu        ν₀, ≥ 0
     * @param sigmaNu   σ_ν, ≥ 0
     * @param t0Seconds t_0 (s), > 0
     */
    record Constant(double nu, double sigmaNu, double t0Seconds) implements DriftModel {
        /** Every device with the same ν and no spread. */
        public static Constant of(double nu, double t0Seconds) {
            return new Constant(nu, 0, t0Seconds);
        }

        public Constant {
            Checks.nonNegative("nu", nu);
            Checks.nonNegative("sigmaNu", sigmaNu);
            Checks.positive("t0Seconds", t0Seconds);
        }

        @Override
        public double meanNu(double gTargetSiemens) {
            return nu;
        }

        @Override
        public double sigmaNu(double gTargetSiemens) {
            return sigmaNu;
        }
    }

    /**
     * The PCM form of {@link Pcm} with free coefficients, the form a measured drift data set is
     * fitted to: mean and spread of ν linear in {@code ln g}, {@code g = max(|G_T|/g_max, 1e−7)},
     * each clipped to a range:
     * <pre>
     *   μ_ν = clip(a_μ + b_μ·ln g, μ_min, μ_max)
     *   σ_ν = clip(a_σ + b_σ·ln g, σ_min, σ_max)
     * </pre>
     * With a_μ = 0.0244, b_μ = −0.0155, [0.049, 0.1], a_σ = −0.0059, b_σ = −0.0125,
     * [0.008, 0.045] it is the model of Nandakumar et al., ICECS 2019 (see {@link #pcm}). A fit
     * sets the clip ranges to the values of the lines over the measured conductances, so the model
     * does not extrapolate beyond the data.
     *
     * @param gMaxSiemens       g_max (S), &gt; 0
     * @param t0Seconds         t_0 (s), &gt; 0
     * @param meanNuIntercept   a_μ, finite
     * @param meanNuSlope       b_μ (per unit of ln g), finite
     * @param meanNuMin         μ_min, finite
     * @param meanNuMax         μ_max, ≥ μ_min
     * @param sigmaNuIntercept  a_σ, finite
     * @param sigmaNuSlope      b_σ (per unit of ln g), finite
     * @param sigmaNuMin        σ_min, ≥ 0
     * @param sigmaNuMax        σ_max, ≥ σ_min
     */
    record LogLinear(double gMaxSiemens, double t0Seconds, double meanNuIntercept, double meanNuSlope,
            double meanNuMin, double meanNuMax, double sigmaNuIntercept, double sigmaNuSlope, double sigmaNuMin,
            double sigmaNuMax) implements DriftModel {

        /** {@link Pcm}'s coefficients in this form: the same μ_ν and σ_ν for every target. */
        public static LogLinear pcm(double gMaxSiemens, double t0Seconds) {
            return new LogLinear(gMaxSiemens, t0Seconds, 0.0244, -0.0155, 0.049, 0.1, -0.0059, -0.0125, 0.008, 0.045);
        }

        public LogLinear {
            Checks.positive("gMaxSiemens", gMaxSiemens);
            Checks.positive("t0Seconds", t0Seconds);
            Checks.finite("meanNuIntercept", meanNuIntercept);
            Checks.finite("meanNuSlope", meanNuSlope);
            Checks.finite("meanNuMin", meanNuMin);
            Checks.finite("meanNuMax", meanNuMax);
            if (!(meanNuMax >= meanNuMin)) {
                throw new IllegalArgumentException("meanNuMax must be at least meanNuMin=" + meanNuMin + ", got "
                        + meanNuMax);
            }
            Checks.finite("sigmaNuIntercept", sigmaNuIntercept);
            Checks.finite("sigmaNuSlope", sigmaNuSlope);
            Checks.nonNegative("sigmaNuMin", sigmaNuMin);
            Checks.nonNegative("sigmaNuMax", sigmaNuMax);
            if (!(sigmaNuMax >= sigmaNuMin)) {
                throw new IllegalArgumentException("sigmaNuMax must be at least sigmaNuMin=" + sigmaNuMin + ", got "
                        + sigmaNuMax);
            }
        }

        private double logG(double gTargetSiemens) {
            return Math.log(Math.max(Math.abs(gTargetSiemens) / gMaxSiemens, Pcm.G_FLOOR));
        }

        @Override
        public double meanNu(double gTargetSiemens) {
            return Math.min(Math.max(meanNuIntercept + meanNuSlope * logG(gTargetSiemens), meanNuMin), meanNuMax);
        }

        @Override
        public double sigmaNu(double gTargetSiemens) {
            return Math.min(Math.max(sigmaNuIntercept + sigmaNuSlope * logG(gTargetSiemens), sigmaNuMin), sigmaNuMax);
        }
    }
}
