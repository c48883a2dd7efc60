package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;

/**
 * The analog-to-digital converter at a tile's outputs (aihwkit's {@code out_bound},
 * {@code out_res}; Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494). An output u,
 * in the tile's normalised output unit (see {@link Periphery}), is clipped to [−B, B] and rounded
 * to the nearest level of step
 * <pre>
 *   Δ = 2B/(2^bits − 2)
 * </pre>
 * (aihwkit's default: B = 12 at 9 bits, Δ = 24/510, a resolution of 1/510 of the range).
 *
 * <p>The bound B comes from the {@link RangeMode}:
 * <ul>
 *   <li>{@code FIXED}: B = {@link #bound()} for every output;
 *   <li>{@code MAX}: per batch row, B = max_j |u_j| (the converter never clips);
 *   <li>{@code PERCENTILE}: B is the {@link #percentile()}-th percentile of |u| over a calibration
 *       batch ({@link AnalogTile#calibrateOutputBounds}), per tile or per column
 *       ({@link #perColumn()}).
 * </ul>
 *
 * @param bits       0 for no quantisation (clipping only), else 2 … 30
 * @param mode       how B is chosen
 * @param bound      B for FIXED (+∞ allowed only with bits = 0); ignored otherwise but must be positive
 * @param percentile in (0, 100], used by PERCENTILE
 * @param perColumn  PERCENTILE: one bound per output column instead of one per tile
 */
public record Adc(int bits, RangeMode mode, double bound, double percentile, boolean perColumn) {
    /** How the full-scale bound B of the converter is chosen. */
    public enum RangeMode {
        /** A fixed bound. */
        FIXED,
        /** Per batch row, the largest |u| of that row. */
        MAX,
        /** A percentile of |u| from a calibration batch. */
        PERCENTILE
    }

    /** No quantisation and no clipping. */
    public static final Adc IDEAL = new Adc(0, RangeMode.FIXED, Double.POSITIVE_INFINITY, 100, false);

    /** aihwkit's default: fixed bound ±12 at 9 bits. */
    public static final Adc AIHWKIT_DEFAULT = new Adc(9, RangeMode.FIXED, 12.0, 100, false);

    public Adc {
        java.util.Objects.requireNonNull(mode, "mode");
        if (bits != 0 && (bits < 2 || bits > 30)) {
            throw new IllegalArgumentException("bits must be 0 (no quantisation) or 2..30, got " + bits);
        }
        if (bits == 0) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("bound must be positive, got " + bound);
            }
        } else {
            Checks.positive("bound", bound);
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
    }

    /** A converter with a fixed bound. */
    public static Adc fixed(int bits, double bound) {
        return new Adc(bits, RangeMode.FIXED, bound, 100, false);
    }

    /** A converter whose bound is each batch row's max |u|. */
    public static Adc maxBased(int bits) {
        return new Adc(bits, RangeMode.MAX, 1, 100, false);
    }

    /** A converter calibrated to a percentile of |u|, per tile or per column. */
    public static Adc percentileCalibrated(int bits, double percentile, boolean perColumn) {
        return new Adc(bits, RangeMode.PERCENTILE, 1, percentile, perColumn);
    }

    /** Δ/B = 2/(2^bits − 2), or 0 when bits = 0. */
    public double relativeStep() {
        return bits == 0 ? 0 : 2.0 / ((1L << bits) - 2);
    }

    /**
     * u clipped to ±b and rounded to the nearest level of step {@code b·}{@link #relativeStep()}.
     *
     * @param u the analog output (normalised units)
     * @param b the bound to use, positive (+∞ only with bits = 0)
     */
    public double convert(double u, double b) {
        double c = Math.min(Math.max(u, -b), b);
        if (bits == 0) {
            return c;
        }
        double step = b * relativeStep();
        return Math.min(Math.max(Math.rint(c / step) * step, -b), b);
    }
}
