package dev.kirchhoff.crossbar.ir;

import dev.kirchhoff.device.iv.IvCurve;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Independent reference: a general resistive network with nonlinear two-terminal devices,
 * assembled as a dense nodal matrix and solved by EJML's dense LU (Newton for nonlinear
 * devices, full steps with halving on ‖ρ‖₂). Node k ≥ 0 is unknown; node {@code −1 − s} is
 * the known voltage {@code known[s]}.
 */
final class DenseCircuit {
    final int nodes;
    final double[] known;
    final List<double[]> resistors = new ArrayList<>(); // {a, b, g}
    final List<double[]> devices = new ArrayList<>(); // {a, b, G}, current a → b

    DenseCircuit(int nodes, double[] known) {
        this.nodes = nodes;
        this.known = known;
    }

    void resistor(int a, int b, double g) {
        resistors.add(new double[] {a, b, g});
    }

    void device(int a, int b, double gSiemens) {
        devices.add(new double[] {a, b, gSiemens});
    }

    double voltage(double[] v, int node) {
        return node >= 0 ? v[node] : known[-1 - node];
    }

    /** KCL residual: current injected into each unknown node not accounted for (b − A(v)). */
    double[] residual(double[] v, IvCurve iv) {
        double[] r = new double[nodes];
        for (double[] e : resistors) {
            flow(r, (int) e[0], (int) e[1], e[2] * (voltage(v, (int) e[0]) - voltage(v, (int) e[1])));
        }
        for (double[] e : devices) {
            flow(r, (int) e[0], (int) e[1], iv.currentAmperes(e[2], voltage(v, (int) e[0]) - voltage(v, (int) e[1])));
        }
        return r;
    }

    private static void flow(double[] r, int a, int b, double current) {
        if (a >= 0) {
            r[a] -= current;
        }
        if (b >= 0) {
            r[b] += current;
        }
    }

    double[] solve(IvCurve iv) {
        double[] v = new double[nodes];
        double[] r = residual(v, iv);
        for (int it = 0; it < 100; it++) {
            DMatrixRMaj jac = new DMatrixRMaj(nodes, nodes);
            for (double[] e : resistors) {
                stamp(jac, (int) e[0], (int) e[1], e[2]);
            }
            for (double[] e : devices) {
                double dv = voltage(v, (int) e[0]) - voltage(v, (int) e[1]);
                stamp(jac, (int) e[0], (int) e[1], iv.differentialConductanceSiemens(e[2], dv));
            }
            DMatrixRMaj rhs = new DMatrixRMaj(nodes, 1, true, r);
            DMatrixRMaj dx = new DMatrixRMaj(nodes, 1);
            if (!CommonOps_DDRM.solve(jac, rhs, dx)) {
                throw new IllegalStateException("singular");
            }
            double n0 = norm(r);
            double a = 1;
            double[] trial = new double[nodes];
            double[] rt;
            do {
                for (int k = 0; k < nodes; k++) {
                    trial[k] = v[k] + a * dx.get(k);
                }
                rt = residual(trial, iv);
                a *= 0.5;
            } while (norm(rt) > n0 && a > 1e-6);
            v = trial;
            r = rt;
            if (norm(r) == 0 || norm(dx.data) <= 1e-15 * (1 + norm(v))) {
                break;
            }
        }
        return v;
    }

    private static void stamp(DMatrixRMaj a, int p, int q, double g) {
        if (p >= 0) {
            a.add(p, p, g);
        }
        if (q >= 0) {
            a.add(q, q, g);
        }
        if (p >= 0 && q >= 0) {
            a.add(p, q, -g);
            a.add(q, p, -g);
        }
    }

    static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
