package dev.kirchhoff.tiling.encode;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Delta (send-on-delta) coding: each input keeps a reference value, the input at its last
 * spike; input i spikes when it has moved by at least the threshold Θ from that reference,
 * <pre>
 *   x_i[t] − ref_i ≥ Θ   →  ON spike,  output neuron i,       ref_i ← x_i[t]
 *   ref_i − x_i[t] ≥ Θ   →  OFF spike, output neuron n + i,   ref_i ← x_i[t]
 * </pre>
 * The reference starts at the input of step 0, which spikes nothing. This is the level-crossing
 * "send-on-delta" scheme (Miśkowicz, Sensors 6(1), 49–63, 2006, doi:10.3390/s6010049), the
 * ON/OFF event code of dynamic vision sensors (Lichtsteiner et al., IEEE JSSC 43(2), 2008,
 * doi:10.1109/JSSC.2007.914337) and snnTorch's {@code spikegen.delta} with the reference held
 * from the last spike rather than the last step. Deterministic: the random provider is not used.
 *
 * <p>Outputs: 2n neurons, ON spikes of input i at index i, OFF spikes at index n + i (so a
 * step's list, ON indices then OFF indices, is increasing).
 */
public final class DeltaEncoder implements SpikeEncoder {
    private final int inputs;
    private final double threshold;
    private final double[] reference;
    private boolean started;

    /**
     * @param inputs    number of inputs, ≥ 1 (2·inputs output neurons)
     * @param threshold Θ, the change that triggers a spike, positive and finite
     */
    public DeltaEncoder(int inputs, double threshold) {
        this.inputs = Checks.positive("inputs", inputs);
        this.threshold = Checks.positive("threshold", threshold);
        this.reference = new double[inputs];
    }

    @Override
    public int inputCount() {
        return inputs;
    }

    @Override
    public int outputCount() {
        return 2 * inputs;
    }

    /**
     * {@inheritDoc} Steps must be fed in order, one call per step; the first call after
     * construction or {@link #reset()} only records the references.
     *
     * @throws IllegalArgumentException if some x_i is infinite or NaN
     */
    @Override
    public int encode(double[] x, int step, UniformRandomProvider rng, int[] outIndices) {
        EncoderChecks.arguments(this, x, step, outIndices);
        for (int i = 0; i < inputs; i++) {
            if (!Double.isFinite(x[i])) {
                throw EncoderChecks.badInput(i, x[i], "finite");
            }
        }
        if (!started) {
            System.arraycopy(x, 0, reference, 0, inputs);
            started = true;
            return 0;
        }
        int count = 0;
        for (int i = 0; i < inputs; i++) {
            if (x[i] - reference[i] >= threshold) {
                outIndices[count++] = i;
            }
        }
        for (int i = 0; i < inputs; i++) {
            if (reference[i] - x[i] >= threshold) {
                outIndices[count++] = inputs + i;
            }
        }
        for (int k = 0; k < count; k++) {
            int i = outIndices[k] < inputs ? outIndices[k] : outIndices[k] - inputs;
            reference[i] = x[i];
        }
        return count;
    }

    @Override
    public void reset() {
        started = false;
    }
}
