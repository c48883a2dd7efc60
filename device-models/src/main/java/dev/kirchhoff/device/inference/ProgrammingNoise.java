package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Error left by programming a device to a target conductance: an additive Gaussian whose
 * standard deviation depends on the target,
 * <pre>
 *   G = max(G_T + σ(G_T)·ξ, 0),   ξ ~ N(0, 1)
 * </pre>
 * Implementations give {@code σ(G_T)} in siemens; they must be pure functions, cheap and
 * allocation-free, since arrays call them once per device.
 */
public interface ProgrammingNoise {

    /** No programming error: {@code σ = 0}. */
    ProgrammingNoise NONE = new Independent(0);

    /**
     * Standard deviation of the programmed conductance for a target (S), ≥ 0.
     *
     * @param gTargetSiemens target conductance (S), ≥ 0
     */
    double sigmaSiemens(double gTargetSiemens);

    /**
     * One programmed conductance: {@code max(G_T + σ(G_T)·ξ, 0)} (S).
     *
     * @param gTargetSiemens target conductance (S)
     * @param xi             a standard normal draw
     */
    default double program(double gTargetSiemens, double xi) {
        return Math.max(gTargetSiemens + sigmaSiemens(gTargetSiemens) * xi, 0);
    }

    /**
     * Programs many devices, one standard normal draw per device, in chunks of
     * {@link ChunkedParallel#CHUNK} so that a seed gives the same bits on any number of cores.
     *
     * @param targetsSiemens not modified: target conductances (S), non-negative and finite
     * @param out            modified: {@code out[i]} = programmed conductance of device i (S);
     *                       length ≥ targets.length; may be the same array as targets
     * @param rng            advanced by {@code 4·chunkCount(targets.length)} longs
     */
    default void program(double[] targetsSiemens, double[] out, UniformRandomProvider rng) {
        Checks.conductances("targetsSiemens", targetsSiemens);
        if (out.length < targetsSiemens.length) {
            throw new IllegalArgumentException("out.length must be at least " + targetsSiemens.length + ", got " + out.length);
        }
        ChunkedParallel.run(targetsSiemens.length, rng, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                out[i] = program(targetsSiemens[i], gauss.sample());
            }
        });
    }

    /**
     * σ as a polynomial in the normalised target {@code g = G_T/g_max}, with coefficients in µS
     * fitted at a reference {@code g_max} and rescaled to this one:
     * <pre>
     *   σ(G_T) = |Σ_k c_k·g^k| µS · (g_max / g_max,ref)
     * </pre>
     * (the absolute value only matters where a fit turns negative outside its range; aihwkit
     * multiplies the signed σ by ξ, which has the same distribution). Source of the form:
     * aihwkit {@code PCMLikeNoiseModel} and {@code ReRamWan2022NoiseModel} (Rasch et al., AICAS
     * 2021, doi:10.1109/AICAS51828.2021.9458494).
     *
     * @param coefficientsMicroSiemens c_0, c_1, … in µS (at least one, all finite); copied
     * @param gMaxSiemens              g_max that normalises the target (S)
     * @param referenceGMaxSiemens     g_max at which the coefficients were fitted (S)
     */
    record Polynomial(double[] coefficientsMicroSiemens, double gMaxSiemens, double referenceGMaxSiemens)
            implements ProgrammingNoise {

        /** Nandakumar et al. ICECS 2019 PCM fit, {@code σ = 0.26348 + 1.9650g − 1.1731g²} µS at 25 µS. */
        public static Polynomial pcmNandakumar2019(double gMaxSiemens) {
            return new Polynomial(new double[] {0.26348, 1.9650, -1.1731}, gMaxSiemens, 25e-6);
        }

        /**
         * RRAM of Wan et al., Nature 2022 (doi:10.1038/s41586-022-04992-8), spread 1 s after
         * programming: c = 0.348, 16.030, −43.853, 45.393, −16.815 µS, fitted at g_max = 40 µS.
         *
         * <p>As in aihwkit's {@code ReRamWan2022NoiseModel}, the 1-day and 2-day fits are the
         * whole deviation from the target at that time (there is no separate drift law for this
         * RRAM): to model a read one day later, program with {@link #rramWan2022OneDay} and use
         * {@link DriftModel#NONE}. Rescaling: aihwkit's comment puts the reference at 40 µS, but
         * its code stores it under a different attribute name and so applies no rescaling (σ in µS
         * independent of g_max); here the reference is 40 µS, and the two agree at g_max = 40 µS.
         */
        public static Polynomial rramWan2022OneSecond(double gMaxSiemens) {
            return new Polynomial(new double[] {0.348, 16.030, -43.853, 45.393, -16.815}, gMaxSiemens, 40e-6);
        }

        /** As {@link #rramWan2022OneSecond} one day after programming: c = 0.701, 22.086, −50.773, 47.095, −16.458 µS. */
        public static Polynomial rramWan2022OneDay(double gMaxSiemens) {
            return new Polynomial(new double[] {0.701, 22.086, -50.773, 47.095, -16.458}, gMaxSiemens, 40e-6);
        }

        /** As {@link #rramWan2022OneSecond} two days after programming: c = 0.782, 20.274, −43.507, 37.062, −11.934 µS. */
        public static Polynomial rramWan2022TwoDays(double gMaxSiemens) {
            return new Polynomial(new double[] {0.782, 20.274, -43.507, 37.062, -11.934}, gMaxSiemens, 40e-6);
        }

        public Polynomial {
            if (coefficientsMicroSiemens.length == 0) {
                throw new IllegalArgumentException("coefficientsMicroSiemens must not be empty, got length 0");
            }
            coefficientsMicroSiemens = coefficientsMicroSiemens.clone();
            for (int k = 0; k < coefficientsMicroSiemens.length; k++) {
                Checks.finite("coefficientsMicroSiemens[" + k + "]", coefficientsMicroSiemens[k]);
            }
            Checks.positive("gMaxSiemens", gMaxSiemens);
            Checks.positive("referenceGMaxSiemens", referenceGMaxSiemens);
        }

        /** A copy of the coefficients (µS). */
        @Override
        public double[] coefficientsMicroSiemens() {
            return coefficientsMicroSiemens.clone();
        }

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            double g = gTargetSiemens / gMaxSiemens;
            double[] c = coefficientsMicroSiemens;
            double s = c[c.length - 1];
            for (int k = c.length - 2; k >= 0; k--) {
                s = s * g + c[k];
            }
            return Math.abs(s) * 1e-6 * (gMaxSiemens / referenceGMaxSiemens);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Polynomial p && Arrays.equals(coefficientsMicroSiemens, p.coefficientsMicroSiemens)
                    && Double.compare(gMaxSiemens, p.gMaxSiemens) == 0
                    && Double.compare(referenceGMaxSiemens, p.referenceGMaxSiemens) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(coefficientsMicroSiemens) + Double.hashCode(gMaxSiemens))
                    + Double.hashCode(referenceGMaxSiemens);
        }

        @Override
        public String toString() {
            return "Polynomial[coefficientsMicroSiemens=" + Arrays.toString(coefficientsMicroSiemens)
                    + ", gMaxSiemens=" + gMaxSiemens + ", referenceGMaxSiemens=" + referenceGMaxSiemens + "]";
        }
    }

    /**
     * Another law with σ multiplied by {@code factor}: {@code σ(G_T) = factor·σ_base(G_T)}, for
     * variability sweeps ({@link InferenceDeviceModel#withVariabilityScale}).
     *
     * @param base   the law scaled
     * @param factor the multiplier, ≥ 0 and finite
     */
    record Scaled(ProgrammingNoise base, double factor) implements ProgrammingNoise {
        public Scaled {
            if (base == null) {
                throw new IllegalArgumentException("base must not be null, got null");
            }
            Checks.nonNegative("factor", factor);
        }

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            return factor * base.sigmaSiemens(gTargetSiemens);
        }
    }

    /**
     * CrossSim's "generic independent" error: {@code G = G_T + σ·ξ}, σ the same for every target.
     *
     * @param sigmaSiemens σ (S), ≥ 0
     */
    record Independent(double sigmaSiemens) implements ProgrammingNoise {
        public Independent {
            Checks.nonNegative("sigmaSiemens", sigmaSiemens);
        }

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            return sigmaSiemens;
        }
    }

    /**
     * CrossSim's "generic proportional" error: {@code G = G_T·(1 + σ·ξ)}, i.e. {@code σ(G_T) = σ·|G_T|}.
     *
     * @param relativeSigma σ (dimensionless), ≥ 0
     */
    record Proportional(double relativeSigma) implements ProgrammingNoise {
        public Proportional {
            Checks.nonNegative("relativeSigma", relativeSigma);
        }

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            return relativeSigma * Math.abs(gTargetSiemens);
        }
    }

    /**
     * CrossSim's "generic inverse-proportional" error, written in CrossSim's normalised units
     * {@code g = G/g_max ∈ [g_min/g_max, 1]}: {@code g = g_T + σ·ξ/g_T}, so in siemens
     * <pre>
     *   σ(G_T) = σ·g_max / max(G_T/g_max, g_min/g_max)
     * </pre>
     * The floor at {@code g_min > 0} keeps σ finite for a zero target.
     *
     * @param relativeSigma σ in normalised units, ≥ 0
     * @param gMinSiemens   lowest conductance (S), > 0
     * @param gMaxSiemens   g_max (S), > gMinSiemens
     */
    record InverseProportional(double relativeSigma, double gMinSiemens, double gMaxSiemens) implements ProgrammingNoise {
        public InverseProportional {
            Checks.nonNegative("relativeSigma", relativeSigma);
            Checks.positive("gMinSiemens", gMinSiemens);
            Checks.positive("gMaxSiemens", gMaxSiemens);
            if (!(gMinSiemens < gMaxSiemens)) {
                throw new IllegalArgumentException("gMinSiemens must be below gMaxSiemens, got gMinSiemens="
                        + gMinSiemens + " >= gMaxSiemens=" + gMaxSiemens);
            }
        }

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            double g = Math.max(gTargetSiemens, gMinSiemens) / gMaxSiemens;
            return relativeSigma * gMaxSiemens / g;
        }
    }

    /**
     * RRAM programming error of Milo et al., "Optimized programming algorithms for multilevel
     * RRAM in hardware neural networks", IRPS 2021 (IEEE Xplore 9405119), as fitted in Sandia
     * CrossSim for targets of 50–225 µS:
     * <pre>
     *   σ(G_T) = max(−0.009107·G_T + 4.782, 0) µS,   G_T in µS
     * </pre>
     */
    record MiloRram() implements ProgrammingNoise {
        /** Slope of the fit (µS per µS). */
        public static final double SLOPE = -0.009107;
        /** Intercept of the fit (µS). */
        public static final double INTERCEPT_MICRO_SIEMENS = 4.782;

        @Override
        public double sigmaSiemens(double gTargetSiemens) {
            return Math.max(SLOPE * (gTargetSiemens * 1e6) + INTERCEPT_MICRO_SIEMENS, 0) * 1e-6;
        }
    }
}
