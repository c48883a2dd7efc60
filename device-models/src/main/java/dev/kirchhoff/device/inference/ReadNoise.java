package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.Checks;

/**
 * Noise on one read of a programmed device at inference time {@code t} (seconds since
 * programming finished), in a separable form that lets an array precompute the per-device part:
 * <pre>
 *   σ(t) = c(G_prog) · f(t) · (relative ? |G(t)| : 1)
 *   G_read = max(G(t) + σ(t)·ξ, 0),   ξ ~ N(0, 1)
 * </pre>
 * where {@code G(t)} is the (drifted) conductance before the read, {@code c} the
 * {@linkplain #deviceCoefficient device coefficient} fixed at programming and {@code f} the
 * {@linkplain #timeFactor time factor} shared by all devices.
 */
public interface ReadNoise {

    /** No read noise. */
    ReadNoise NONE = new Constant(0);

    /**
     * The per-device factor {@code c(G_prog)}: siemens when not {@link #relative()},
     * dimensionless when relative.
     *
     * @param gProgrammedSiemens the device's programmed conductance (S), ≥ 0
     */
    double deviceCoefficient(double gProgrammedSiemens);

    /**
     * The factor {@code f(t)} shared by every device, ≥ 0.
     *
     * @param tInferenceSeconds time since programming (s), ≥ 0
     */
    double timeFactor(double tInferenceSeconds);

    /** Whether σ scales with the read conductance {@code |G(t)|}. */
    boolean relative();

    /** σ of a read (S), by the separable form above. */
    default double sigmaSiemens(double gNowSiemens, double gProgrammedSiemens, double tInferenceSeconds) {
        double s = deviceCoefficient(gProgrammedSiemens) * timeFactor(tInferenceSeconds);
        return relative() ? s * Math.abs(gNowSiemens) : s;
    }

    /** One read: {@code max(G(t) + σ·ξ, 0)} (S). */
    default double read(double gNowSiemens, double gProgrammedSiemens, double tInferenceSeconds, double xi) {
        return Math.max(gNowSiemens + sigmaSiemens(gNowSiemens, gProgrammedSiemens, tInferenceSeconds) * xi, 0);
    }

    /**
     * Another law with σ multiplied by {@code factor} (its device coefficient scaled, its time
     * factor and relativity kept), for variability sweeps
     * ({@link InferenceDeviceModel#withVariabilityScale}).
     *
     * @param base   the law scaled
     * @param factor the multiplier, ≥ 0 and finite
     */
    record Scaled(ReadNoise base, double factor) implements ReadNoise {
        public Scaled {
            if (base == null) {
                throw new IllegalArgumentException("base must not be null, got null");
            }
            Checks.nonNegative("factor", factor);
        }

        @Override
        public double deviceCoefficient(double gProgrammedSiemens) {
            return factor * base.deviceCoefficient(gProgrammedSiemens);
        }

        @Override
        public double timeFactor(double tInferenceSeconds) {
            return base.timeFactor(tInferenceSeconds);
        }

        @Override
        public boolean relative() {
            return base.relative();
        }
    }

    /**
     * Additive read noise of fixed σ: {@code G_read = G(t) + σ·ξ} (CrossSim "generic independent").
     *
     * @param sigmaSiemens σ (S), ≥ 0
     */
    record Constant(double sigmaSiemens) implements ReadNoise {
        public Constant {
            Checks.nonNegative("sigmaSiemens", sigmaSiemens);
        }

        @Override
        public double deviceCoefficient(double gProgrammedSiemens) {
            return sigmaSiemens;
        }

        @Override
        public double timeFactor(double tInferenceSeconds) {
            return 1;
        }

        @Override
        public boolean relative() {
            return false;
        }
    }

    /**
     * Read noise proportional to the conductance: {@code G_read = G(t)·(1 + σ·ξ)} (CrossSim
     * "generic proportional").
     *
     * @param relativeSigma σ (dimensionless), ≥ 0
     */
    record Proportional(double relativeSigma) implements ReadNoise {
        public Proportional {
            Checks.nonNegative("relativeSigma", relativeSigma);
        }

        @Override
        public double deviceCoefficient(double gProgrammedSiemens) {
            return relativeSigma;
        }

        @Override
        public double timeFactor(double tInferenceSeconds) {
            return 1;
        }

        @Override
        public boolean relative() {
            return true;
        }
    }

