package dev.kirchhoff.device.inference;

import dev.kirchhoff.device.ConductanceRange;

/**
 * A finite set of {@code count} programmable conductances spaced evenly over a window,
 * <pre>
 *   G_k = G_min + k·(G_max − G_min)/(count − 1),   k = 0 … count − 1
 * </pre>
 * A target is clipped to the window and rounded to the nearest level (ties to the even index,
 * {@link Math#rint}); the end levels are exactly G_min and G_max. This is CrossSim's
 * {@code cell_bits} quantisation with {@code count = 2^bits}.
 *
 * @param count number of levels, ≥ 2
 * @param range the window the levels span
 */
public record ConductanceLevels(int count, ConductanceRange range) {

    public ConductanceLevels {
        if (count < 2) {
            throw new IllegalArgumentException("count must be at least 2, got " + count);
        }
        if (range == null) {
            throw new IllegalArgumentException("range must not be null, got null");
        }
    }

    /** {@code 2^bits} levels over the window, bits in [1, 30]. */
    public static ConductanceLevels ofBits(int bits, ConductanceRange range) {
        if (bits < 1 || bits > 30) {
            throw new IllegalArgumentException("bits must be in [1, 30], got " + bits);
        }
        return new ConductanceLevels(1 << bits, range);
    }

    /** Spacing between neighbouring levels (S). */
    public double stepSiemens() {
        return range.widthSiemens() / (count - 1);
    }

    /** Level {@code k} (S), {@code 0 ≤ k < count}. */
    public double level(int k) {
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("k must be in [0, " + (count - 1) + "], got " + k);
        }
        return levelUnchecked(k);
    }

    /** Index of the level nearest to {@code g} after clipping to the window; g must not be NaN. */
    public int nearestIndex(double gSiemens) {
        if (Double.isNaN(gSiemens)) {
            throw new IllegalArgumentException("gSiemens must not be NaN, got " + gSiemens);
        }
        double x = (range.clip(gSiemens) - range.gMinSiemens()) / range.widthSiemens() * (count - 1);
        return (int) Math.rint(x);
    }

    /** The level nearest to {@code g} (S), after clipping to the window. */
    public double quantize(double gSiemens) {
        return levelUnchecked(nearestIndex(gSiemens));
    }

    /**
     * Quantises many conductances.
     *
     * @param gSiemens not modified: conductances (S)
     * @param out      modified: {@code out[i] = quantize(gSiemens[i])}; may be gSiemens itself
     */
    public void quantize(double[] gSiemens, double[] out) {
        if (out.length < gSiemens.length) {
            throw new IllegalArgumentException("out.length must be at least " + gSiemens.length + ", got " + out.length);
        }
        for (int i = 0; i < gSiemens.length; i++) {
            out[i] = quantize(gSiemens[i]);
        }
    }

    private double levelUnchecked(int k) {
        if (k == count - 1) {
            return range.gMaxSiemens();
        }
        return range.gMinSiemens() + k * (range.widthSiemens() / (count - 1));
    }
}
