package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Objects;

/**
 * aihwkit's weight-domain soft-bounds parameters ({@code SoftBoundsDevice},
 * {@code SoftBoundsReferenceDevice}; Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494)
 * and their mapping onto Kirchhoff's conductance-domain {@link SoftBounds}.
 *
 * <p>aihwkit's device, for a weight w with bounds {@code w_min < 0 < w_max} and step
 * {@code dw_min} at w = 0:
 * <pre>
 *   up:   w ← w + dw_min·(1 − w/w_max)       down: w ← w − dw_min·(1 − w/w_min)
 * </pre>
 * so w = 0 is its symmetry point (equal steps) whatever the bounds. Mapping the window
 * [gMin, gMax] (width W) onto [w_min, w_max], {@code G = gMin + s·(w − w_min)} with
 * {@code s = W/(w_max − w_min)}, gives {@link SoftBounds} with headroom 0 and
 * <pre>
 *   α⁺ = W·dw_min/w_max,      α⁻ = W·dw_min/|w_min|
 * </pre>
 * (Kirchhoff's up step α⁺·(gMax − G)/W equals s·dw_min·(w_max − w)/w_max). Its symmetry point
 * G* = gMin + W·α⁺/(α⁺ + α⁻) = gMin + s·|w_min| is aihwkit's w = 0, where either step is
 * s·dw_min. The spreads map as:
 * <ul>
 *   <li>{@code upDown} = up_down, {@code stepDtod} = dw_min_dtod, {@code upDownDtod} =
 *       up_down_dtod (the same {@code PulsedDevice} draw, {@link PulseVariability});</li>
 *   <li>{@code boundsDtod} = s·w_max_dtod·w_max/gMax: aihwkit spreads w_max by
 *       {@code w_max_dtod·w_max} weight units, i.e. s times that in siemens, and Kirchhoff spreads
 *       gMax relatively; gMin then spreads by boundsDtod·gMin, which equals aihwkit's
 *       s·w_min_dtod·|w_min| only when that product matches (exact for gMin = 0 only if
 *       w_min_dtod = 0). Kirchhoff's spread moves each device's symmetry point (aihwkit's does
 *       not: its w = 0 is fixed);</li>
 *   <li>{@code c2cStd} = dw_min_std: Kirchhoff multiplies the state-dependent step by
 *       (1 + c2c·ξ), aihwkit's {@code mult_noise = true}; with {@code mult_noise = false} aihwkit
 *       adds dw_min_std·dw_min·ξ whatever the state, which is the same at the symmetry point and
 *       up to (w_max − w_min)/w_max (or /|w_min|) times larger near a bound;</li>
 *   <li>{@code writeNoiseStd} = write_noise_std·dw_min·s/max(α⁺, α⁻): aihwkit's write noise is
 *       in units of dw_min, Kirchhoff's in units of the nominal step max(α⁺, α⁻).</li>
 * </ul>
 *
 * @param dwMin         dw_min &gt; 0, the step at w = 0 (weight units)
 * @param upDown        up_down, mean up/down asymmetry, in [−1, 1]
 * @param wMax          w_max &gt; 0
 * @param wMin          w_min &lt; 0
 * @param dwMinDtod     dw_min_dtod ≥ 0
 * @param upDownDtod    up_down_dtod ≥ 0
 * @param wMaxDtod      w_max_dtod ≥ 0 (relative to w_max)
 * @param wMinDtod      w_min_dtod ≥ 0 (relative to |w_min|); see boundsDtod above
 * @param dwMinStd      dw_min_std ≥ 0, cycle-to-cycle σ in units of the step
 * @param writeNoiseStd write_noise_std ≥ 0, in units of dw_min
 */
public record AihwkitSoftBounds(double dwMin, double upDown, double wMax, double wMin, double dwMinDtod,
        double upDownDtod, double wMaxDtod, double wMinDtod, double dwMinStd, double writeNoiseStd) {

    /**
     * aihwkit's {@code ReRamSBPresetDevice}, "a loose fit of SoftBoundsDevice" to the RRAM of
     * Gong et al., "Signal and noise extraction from analog memory elements for neuromorphic
     * computing", Nat. Commun. 9, 2102 (2018), doi:10.1038/s41467-018-04485-1, as given in
     * aihwkit's {@code simulator/presets/devices.py}: dw_min 0.002, up_down 0, w_max 1.25,
     * w_min −0.75, dw_min_dtod 0.3, up_down_dtod 0.01, w_max_dtod 0.3/1.25, w_min_dtod 0.3/0.75,
     * dw_min_std 3.75 (additive, {@code mult_noise = false}), write_noise_std 56. aihwkit assumes
     * the symmetry point calibrated away by a reference device.
     */
    public static final AihwkitSoftBounds RERAM_SB_PRESET = new AihwkitSoftBounds(0.002, 0.0, 1.25, -0.75, 0.3, 0.01,
            0.3 / 1.25, 0.3 / 0.75, 3.75, 56);

    public AihwkitSoftBounds {
        Checks.positive("dwMin", dwMin);
        Checks.inRange("upDown", upDown, -1, 1);
        Checks.positive("wMax", wMax);
        if (!(wMin < 0 && wMin > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("wMin must be negative and finite, got " + wMin);
        }
        Checks.nonNegative("dwMinDtod", dwMinDtod);
        Checks.nonNegative("upDownDtod", upDownDtod);
        Checks.nonNegative("wMaxDtod", wMaxDtod);
        Checks.nonNegative("wMinDtod", wMinDtod);
        Checks.nonNegative("dwMinStd", dwMinStd);
        Checks.nonNegative("writeNoiseStd", writeNoiseStd);
    }

    /** s = W/(w_max − w_min), siemens per weight unit on {@code range}. */
    public double siemensPerWeight(ConductanceRange range) {
        return range.widthSiemens() / (wMax - wMin);
    }

    /**
     * The {@link SoftBounds} model on {@code range} (class comment for every equation).
     *
     * @param range the window that [w_min, w_max] maps onto
     * @throws IllegalArgumentException when dw_min is too large for the window (α ≥ W)
     */
    public SoftBounds toModel(ConductanceRange range) {
        Objects.requireNonNull(range, "range");
        double w = range.widthSiemens();
        double s = siemensPerWeight(range);
        double alphaUp = w * dwMin / wMax;
        double alphaDown = w * dwMin / -wMin;
        double boundsDtod = s * wMaxDtod * wMax / range.gMaxSiemens();
        double writeNoise = writeNoiseStd * dwMin * s / Math.max(alphaUp, alphaDown);
        PulseVariability v = new PulseVariability(upDown, boundsDtod, dwMinDtod, false, upDownDtod, 0, dwMinStd,
                writeNoise);
        return new SoftBounds(range, alphaUp, alphaDown, 0, v);
    }
}