    /**
     * Accumulated 1/f read noise of PCM (Nandakumar et al., ICECS 2019, IEEE Xplore 8964852;
     * aihwkit {@code PCMLikeNoiseModel.apply_drift_noise_to_conductance}):
     * <pre>
     *   Q_s = min(0.0088 / max((|G_prog|/g_max)^0.65, 1e−3), 0.2)
     *   σ   = Q_s · √ln((t + t_read)/(2·t_read)),   t = t_inference + t_0
     *   G_read = max(G(t) + |G(t)|·σ·ξ, 0)
     * </pre>
     * The logarithm is floored at 0 (it is positive whenever {@code t ≥ t_read}, always so for
     * the published t_0 = 20 s, t_read = 250 ns).
     *
     * @param gMaxSiemens  g_max (S)
     * @param tReadSeconds t_read of the 1/f fit (s)
     * @param t0Seconds    t_0, time of the first read after programming (s)
     */
    record Pcm(double gMaxSiemens, double tReadSeconds, double t0Seconds) implements ReadNoise {
        /** Published t_read (s). */
        public static final double T_READ_SECONDS = 250e-9;
        /** Published t_0 (s). */
        public static final double T0_SECONDS = 20;

        /** The published fit for a device of window {@code g_max}: t_read = 250 ns, t_0 = 20 s. */
        public static Pcm nandakumar2019(double gMaxSiemens) {
            return new Pcm(gMaxSiemens, T_READ_SECONDS, T0_SECONDS);
        }

        public Pcm {
            Checks.positive("gMaxSiemens", gMaxSiemens);
            Checks.positive("tReadSeconds", tReadSeconds);
            Checks.positive("t0Seconds", t0Seconds);
        }

        /** {@code Q_s(G_prog)}, the relative σ per unit of the time factor. */
        @Override
        public double deviceCoefficient(double gProgrammedSiemens) {
            double gPow = Math.pow(Math.abs(gProgrammedSiemens) / gMaxSiemens, 0.65);
            return Math.min(0.0088 / Math.max(gPow, 1e-3), 0.2);
        }

        /** {@code √ln((t_inference + t_0 + t_read)/(2·t_read))}. */
        @Override
        public double timeFactor(double tInferenceSeconds) {
            double t = Checks.nonNegative("tInferenceSeconds", tInferenceSeconds) + t0Seconds;
            return Math.sqrt(Math.max(Math.log((t + tReadSeconds) / (2 * tReadSeconds)), 0));
        }

        @Override
        public boolean relative() {
            return true;
        }
    }

    /**
     * Additive read noise whose σ is a polynomial in the normalised programmed conductance
     * {@code g = |G_prog|/g_max}, the form a measured σ(G) curve is fitted to:
     * <pre>
     *   σ(G_prog) = |Σ_k c_k·g^k|  (S),   G_read = max(G(t) + σ·ξ, 0)
     * </pre>
     * The time factor is 1: the curve holds at the time it was measured. The absolute value only
     * matters where a fit turns negative outside its range (σ·ξ and −σ·ξ have one distribution).
     * The polynomial form of σ follows aihwkit's programming-noise fits (Rasch et al., AICAS 2021,
     * doi:10.1109/AICAS51828.2021.9458494).
     *
     * @param coefficientsSiemens c_0, c_1, … (S), at least one, all finite; copied
     * @param gMaxSiemens         g_max that normalises G_prog (S), &gt; 0
     */
    record Polynomial(double[] coefficientsSiemens, double gMaxSiemens) implements ReadNoise {
        public Polynomial {
            if (coefficientsSiemens.length == 0) {
                throw new IllegalArgumentException("coefficientsSiemens must not be empty, got length 0");
            }
            coefficientsSiemens = coefficientsSiemens.clone();
            for (int k = 0; k < coefficientsSiemens.length; k++) {
                Checks.finite("coefficientsSiemens[" + k + "]", coefficientsSiemens[k]);
            }
            Checks.positive("gMaxSiemens", gMaxSiemens);
        }

        /** A copy of the coefficients (S). */
        @Override
        public double[] coefficientsSiemens() {
            return coefficientsSiemens.clone();
        }

        /** {@code |Σ_k c_k·g^k|} (S), g = |G_prog|/g_max. */
        @Override
        public double deviceCoefficient(double gProgrammedSiemens) {
            double g = Math.abs(gProgrammedSiemens) / gMaxSiemens;
            double[] c = coefficientsSiemens;
            double s = c[c.length - 1];
            for (int k = c.length - 2; k >= 0; k--) {
                s = s * g + c[k];
            }
            return Math.abs(s);
        }

        @Override
        public double timeFactor(double tInferenceSeconds) {
            return 1;
        }

        @Override
        public boolean relative() {
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Polynomial p && java.util.Arrays.equals(coefficientsSiemens, p.coefficientsSiemens)
                    && Double.compare(gMaxSiemens, p.gMaxSiemens) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(coefficientsSiemens) + Double.hashCode(gMaxSiemens);
        }

        @Override
        public String toString() {
            return "Polynomial[coefficientsSiemens=" + java.util.Arrays.toString(coefficientsSiemens)
                    + ", gMaxSiemens=" + gMaxSiemens + "]";
        }
    }
}
