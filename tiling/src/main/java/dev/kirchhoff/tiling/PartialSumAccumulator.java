package dev.kirchhoff.tiling;

import dev.kirchhoff.device.Checks;

/**
 * The digital adder that sums a tiled layer's partial outputs along the input dimension.
 *
 * <p>Exact ({@code bits = 0}): the partial sums are added in double precision, row tile 0 first.
 *
 * <p>Fixed point ({@code bits = B}, 2 … 62): a B-bit two's-complement register with full scale F
 * and least significant bit
 * <pre>
 *   lsb = F / 2^(B−1),   codes q ∈ [q_min, q_max] = [−2^(B−1), 2^(B−1) − 1]   (values [−F, F − lsb])
 * </pre>
 * Each partial sum p_r is rounded to the nearest code, ties to even, {@code q_r = clamp(rint(p_r/lsb))},
 * and added by a saturating adder, {@code acc ← clamp(acc + q_r)}, starting from 0; the output is
 * {@code acc·lsb}. So without saturation the result differs from Σ_r p_r by at most
 * {@code R·lsb/2} for R partial sums (one rounding each, the additions of integers being exact),
 * and with saturation it is pinned at {@code −F} or {@code F − lsb}. This is the usual model of a
 * fixed-point accumulator after the ADC (e.g. ISAAC's shift-and-add units, Shafiee et al., ISCA 2016,
 * doi:10.1145/3007787.3001139).
 *
 * @param bits      0 for exact double-precision sums, else the register width B in 2 … 62
 * @param fullScale F &gt; 0 (finite), the magnitude of the most negative value; ignored when exact
 */
public record PartialSumAccumulator(int bits, double fullScale) {
    /** Exact double-precision accumulation. */
    public static final PartialSumAccumulator EXACT = new PartialSumAccumulator(0, 1);

    public PartialSumAccumulator {
        if (bits != 0 && (bits < 2 || bits > 62)) {
            throw new IllegalArgumentException("bits must be 0 (exact) or 2..62, got " + bits);
        }
        Checks.positive("fullScale", fullScale);
    }

    /** A B-bit fixed-point accumulator of full scale F. */
    public static PartialSumAccumulator fixedPoint(int bits, double fullScale) {
        if (bits == 0) {
            throw new IllegalArgumentException("bits must be 2..62 for a fixed-point accumulator, got 0");
        }
        return new PartialSumAccumulator(bits, fullScale);
    }

    /** True for exact double-precision sums. */
    public boolean exact() {
        return bits == 0;
    }

    /** F/2^(B−1), or 0 when exact. */
    public double lsb() {
        return bits == 0 ? 0 : fullScale / (1L << (bits - 1));
    }

    /** −2^(B−1), the most negative code. */
    public long minCode() {
        return -(1L << (bits - 1));
    }

    /** 2^(B−1) − 1, the most positive code. */
    public long maxCode() {
        return (1L << (bits - 1)) - 1;
    }

    /** The code of a partial sum: rint(p/lsb) clamped to [q_min, q_max] (fixed point only). */
    public long code(double partial) {
        double q = Math.rint(partial / lsb());
        return (long) Math.min(Math.max(q, (double) minCode()), (double) maxCode());
    }

    /** The saturating sum of two codes. */
    public long add(long acc, long code) {
        long s = acc + code; // |acc|, |code| ≤ 2^61: no overflow
        return Math.min(Math.max(s, minCode()), maxCode());
    }

    /**
     * The accumulated value of {@code partials[from + r·stride]}, r = 0 … count−1, in that order.
     *
     * @param partials not modified
     */
    public double accumulate(double[] partials, int from, int stride, int count) {
        if (bits == 0) {
            double s = 0;
            for (int r = 0; r < count; r++) {
                s += partials[from + r * stride];
            }
            return s;
        }
        long acc = 0;
        for (int r = 0; r < count; r++) {
            acc = add(acc, code(partials[from + r * stride]));
        }
        return acc * lsb();
    }
}
