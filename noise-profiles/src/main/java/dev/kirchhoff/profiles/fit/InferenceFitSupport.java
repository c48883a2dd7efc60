package dev.kirchhoff.profiles.fit;

import java.util.Map;

/**
 * Small pieces shared by the inference fits ({@link ReadNoiseFit}, {@link DriftFit},
 * {@link ProgrammingFit}): rows grouped by device, the R² and RMSE of a fitted quantity, and the
 * choice of the candidate with the lowest criterion.
 */
final class InferenceFitSupport {
    private InferenceFitSupport() {
    }

    /** Row indices of each device, in file order; index = device number of {@link MeasurementCsv#device()}. */
    static int[][] rowsByDevice(MeasurementCsv data) {
        int[] device = data.device();
        int[] count = new int[data.deviceCount()];
        for (int d : device) {
            count[d]++;
        }
        int[][] rows = new int[count.length][];
        for (int d = 0; d < count.length; d++) {
            rows[d] = new int[count[d]];
        }
        int[] fill = new int[count.length];
        for (int r = 0; r < device.length; r++) {
            rows[device[r]][fill[device[r]]++] = r;
        }
        return rows;
    }

    /** √(Σ(y − f)²/n). */
    static double rmse(double[] y, double[] fitted) {
        double ss = 0;
        for (int i = 0; i < y.length; i++) {
            ss += (y[i] - fitted[i]) * (y[i] - fitted[i]);
        }
        return Math.sqrt(ss / y.length);
    }

    /** 1 − Σ(y − f)²/Σ(y − ȳ)² (0 when y is constant and the fit is not exact). */
    static double rSquared(double[] y, double[] fitted) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - fitted[i]) * (y[i] - fitted[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot > 0 ? 1 - res / tot : (res == 0 ? 1 : 0);
    }

    /** The key with the lowest value (the first one on a tie). */
    static String best(Map<String, Double> criteria) {
        String best = null;
        for (Map.Entry<String, Double> e : criteria.entrySet()) {
            if (best == null || e.getValue() < criteria.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** Σ_k c_k·x^k by Horner's rule. */
    static double polynomial(double[] c, double x) {
        double s = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            s = s * x + c[k];
        }
        return s;
    }
}
