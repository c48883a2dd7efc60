package dev.kirchhoff.crossbar.ir;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.iv.LinearIv;

/**
 * Settings of the IR-drop circuit solve ({@link IrDropCrossbar}). Immutable; {@code with*}
 * methods return copies.
 *
 * <p>Stopping rules, in terms of the nodal equations written out in {@link IrDropCrossbar}
 * (unknown node voltages v, KCL residual {@code ρ(v) = b − A(v)}, i.e. the current injected into
 * each unknown node that the node voltages do not account for):
 * <ul>
 *   <li>linear devices: {@code ‖ρ‖₂ ≤ linearTolerance·‖b‖₂ + floor·√n} <em>and</em>
 *       {@code max|ρ| ≤ kclTolerance·Σᵢ|I_src,i| + floor};</li>
 *   <li>nonlinear devices (Newton): {@code max|ρ| ≤ kclTolerance·Σᵢ|I_src,i| + floor};</li>
 * </ul>
 * where {@code I_src,i} is the current delivered by source i at v, n the number of unknown
 * nodes, and {@code floor = 32·ε·g_max·V_max} the resolution of a branch current computed from
 * node voltages of size {@code V_max = maxᵢ|Vᵢ|} through the largest conductance {@code g_max}
 * of the circuit (ε = 2⁻⁵²). The floor only matters for near-zero wire resistances, where a
 * KCL residual below it cannot be represented in double precision.
 *
 * @param iv                  read I–V of every device ({@link LinearIv} for ohmic cells)
 * @param linearTolerance     relative nodal residual for linear devices, in (0, 1)
 * @param kclTolerance        KCL residual relative to the total source current, in (0, 1)
 * @param maxCgIterations     cap on conjugate-gradient iterations per linear solve, ≥ 1
 * @param maxNewtonIterations cap on Newton (or, for linear devices, refinement) steps, ≥ 1
 */
public record IrDropOptions(IvCurve iv, double linearTolerance, double kclTolerance, int maxCgIterations,
        int maxNewtonIterations) {

    /** Ohmic devices, relative nodal residual 1e−10, KCL 1e−9, 20,000 CG and 50 Newton iterations. */
    public static final IrDropOptions DEFAULT = new IrDropOptions(LinearIv.INSTANCE, 1e-10, 1e-9, 20_000, 50);

    public IrDropOptions {
        if (iv == null) {
            throw new IllegalArgumentException("iv must not be null, got null");
        }
        Checks.inRange("linearTolerance", linearTolerance, Double.MIN_NORMAL, 0.5);
        Checks.inRange("kclTolerance", kclTolerance, Double.MIN_NORMAL, 0.5);
        Checks.positive("maxCgIterations", maxCgIterations);
        Checks.positive("maxNewtonIterations", maxNewtonIterations);
    }

    /** A copy with the device I–V replaced. */
    public IrDropOptions withIv(IvCurve newIv) {
        return new IrDropOptions(newIv, linearTolerance, kclTolerance, maxCgIterations, maxNewtonIterations);
    }

    /** A copy with both tolerances replaced. */
    public IrDropOptions withTolerances(double newLinearTolerance, double newKclTolerance) {
        return new IrDropOptions(iv, newLinearTolerance, newKclTolerance, maxCgIterations, maxNewtonIterations);
    }

    /** Whether the devices are ohmic (one linear solve, no Newton). */
    public boolean linear() {
        return iv instanceof LinearIv;
    }
}
