package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.pulsed.PiecewiseStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import java.util.ArrayList;
import java.util.List;

/**
 * Piecewise step ({@link PiecewiseStep}; aihwkit {@code PiecewiseStepDevice}, Rasch et al., AICAS
 * 2021, doi:10.1109/AICAS51828.2021.9458494) fitted per device with {@value #NODES} nodes per
 * direction, θ = (gMin_i, gMax_i, v⁺_{i,0..4}, v⁻_{i,0..4}), the node values in siemens (step ×
 * multiplier), spaced evenly over the device's own window and interpolated linearly:
 * <pre>
 *   x = (G − gMin_i)/(gMax_i − gMin_i),  up: G ← G + v⁺_i(x),  down: G ← G − v⁻_i(x)
 * </pre>
 * Fixed: the number of nodes ({@value #NODES}, aihwkit's tables are of this order), and the split
 * between step and multipliers, which only their product sets: the nominal step Δg^± is the mean
 * node value and the nominal multipliers f^±_k = V^±_k/Δg^± (mean 1), where V^±_k is the mean over
 * devices of v^±_{i,k}.
 *
 * <p>Per-device step scale: v^±_i ≈ c_i·V^± (upScale_i multiplies every node), so the scale is the
 * weighted least-squares projection U_i = Δg⁺·Σ_k w_k V_k v_{i,k}/Σ_k w_k V_k², with w_k the
 * inverse mean squared standard error of node k (nodes a run seldom visits weigh little); U_i is
 * linear in θ, which gives its estimation variance for the spread correction. No shape spread
 * ({@code exponentDtod} is not used by this model).
 */
final class PiecewiseStepCurve extends PulseCurve {
    /** Nodes per direction. */
    static final int NODES = 5;

    @Override
    String name() {
        return PiecewiseStep.NAME;
    }

    @Override
    String[] parameterNames() {
        String[] names = new String[2 + 2 * NODES];
        names[0] = "gMinSiemens";
        names[1] = "gMaxSiemens";
        for (int k = 0; k < NODES; k++) {
            names[2 + k] = "upNode" + k + "Siemens";
            names[2 + NODES + k] = "downNode" + k + "Siemens";
        }
        return names;
    }

    /** Linear interpolation of θ[from .. from + NODES) at x (clamped to [0, 1]). */
    private static double interpolate(double[] theta, int from, double x) {
        double s = Math.min(Math.max(x, 0), 1) * (NODES - 1);
        int k = Math.min((int) s, NODES - 2);
        double t = s - k;
        return theta[from + k] + t * (theta[from + k + 1] - theta[from + k]);
    }

    @Override
    void trajectory(double[] theta, byte[] polarity, double[] out) {
        double lo = theta[0];
        double hi = theta[1];
        double inv = 1 / Math.max(hi - lo, 1e-12);
        double g = lo;
        for (int n = 0; n < polarity.length; n++) {
            double x = (g - lo) * inv;
            if (polarity[n] > 0) {
                g += interpolate(theta, 2, x);
            } else {
                g -= interpolate(theta, 2 + NODES, x);
            }
            g = Math.min(Math.max(g, lo), hi);
            out[n] = g;
        }
    }

    @Override
    List<double[]> starts(DeviceSeries s) {
        List<double[]> starts = new ArrayList<>();
        for (double ext : new double[] {0, 0.1}) {
            double lo = Math.max(s.min() - ext * s.span(), 0);
            double hi = s.max() + ext * s.span();
            for (double tilt : new double[] {0, 0.5}) {
                // Multipliers 1 + tilt·(1 − 2x) for up (shrinking towards gMax), mirrored for down.
                double up = stepScale(s, 1, lo, hi, g -> 1 + tilt * (1 - 2 * (g - lo) / (hi - lo)));
                double down = stepScale(s, -1, lo, hi, g -> 1 - tilt * (1 - 2 * (g - lo) / (hi - lo)));
                double[] t = new double[2 + 2 * NODES];
                t[0] = lo;
                t[1] = hi;
                for (int k = 0; k < NODES; k++) {
                    double x = k / (NODES - 1.0);
                    t[2 + k] = up * (1 + tilt * (1 - 2 * x));
                    t[2 + NODES + k] = down * (1 - tilt * (1 - 2 * x));
                }
                starts.add(t);
            }
        }
        return starts;
    }

