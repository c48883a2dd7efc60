package dev.kirchhoff.device.compact;

/** Right-hand side of {@code dy/dt = f(t, y)}, smooth on the interval it is integrated over. */
@FunctionalInterface
public interface OdeSystem {
    /**
     * @param t    time
     * @param y    state; not modified
     * @param yDot modified: {@code f(t, y)}
     */
    void derivatives(double t, double[] y, double[] yDot);
}
