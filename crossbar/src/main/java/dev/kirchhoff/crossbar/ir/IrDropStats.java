package dev.kirchhoff.crossbar.ir;

/**
 * What one IR-drop solve (or, for a batch, the worst vector of it) took and reached.
 *
 * @param newtonSteps        linear solves performed (Newton steps; 1 for linear devices unless a
 *                           refinement step was needed; 0 when the circuit has no unknown node)
 * @param cgIterations       conjugate-gradient iterations summed over those solves
 * @param relativeResidual   {@code ‖b − A(v)‖₂ / ‖b‖₂} of the nodal system at the solution (0 if b = 0)
 * @param kclResidual        {@code max_node |KCL residual| / Σᵢ|I_src,i|} at the solution (0 if no current flows)
 */
public record IrDropStats(int newtonSteps, int cgIterations, double relativeResidual, double kclResidual) {

    /** Nothing solved. */
    public static final IrDropStats NONE = new IrDropStats(0, 0, 0, 0);

    /** The worse of two: maximum of each field. */
    public IrDropStats worst(IrDropStats other) {
        return new IrDropStats(Math.max(newtonSteps, other.newtonSteps), Math.max(cgIterations, other.cgIterations),
                Math.max(relativeResidual, other.relativeResidual), Math.max(kclResidual, other.kclResidual));
    }
}