    @Override
    double[] lower(DeviceSeries s) {
        double[] l = new double[2 + 2 * NODES];
        l[0] = Math.max(s.min() - 5 * s.span(), 0);
        l[1] = s.min();
        return l;
    }

    @Override
    double[] upper(DeviceSeries s) {
        double[] u = new double[2 + 2 * NODES];
        u[0] = s.max();
        u[1] = s.max() + 10 * s.span();
        for (int k = 2; k < u.length; k++) {
            u[k] = 11 * s.span();
        }
        return u;
    }

    @Override
    double[] typicalScale(DeviceSeries s) {
        double[] t = new double[2 + 2 * NODES];
        t[0] = s.span();
        t[1] = s.span();
        for (int k = 2; k < t.length; k++) {
            t[k] = 0.01 * s.span();
        }
        return t;
    }

    /** Gradient of U_i (or D_i) in θ: Δg·w_k V_k/Σ w V² on the nodes of one direction. */
    private double[] projection(Population p, int from) {
        double[] v = new double[NODES];
        double[] w = new double[NODES];
        for (int k = 0; k < NODES; k++) {
            v[k] = mean(p.column(from + k));
            double se2 = 0;
            int counted = 0;
            for (DeviceFit f : p.fits()) {
                double se2i = f.variance(unitGradient(from + k));
                if (Double.isFinite(se2i)) {
                    se2 += se2i;
                    counted++;
                }
            }
            se2 = counted > 0 ? se2 / counted : 0;
            w[k] = se2 > 0 ? 1 / se2 : 1;
        }
        double step = mean(v);
        double den = 0;
        for (int k = 0; k < NODES; k++) {
            den += w[k] * v[k] * v[k];
        }
        double[] g = new double[parameterCount()];
        for (int k = 0; k < NODES; k++) {
            g[from + k] = den > 0 ? step * w[k] * v[k] / den : 1.0 / NODES;
        }
        return g;
    }

    @Override
    Nominal nominal(Population p) {
        double[] gUp = projection(p, 2);
        double[] gDown = projection(p, 2 + NODES);
        Shared s = shared(p, gUp, gDown, "stepUpSiemens", "stepDownSiemens", true);
        List<FitParameter> params = new ArrayList<>(s.parameters());
        List<String> notes = new ArrayList<>(s.notes());
        double[] upNodes = new double[NODES];
        double[] downNodes = new double[NODES];
        double meanUp = 0;
        double meanDown = 0;
        for (int k = 0; k < NODES; k++) {
            meanUp += mean(p.column(2 + k)) / NODES;
            meanDown += mean(p.column(2 + NODES + k)) / NODES;
        }
        for (int k = 0; k < NODES; k++) {
            FitParameter up = meanParameter("upNodes[" + k + "]", "1", p.column(2 + k), 1 / meanUp);
            FitParameter down = meanParameter("downNodes[" + k + "]", "1", p.column(2 + NODES + k), 1 / meanDown);
            params.add(up);
            params.add(down);
            upNodes[k] = Math.max(up.value(), 0);
            downNodes[k] = Math.max(down.value(), 0);
        }
        notes.add("piecewise-step: " + NODES + " nodes per direction (fixed); multipliers normalised to mean 1");
        double w = s.range().widthSiemens();
        double up = Math.min(meanUp * p.unit(), w);
        double down = Math.min(meanDown * p.unit(), w);
        PulseVariability v = variability(p, s, null, Math.max(up, down), params, notes);
        return new Nominal(new PiecewiseStep(s.range(), up, down, upNodes, downNodes, v), params, notes);
    }
}
