package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.PowStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import java.util.ArrayList;
import java.util.List;

/**
 * Power step ({@link PowStep}; aihwkit {@code PowStepDevice}, Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494) fitted per device with
 * θ = (gMin_i, gMax_i, s⁺_i, s⁻_i, γ⁺_i, γ⁻_i), W_i = gMax_i − gMin_i:
 * <pre>
 *   up:   G ← G + s⁺_i·((gMax_i − G)/W_i)^γ⁺_i
 *   down: G ← G − s⁻_i·((G − gMin_i)/W_i)^γ⁻_i
 * </pre>
 * with s^±_i = Δg^±·upScale_i/downScale_i. Nothing is fixed. The exponents of one device share one
 * draw, γ^±_i = γ^±·|1 + exponentDtod·ξ_i|, so exponentDtod² is the corrected variance of
 * e_i = (γ⁺_i/γ̄⁺ + γ⁻_i/γ̄⁻)/2. The bounds are only seen through the curvature (the step vanishes
 * at the bound it approaches, so G never reaches it): runs that cover most of the window are
 * needed to resolve gMax_i, gMin_i and γ separately.
 */
final class PowStepCurve extends PulseCurve {
    @Override
    String name() {
        return PowStep.NAME;
    }

    @Override
    String[] parameterNames() {
        return new String[] {"gMinSiemens", "gMaxSiemens", "stepUpSiemens", "stepDownSiemens", "gammaUp", "gammaDown"};
    }

    @Override
    void trajectory(double[] theta, byte[] polarity, double[] out) {
        double lo = theta[0];
        double hi = theta[1];
        double w = Math.max(hi - lo, 1e-12);
        double sUp = theta[2];
        double sDown = theta[3];
        double gUp = theta[4];
        double gDown = theta[5];
        double g = lo;
        for (int n = 0; n < polarity.length; n++) {
            if (polarity[n] > 0) {
                g += sUp * Math.pow(Math.max(hi - g, 0) / w, gUp);
            } else {
                g -= sDown * Math.pow(Math.max(g - lo, 0) / w, gDown);
            }
            g = Math.min(Math.max(g, lo), hi);
            out[n] = g;
        }
    }

    @Override
    List<double[]> starts(DeviceSeries s) {
        List<double[]> starts = new ArrayList<>();
        for (double extLo : new double[] {0.02, 0.2}) {
            for (double extHi : new double[] {0.02, 0.3, 1.0}) {
                double lo = Math.max(s.min() - extLo * s.span(), 0);
                double hi = s.max() + extHi * s.span();
                double w = hi - lo;
                for (double gamma : new double[] {1, 2, 3}) {
                    double up = stepScale(s, 1, lo, hi, g -> Math.pow(Math.max(hi - g, 0) / w, gamma));
                    double down = stepScale(s, -1, lo, hi, g -> Math.pow(Math.max(g - lo, 0) / w, gamma));
                    starts.add(new double[] {lo, hi, up, down, gamma, gamma});
                }
            }
        }
        return starts;
    }

    @Override
    double[] lower(DeviceSeries s) {
        return new double[] {Math.max(s.min() - 5 * s.span(), 0), s.min(), 1e-6 * s.span(), 1e-6 * s.span(), 0.05, 0.05};
    }

    @Override
    double[] upper(DeviceSeries s) {
        return new double[] {s.max(), s.max() + 10 * s.span(), 11 * s.span(), 11 * s.span(), 20, 20};
    }

    @Override
    double[] typicalScale(DeviceSeries s) {
        return new double[] {s.span(), s.span(), 0.01 * s.span(), 0.01 * s.span(), 1, 1};
    }

    @Override
    Nominal nominal(Population p) {
        Shared s = shared(p, unitGradient(2), unitGradient(3), "stepUpSiemens", "stepDownSiemens", true);
        List<FitParameter> params = new ArrayList<>(s.parameters());
        List<String> notes = new ArrayList<>(s.notes());
        double[] gUp = p.column(4);
        double[] gDown = p.column(5);
        params.add(meanParameter("gammaUp", "1", gUp, 1));
        params.add(meanParameter("gammaDown", "1", gDown, 1));
        double gammaUp = mean(gUp);
        double gammaDown = mean(gDown);
        double[] gExp = new double[parameterCount()];
        gExp[4] = 0.5 / gammaUp;
        gExp[5] = 0.5 / gammaDown;
        Spread exponent = spread(p, gExp, 1);
        double w = s.range().widthSiemens();
        double up = Math.min(s.upStep(), w);
        double down = Math.min(s.downStep(), w);
        PulseVariability v = variability(p, s, exponent, Math.max(up, down), params, notes);
        return new Nominal(new PowStep(s.range(), up, down, gammaUp, gammaDown, v), params, notes);
    }
}
