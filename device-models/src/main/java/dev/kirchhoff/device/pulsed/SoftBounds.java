package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Soft-bounds device: the step shrinks linearly as the conductance approaches the bound it
 * moves towards (aihwkit {@code SoftBoundsDevice}; Fusi &amp; Abbott, Nat. Neurosci. 2007,
 * doi:10.1038/nn1859; Gokmen &amp; Vlasov 2016, doi:10.3389/fnins.2016.00333), written in the
 * conductance domain. With saturation conductances Ĝmax = gMax + h·W and Ĝmin = gMin − h·W
 * (W = gMax − gMin, headroom h ≥ 0; h = 0 is the classic model), per pulse
 * <pre>
 *   up:   G ← G + α⁺·upScale_i  ·(Ĝmax − G)/(Ĝmax − Ĝmin)·(1 + c2c·ξ)
 *   down: G ← G − α⁻·downScale_i·(G − Ĝmin)/(Ĝmax − Ĝmin)·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. Without noise and with h = 0, n up pulses from G₀ give the
 * closed form {@code G_n = gMax − (gMax − G₀)(1 − α⁺/W)^n}, aihwkit's
 * {@code w_n = b_max − (b_max − w₀)(1 − α/b_max)^n} with w = G − gMin and b_max = W.
 *
 * <p>Pulse-count form ({@link #fromPulseCount}): the potentiation curve from gMin is
 * {@code G(p) = gMin + B·(1 − e^(−a·p))}, {@code B = W/(1 − e^(−a·pMax))}, reaching gMax at
 * pulse pMax (the NeuroSim/Chen form, doi:10.1109/TCAD.2018.2789723, used to fit by pulse count).
 *
 * @param range       nominal window
 * @param alphaUpSiemens   α⁺, the potentiation step at Ĝmin (S)
 * @param alphaDownSiemens α⁻, the depression step at Ĝmax (S)
 * @param headroom    h, how far the saturation conductances lie outside the window, in units of W
 * @param variability asymmetry and spreads
 */
public record SoftBounds(ConductanceRange range, double alphaUpSiemens, double alphaDownSiemens, double headroom,
        PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "soft-bounds";

    public SoftBounds {
        Checks.positive("alphaUpSiemens", alphaUpSiemens);
        Checks.positive("alphaDownSiemens", alphaDownSiemens);
        Checks.nonNegative("headroom", headroom);
        double span = (1 + 2 * headroom) * range.widthSiemens();
        if (!(alphaUpSiemens < span) || !(alphaDownSiemens < span)) {
            throw new IllegalArgumentException("alphaUpSiemens and alphaDownSiemens must be below the saturation span "
                    + span + " S, got " + alphaUpSiemens + " and " + alphaDownSiemens);
        }
    }

    /** Classic soft bounds (h = 0) with one step size for both directions. */
    public static SoftBounds of(ConductanceRange range, double alphaSiemens, PulseVariability variability) {
        return new SoftBounds(range, alphaSiemens, alphaSiemens, 0, variability);
    }

    /**
     * Pulse-count form: potentiation from gMin follows {@code G(p) = gMin + B(1 − e^(−a·p))} and
     * reaches gMax at {@code p = pMax}; depression mirrors it from gMax with the same a.
     *
     * @param pulsesToFullRange pMax, pulses from gMin to gMax, ≥ 1
     * @param shape             a &gt; 0, the curvature per pulse (small a: nearly linear)
     */
    public static SoftBounds fromPulseCount(ConductanceRange range, int pulsesToFullRange, double shape,
            PulseVariability variability) {
        Checks.positive("pulsesToFullRange", pulsesToFullRange);
        Checks.positive("shape", shape);
        double q = Math.exp(-shape);
        double overshoot = Math.exp(-shape * pulsesToFullRange);
        double headroom = overshoot / (1 - overshoot); // B/W − 1
        double alpha = (1 - q) * (1 + 2 * headroom) * range.widthSiemens();
        return new SoftBounds(range, alpha, alpha, headroom, variability);
    }

    @Override
    public SoftBounds withVariability(PulseVariability v) {
        return new SoftBounds(range, alphaUpSiemens, alphaDownSiemens, headroom, v);
    }

    @Override
    public double nominalStepSiemens() {
        return Math.max(alphaUpSiemens(), alphaDownSiemens());
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng) {
        return new Array(this, deviceCount, rng);
    }

    /** Soft-bounds devices: no per-device state beyond the shared arrays (40 bytes per device). */
    static final class Array extends PulsedDeviceArray {
        private final double alphaUp;
        private final double alphaDown;
        private final double headroom;
        private final double c2c;

        Array(SoftBounds m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            alphaUp = m.alphaUpSiemens();
            alphaDown = m.alphaDownSiemens();
            headroom = m.headroom();
            c2c = m.variability().c2cStd();
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double lo = gMinSiemens[i];
            double hi = gMaxSiemens[i];
            double h = headroom * (hi - lo);
            double satLo = lo - h;
            double satHi = hi + h;
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                return g + alphaUp * upScale[i] * (satHi - g) / (satHi - satLo) * noise;
            }
            return g - alphaDown * downScale[i] * (g - satLo) / (satHi - satLo) * noise;
        }
    }
}
