package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.SoftBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Soft bounds ({@link SoftBounds}; aihwkit {@code SoftBoundsDevice}, Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494) fitted per device with
 * θ = (gMin_i, gMax_i, a⁺_i, a⁻_i), W_i = gMax_i − gMin_i:
 * <pre>
 *   up:   G ← G + a⁺_i·(gMax_i − G)/W_i
 *   down: G ← G − a⁻_i·(G − gMin_i)/W_i
 * </pre>
 * with a⁺_i = α⁺·upScale_i and a⁻_i = α⁻·downScale_i. Fixed: the headroom h = 0 (the classic model
 * and aihwkit's; with h &gt; 0 the saturation levels lie outside [gMin, gMax] and are set apart from
 * the window only by clipping, which a run that does not reach the bounds never shows).
 *
 * <p>Starting guess: the noise-free increments are affine in the state, Δ⁺ = (a⁺/W)(gMax − G) and
 * Δ⁻ = −(a⁻/W)(G − gMin), so a straight-line fit of the observed increments on the previous read
 * gives gMax, gMin and a^±/W directly; a few wider windows are tried beside it.
 */
final class SoftBoundsCurve extends PulseCurve {
    @Override
    String name() {
        return SoftBounds.NAME;
    }

    @Override
    String[] parameterNames() {
        return new String[] {"gMinSiemens", "gMaxSiemens", "alphaUpSiemens", "alphaDownSiemens"};
    }

    @Override
    void trajectory(double[] theta, byte[] polarity, double[] out) {
        double lo = theta[0];
        double hi = theta[1];
        double w = Math.max(hi - lo, 1e-12);
        double up = theta[2] / w;
        double down = theta[3] / w;
        double g = lo;
        for (int n = 0; n < polarity.length; n++) {
            g = polarity[n] > 0 ? g + up * (hi - g) : g - down * (g - lo);
            g = Math.min(Math.max(g, lo), hi);
            out[n] = g;
        }
    }

    @Override
    List<double[]> starts(DeviceSeries s) {
        List<double[]> starts = new ArrayList<>();
        double[] upLine = line(s, 1);
        double[] downLine = line(s, -1);
        // Δ⁺ = c0 + c1·G with c1 = −a⁺/W, c0 = a⁺·gMax/W; Δ⁻ = c0′ + c1′·G with c1′ = −a⁻/W, c0′ = a⁻·gMin/W.
        if (upLine[1] < 0 && downLine[1] < 0) {
            double hi = -upLine[0] / upLine[1];
            double lo = -downLine[0] / downLine[1];
            if (hi > lo) {
                double w = hi - lo;
                starts.add(new double[] {lo, hi, Math.min(-upLine[1] * w, 0.9 * w), Math.min(-downLine[1] * w, 0.9 * w)});
            }
        }
        for (double ext : new double[] {0.05, 0.3, 1.0}) {
            double lo = Math.max(s.min() - ext * s.span(), 0);
            double hi = s.max() + ext * s.span();
            starts.add(new double[] {lo, hi, stepScale(s, 1, lo, hi, g -> (hi - g) / (hi - lo)),
                stepScale(s, -1, lo, hi, g -> (g - lo) / (hi - lo))});
        }
        return starts;
    }

    /** Least-squares line of the increments of one polarity on the previous read: {c0, c1}. */
    private static double[] line(DeviceSeries s, int polarity) {
        double[] y = s.y();
        byte[] pol = s.polarity();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 1; i < y.length; i++) {
            if (pol[i] != polarity) {
                continue;
            }
            double x = y[i - 1];
            double d = y[i] - y[i - 1];
            sx += x;
            sy += d;
            sxx += x * x;
            sxy += x * d;
            n++;
        }
        double den = n * sxx - sx * sx;
        if (n < 3 || !(den > 0)) {
            return new double[] {0, 0};
        }
        double c1 = (n * sxy - sx * sy) / den;
        return new double[] {(sy - c1 * sx) / n, c1};
    }

    @Override
    double[] lower(DeviceSeries s) {
        return new double[] {Math.max(s.min() - 5 * s.span(), 0), s.min(), 1e-6 * s.span(), 1e-6 * s.span()};
    }

    @Override
    double[] upper(DeviceSeries s) {
        return new double[] {s.max(), s.max() + 10 * s.span(), 11 * s.span(), 11 * s.span()};
    }

    @Override
    double[] typicalScale(DeviceSeries s) {
        return new double[] {s.span(), s.span(), 0.01 * s.span(), 0.01 * s.span()};
    }

    @Override
    Nominal nominal(Population p) {
        Shared s = shared(p, unitGradient(2), unitGradient(3), "alphaUpSiemens", "alphaDownSiemens", true);
        List<FitParameter> params = new ArrayList<>(s.parameters());
        List<String> notes = new ArrayList<>(s.notes());
        params.add(FitParameter.point("headroom", "1", 0));
        notes.add("headroom fixed at 0 (classic soft bounds): not separable from the window without clipping");
        double span = s.range().widthSiemens();
        double up = Math.min(s.upStep(), 0.999 * span);
        double down = Math.min(s.downStep(), 0.999 * span);
        PulseVariability v = variability(p, s, null, Math.max(up, down), params, notes);
        return new Nominal(new SoftBounds(s.range(), up, down, 0, v), params, notes);
    }
}
