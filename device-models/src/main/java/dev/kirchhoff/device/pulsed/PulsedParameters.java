package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ChunkedParallel;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Checks and draws that several pulsed models share. */
final class PulsedParameters {
    private PulsedParameters() {
    }

    /** Requires 0 &lt; step ≤ W for both nominal steps (S). */
    static void requireStepsWithinWindow(ConductanceRange range, double stepUpSiemens, double stepDownSiemens) {
        Checks.positive("stepUpSiemens", stepUpSiemens);
        Checks.positive("stepDownSiemens", stepDownSiemens);
        double w = range.widthSiemens();
        if (!(stepUpSiemens <= w) || !(stepDownSiemens <= w)) {
            throw new IllegalArgumentException("stepUpSiemens and stepDownSiemens must not exceed the window width "
                    + w + " S, got " + stepUpSiemens + " and " + stepDownSiemens);
        }
    }

    /**
     * Per-device shape exponents {@code nominal·|1 + spread·ξ|}, for up ({@code [0]}) and down
     * ({@code [1]}), drawn chunk by chunk ({@link ChunkedParallel}); null when {@code spread} is 0
     * (no draws then).
     *
     * @param shared one draw per device for both directions (aihwkit's PowStep) instead of two
     */
    static double[][] drawExponents(int n, double nominalUp, double nominalDown, double spread, boolean shared,
            UniformRandomProvider rng) {
        if (spread == 0) {
            return null;
        }
        double[] up = new double[n];
        double[] down = new double[n];
        ChunkedParallel.run(n, rng, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                double gainUp = Math.abs(1 + spread * gauss.sample());
                double gainDown = shared ? gainUp : Math.abs(1 + spread * gauss.sample());
                up[i] = nominalUp * gainUp;
                down[i] = nominalDown * gainDown;
            }
        });
        return new double[][] {up, down};
    }
}
