package dev.kirchhoff.device.compact;

/**
 * Right-hand side of {@code dy/dt = f(t, y)}, smooth on the interval it is integrated over, with
 * an optional projection hook for constraints the ODE alone would overshoot.
 */
@FunctionalInterface
public interface OdeSystem {
    /**
     * @param t    time
     * @param y    state; not modified
     * @param yDot modified: {@code f(t, y)}
     */
    void derivatives(double t, double[] y, double[] yDot);

    /**
     * Called by {@link DormandPrince54} before every step attempt (accepted or not) from state
     * {@code y} at {@code t}; does nothing by default.
     *
     * @param y not modified
     */
    default void beginStep(double t, double[] y) {
    }

    /**
     * Projects a stage input, and finally the new state, of the step begun by the last
     * {@link #beginStep} onto the admissible set; stage times within one attempt are
     * non-decreasing. Does nothing by default.
     *
     * @param y modified in place
     */
    default void project(double t, double[] y) {
    }
}
