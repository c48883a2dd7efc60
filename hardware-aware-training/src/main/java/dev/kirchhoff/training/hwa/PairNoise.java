package dev.kirchhoff.training.hwa;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import org.apache.commons.math3.special.Erf;

/**
 * The first two moments of a weight programmed onto a differential pair and read, tabulated over
 * the normalised magnitude {@code a = |u| ∈ [0, 1]} for the training-time modifier of
 * {@link NoisyTiles}. The active device is programmed to {@code G = a·g_max}, the idle one to 0,
 * and each comes out as {@code max(G + σ(G)·ξ, 0)} with
 * {@code σ(G)² = k²·(σ_prog(G)² + σ_read(G, t_read)²)} (the device model's laws; read noise at its
 * own conductance, k the scale). With {@code m = G/σ} and Φ, φ the standard normal CDF and
 * density, a clamped normal {@code X⁺ = max(X, 0)}, {@code X ~ N(G, σ²)}, has
 * <pre>
 *   E[X⁺]  = G·Φ(m) + σ·φ(m)
 *   E[X⁺²] = (G² + σ²)·Φ(m) + G·σ·φ(m)
 * </pre>
 * so the pair's normalised difference {@code Δ = (X⁺_active − X⁺_idle)/g_max} has mean and
 * variance from those of the two independent devices. Training draws {@code Δ ≈ mean(a) + sd(a)·ξ}:
 * one Gaussian per weight with the pair's exact mean and variance instead of two clamped draws,
 * which halves the draws in the hot loop; the evaluation ({@link ProgrammedNetwork}) programs the
 * two devices exactly. The table has {@value #POINTS} + 1 points and is read by linear
 * interpolation; over the PCM preset the interpolation error is below 1e−6 of the window (the
 * laws are smooth in a, except the read-noise floor of Q_s below a = 2.4e−5, inside the first
 * interval).
 */
final class PairNoise {
    static final int POINTS = 4096;

    /** Mean and standard deviation of Δ at a = p/POINTS, interleaved: {@code [2p]} mean, {@code [2p + 1]} sd. */
    final float[] table = new float[2 * (POINTS + 1)];

    /**
     * @param device          the devices
     * @param scale           k ≥ 0
     * @param readTimeSeconds t_read ≥ 0
     */
    PairNoise(InferenceDeviceModel device, double scale, double readTimeSeconds) {
        Checks.nonNegative("scale", scale);
        Checks.nonNegative("readTimeSeconds", readTimeSeconds);
        double gMax = device.range().gMaxSiemens();
        double[] idle = clampedMoments(0, sigma(device, 0, scale, readTimeSeconds));
        for (int p = 0; p <= POINTS; p++) {
            double g = gMax * p / POINTS;
            double[] active = clampedMoments(g, sigma(device, g, scale, readTimeSeconds));
            double m = active[0] - idle[0];
            double var = (active[1] - active[0] * active[0]) + (idle[1] - idle[0] * idle[0]);
            table[2 * p] = (float) (m / gMax);
            table[2 * p + 1] = (float) (Math.sqrt(Math.max(var, 0)) / gMax);
        }
    }

    private static double sigma(InferenceDeviceModel device, double g, double scale, double t) {
        double sp = device.programmingNoise().sigmaSiemens(g);
        double sr = device.readNoise().sigmaSiemens(g, g, t);
        return scale * Math.sqrt(sp * sp + sr * sr);
    }

    /** {E[X⁺], E[X⁺²]} for X ~ N(g, s²). */
    static double[] clampedMoments(double g, double s) {
        if (s == 0) {
            double c = Math.max(g, 0);
            return new double[] {c, c * c};
        }
        double m = g / s;
        double cdf = 0.5 * Erf.erfc(-m / Math.sqrt(2));
        double pdf = Math.exp(-0.5 * m * m) / Math.sqrt(2 * Math.PI);
        return new double[] {g * cdf + s * pdf, (g * g + s * s) * cdf + g * s * pdf};
    }

    /**
     * One draw of Δ at normalised magnitude a ∈ [0, 1] (clipped to 1), by linear interpolation of
     * the table: {@code mean(a) + sd(a)·xi}.
     */
    float draw(float a, float xi) {
        float x = Math.min(a, 1f) * POINTS;
        int i = Math.min((int) x, POINTS - 1);
        float f = x - i;
        int k = 2 * i;
        float[] t = table;
        return t[k] + f * (t[k + 2] - t[k]) + (t[k + 1] + f * (t[k + 3] - t[k + 1])) * xi;
    }
}
