package dev.kirchhoff.plots;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.util.PublicCloneable;

/**
 * A perceptually uniform, colour-blind-safe colour scale: matplotlib's viridis (van der Walt &amp;
 * Smith, 2015), linearly interpolated between its nine-stop approximation ({@code viridis(9)} in
 * R's viridisLite) into a table of 256 colours. Values below the lower bound get the first colour,
 * above the upper bound the last one; the look-up is O(1), so 65,536 cells cost nothing.
 */
final class ViridisPaintScale implements PaintScale, PublicCloneable, Serializable {
    private static final long serialVersionUID = 1L;

    private static final int[] STOPS = {
        0x440154, 0x472C7A, 0x3B518B, 0x2C718E, 0x21908D, 0x27AD81, 0x5CC863, 0xAADC32, 0xFDE725,
    };
    private static final Color[] TABLE = table(256);

    private final double lower;
    private final double upper;

    /** @throws IllegalArgumentException unless {@code lower < upper}, both finite */
    ViridisPaintScale(double lower, double upper) {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
            throw new IllegalArgumentException("need finite lower < upper, got lower = " + lower + ", upper = "
                    + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    private static Color[] table(int n) {
        Color[] t = new Color[n];
        for (int i = 0; i < n; i++) {
            double s = (double) i / (n - 1) * (STOPS.length - 1);
            int k = Math.min((int) s, STOPS.length - 2);
            double f = s - k;
            t[i] = new Color(mix(STOPS[k] >> 16, STOPS[k + 1] >> 16, f), mix(STOPS[k] >> 8, STOPS[k + 1] >> 8, f),
                    mix(STOPS[k], STOPS[k + 1], f));
        }
        return t;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        double f = (value - lower) / (upper - lower);
        if (!(f > 0)) {
            return TABLE[0]; // also NaN
        }
        if (f >= 1) {
            return TABLE[TABLE.length - 1];
        }
        return TABLE[(int) (f * TABLE.length)];
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        return super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViridisPaintScale s && Double.compare(lower, s.lower) == 0
                && Double.compare(upper, s.upper) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper);
    }
}
