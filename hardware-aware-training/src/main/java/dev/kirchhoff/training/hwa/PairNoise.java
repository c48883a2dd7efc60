package dev.kirchhoff.training.hwa;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.special.Erf;

/**
 * The first two moments of a weight programmed onto a differential pair and read, as functions
 * of the normalised magnitude {@code a = |u| ∈ [0, 1]}, for the training-time modifier of
 * {@link NoisyTiles}. The active device is programmed to {@code G = a·g_max}, the idle one to 0,
 * and each comes out as {@code max(G + σ(G)·ξ, 0)} with
 * {@code σ(G)² = k²·(σ_prog(G)² + σ_read(G, t_read)²)} (the device model's laws; read noise at its
 * own conductance, k the scale). With {@code m = G/σ} and Φ, φ the standard normal CDF and
 * density, a clamped normal {@code X⁺ = max(X, 0)}, {@code X ~ N(G, σ²)}, has
 * <pre>
 *   E[X⁺]  = G·Φ(m) + σ·φ(m)
 *   E[X⁺²] = (G² + σ²)·Φ(m) + G·σ·φ(m)
 * </pre>
 * so the pair's normalised difference {@code Δ = (X⁺_active − X⁺_idle)/g_max} has mean μ(a) and
 * standard deviation sd(a) from those of the two independent devices ({@link #exactMoments}).
 *
 * <p>Training draws one Gaussian per weight with these two moments,
 * <pre>
 *   ũ = u·ρ(a) + sd(a)·ξ,   ρ(a) = μ(a)/a
 * </pre>
 * (equal in distribution to {@code sign(u)·(μ + sd·ξ)}, ξ being symmetric), instead of two clamped
 * draws; the evaluation ({@link ProgrammedNetwork}) programs the two devices exactly. So that the
 * per-weight work vectorises, ρ and sd are polynomials of degree {@value #DEGREE} in {@code √a},
 * fitted by least squares (QR) to the exact moments at {@value #POINTS} points of (0, 1]; √a
 * absorbs the steep start of the clamped and read-noise terms. Over the PCM preset at k = 1 and 3
 * the fit is within 2.5% of sd(a) for both μ and sd (measured; tested at 3%).
 */
final class PairNoise {
    /** Degree of the polynomials in √a. */
    static final int DEGREE = 10;
    /** Fitting points in (0, 1]. */
    static final int POINTS = 4096;

    private final double scale;
    private final double readTimeSeconds;
    private final InferenceDeviceModel device;
    private final double[] idle;
    /** Coefficients c_0 … c_DEGREE of ρ(a) and sd(a) in powers of √a. */
    final float[] ratio = new float[DEGREE + 1];
    final float[] sd = new float[DEGREE + 1];

    /**
     * @param device          the devices
     * @param scale           k ≥ 0
     * @param readTimeSeconds t_read ≥ 0
     */
    PairNoise(InferenceDeviceModel device, double scale, double readTimeSeconds) {
        Checks.nonNegative("scale", scale);
        Checks.nonNegative("readTimeSeconds", readTimeSeconds);
        this.device = device;
        this.scale = scale;
        this.readTimeSeconds = readTimeSeconds;
        this.idle = clampedMoments(0, sigma(0));
        double[][] powers = new double[POINTS][DEGREE + 1];
        double[] ratios = new double[POINTS];
        double[] sds = new double[POINTS];
        for (int p = 0; p < POINTS; p++) {
            double a = (p + 1.0) / POINTS;
            double[] m = exactMoments(a);
            ratios[p] = m[0] / a;
            sds[p] = m[1];
            double t = Math.sqrt(a);
            double pw = 1;
            for (int c = 0; c <= DEGREE; c++) {
                powers[p][c] = pw;
                pw *= t;
            }
        }
        DecompositionSolver qr = new QRDecomposition(new Array2DRowRealMatrix(powers, false)).getSolver();
        double[] cr = qr.solve(new ArrayRealVector(ratios, false)).toArray();
        double[] cs = qr.solve(new ArrayRealVector(sds, false)).toArray();
        for (int c = 0; c <= DEGREE; c++) {
            ratio[c] = (float) cr[c];
            sd[c] = (float) cs[c];
        }
    }

    private double sigma(double g) {
        double sp = device.programmingNoise().sigmaSiemens(g);
        double sr = device.readNoise().sigmaSiemens(g, g, readTimeSeconds);
        return scale * Math.sqrt(sp * sp + sr * sr);
    }

    /** {μ(a), sd(a)} of Δ, exactly (by the clamped-normal moments), for a ∈ [0, 1]. */
    double[] exactMoments(double a) {
        double gMax = device.range().gMaxSiemens();
        double g = a * gMax;
        double[] active = clampedMoments(g, sigma(g));
        double var = (active[1] - active[0] * active[0]) + (idle[1] - idle[0] * idle[0]);
        return new double[] {(active[0] - idle[0]) / gMax, Math.sqrt(Math.max(var, 0)) / gMax};
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

    /** The fitted mean μ(a) = a·ρ(a), for tests and documentation. */
    double fittedMean(double a) {
        return a * horner(ratio, Math.sqrt(a));
    }

    /** The fitted sd(a). */
    double fittedSd(double a) {
        return horner(sd, Math.sqrt(a));
    }

    private static double horner(float[] c, double t) {
        double v = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            v = v * t + c[k];
        }
        return v;
    }
}
