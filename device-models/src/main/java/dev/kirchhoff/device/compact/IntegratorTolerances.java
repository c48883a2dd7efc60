package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;

/**
 * Error control of {@link DormandPrince54}: a step is accepted when the RMS over components of
 * {@code err_i / (absolute + relative·max(|y_i|, |y_i,new|))} is at most 1 (Hairer, Nørsett &amp;
 * Wanner, Solving ODEs I, 2nd ed., §II.4, eq. 4.10-4.11).
 *
 * @param relative relative tolerance, in [1e-14, 1)
 * @param absolute absolute tolerance, positive, in the units of the state
 * @param maxSteps most steps (accepted plus rejected) one {@link DormandPrince54#integrate} call may take
 */
public record IntegratorTolerances(double relative, double absolute, int maxSteps) {

    /** Default step budget per integrate call. */
    public static final int DEFAULT_MAX_STEPS = 1_000_000;

    public IntegratorTolerances {
        if (!(relative >= 1e-14 && relative < 1)) {
            throw new IllegalArgumentException("relative must be in [1e-14, 1), got " + relative);
        }
        Checks.positive("absolute", absolute);
        Checks.positive("maxSteps", maxSteps);
    }

    /** Tolerances with the default step budget. */
    public static IntegratorTolerances of(double relative, double absolute) {
        return new IntegratorTolerances(relative, absolute, DEFAULT_MAX_STEPS);
    }
}
