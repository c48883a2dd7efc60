package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Piecewise-step device: the step size is a measured curve, given as multipliers on nodes spaced
 * evenly over each device's own window and interpolated linearly between them (aihwkit
 * {@code PiecewiseStepDevice}, Rasch et al., AICAS 2021, doi:10.1109/AICAS51828.2021.9458494).
 *
 * <p>With n nodes v_0 … v_{n−1} (v_0 at gMin_i, v_{n−1} at gMax_i), the position
 * {@code s = (G − gMin_i)/(gMax_i − gMin_i)·(n − 1)}, the segment {@code k = min(⌊s⌋, n − 2)} and
 * {@code t = s − k}, the multiplier is {@code f(G) = v_k + t·(v_{k+1} − v_k)}, and per pulse
 * <pre>
 *   up:   G ← G + Δg⁺·upScale_i  ·f⁺(G)·(1 + c2c·ξ)
 *   down: G ← G − Δg⁻·downScale_i·f⁻(G)·(1 + c2c·ξ)
 * </pre>
 * then clipped to [gMin_i, gMax_i]. This is aihwkit's form with {@code w = G − gMin}
 * ({@code b_min = 0}, {@code b_max = W}; only the relative position in the window matters) and
 * {@code dw_min = Δg}; a table of one node is a constant step. Unlike aihwkit, the up and down
 * tables may have different lengths.
 *
 * @param range           nominal window
 * @param stepUpSiemens   Δg⁺, the potentiation step for a multiplier of 1 (S), 0 &lt; Δg⁺ ≤ W
 * @param stepDownSiemens Δg⁻, the depression step for a multiplier of 1 (S), 0 &lt; Δg⁻ ≤ W
 * @param upNodes         f⁺ at the nodes: at least one, each finite and ≥ 0, at least one &gt; 0 (copied)
 * @param downNodes       f⁻ at the nodes: same rules (copied)
 * @param variability     asymmetry and spreads ({@code exponentDtod} is not used)
 */
public record PiecewiseStep(ConductanceRange range, double stepUpSiemens, double stepDownSiemens, double[] upNodes,
        double[] downNodes, PulseVariability variability) implements PulsedDeviceModel {

    public static final String NAME = "piecewise-step";

    public PiecewiseStep {
        PulsedParameters.requireStepsWithinWindow(range, stepUpSiemens, stepDownSiemens);
        upNodes = checkedCopy("upNodes", upNodes);
        downNodes = checkedCopy("downNodes", downNodes);
    }

    private static double[] checkedCopy(String name, double[] nodes) {
        if (nodes == null || nodes.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one node, got "
                    + (nodes == null ? "null" : "none"));
        }
        double[] copy = nodes.clone();
        boolean anyPositive = false;
        for (int k = 0; k < copy.length; k++) {
            Checks.nonNegative(name + "[" + k + "]", copy[k]);
            anyPositive |= copy[k] > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException(name + " must have a positive node, got " + Arrays.toString(copy));
        }
        return copy;
    }

    /** One step size for both directions. */
    public static PiecewiseStep of(ConductanceRange range, double stepSiemens, double[] upNodes, double[] downNodes,
            PulseVariability variability) {
        return new PiecewiseStep(range, stepSiemens, stepSiemens, upNodes, downNodes, variability);
    }

    /**
     * aihwkit's {@code PiecewiseStepDevice} defaults: one node of 1 in each direction (a constant
     * step), Δg = W/1200 ({@link ConstantStep#AIHWKIT_RELATIVE_STEP}),
     * {@link PulseVariability#AIHWKIT_DEFAULT}. Supply a measured table with {@link #of}.
     */
    public static PiecewiseStep defaults(ConductanceRange range) {
        return of(range, ConstantStep.AIHWKIT_RELATIVE_STEP * range.widthSiemens(), new double[] {1},
                new double[] {1}, PulseVariability.AIHWKIT_DEFAULT);
    }

    @Override
    public PiecewiseStep withVariability(PulseVariability v) {
        return new PiecewiseStep(range, stepUpSiemens, stepDownSiemens, upNodes, downNodes, v);
    }

    /** The up multipliers (a copy). */
    @Override
    public double[] upNodes() {
        return upNodes.clone();
    }

    /** The down multipliers (a copy). */
    @Override
    public double[] downNodes() {
        return downNodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseStep p && range.equals(p.range)
                && Double.compare(stepUpSiemens, p.stepUpSiemens) == 0
                && Double.compare(stepDownSiemens, p.stepDownSiemens) == 0
                && Arrays.equals(upNodes, p.upNodes) && Arrays.equals(downNodes, p.downNodes)
                && variability.equals(p.variability);
    }

    @Override
    public int hashCode() {
        int h = range.hashCode();
        h = 31 * h + Double.hashCode(stepUpSiemens);
        h = 31 * h + Double.hashCode(stepDownSiemens);
        h = 31 * h + Arrays.hashCode(upNodes);
        h = 31 * h + Arrays.hashCode(downNodes);
        return 31 * h + variability.hashCode();
    }

    @Override
    public String toString() {
        return "PiecewiseStep[range=" + range + ", stepUpSiemens=" + stepUpSiemens + ", stepDownSiemens="
                + stepDownSiemens + ", upNodes=" + Arrays.toString(upNodes) + ", downNodes="
                + Arrays.toString(downNodes) + ", variability=" + variability + "]";
    }

    @Override
    public double nominalStepSiemens() {
        return Math.max(stepUpSiemens(), stepDownSiemens());
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public PulsedDeviceArray create(int deviceCount, UniformRandomProvider rng) {
        return new Array(this, deviceCount, rng);
    }

    /** Piecewise-step devices: no per-device state beyond the shared arrays (40 bytes per device). */
    static final class Array extends PulsedDeviceArray {
        private final double stepUp;
        private final double stepDown;
        /** Up multipliers, at least two (a single node is stored twice). */
        private final double[] up;
        /** Down multipliers, at least two. */
        private final double[] down;
        private final double c2c;

        Array(PiecewiseStep m, int n, UniformRandomProvider rng) {
            super(m, n, rng);
            stepUp = m.stepUpSiemens();
            stepDown = m.stepDownSiemens();
            up = atLeastTwo(m.upNodes);
            down = atLeastTwo(m.downNodes);
            c2c = m.variability().c2cStd();
        }

        private static double[] atLeastTwo(double[] nodes) {
            return nodes.length >= 2 ? nodes.clone() : new double[] {nodes[0], nodes[0]};
        }

        /** Linear interpolation of {@code nodes} at relative position {@code x ∈ [0, 1]} (clamped). */
        static double interpolate(double[] nodes, double x) {
            int sections = nodes.length - 1;
            double s = Math.min(Math.max(x, 0), 1) * sections;
            int k = Math.min((int) s, sections - 1);
            double t = s - k;
            return nodes[k] + t * (nodes[k + 1] - nodes[k]);
        }

        @Override
        protected double next(int i, double g, int polarity, double xi) {
            double lo = gMinSiemens[i];
            double x = (g - lo) / (gMaxSiemens[i] - lo);
            double noise = 1 + c2c * xi;
            if (polarity > 0) {
                return g + stepUp * upScale[i] * interpolate(up, x) * noise;
            }
            return g - stepDown * downScale[i] * interpolate(down, x) * noise;
        }
    }
}
