package dev.kirchhoff.tiling.encode;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Rate coding by Bernoulli trials: in every step, input neuron i spikes independently with
 * probability {@code p_i = gain·x_i}, so over T steps its count is Binomial(T, p_i) and its rate
 * is {@code p_i/Δt}. This is snnTorch's {@code spikegen.rate} (Eshraghian et al., "Training
 * spiking neural networks using lessons from deep learning", Proc. IEEE 111(9), 2023,
 * doi:10.1109/JPROC.2023.3308088).
 *
 * <p>One uniform draw per input with {@code p_i > 0} per step ({@code u < p_i} spikes); inputs
 * with {@code p_i = 0} draw nothing.
 */
public final class BernoulliRateEncoder implements SpikeEncoder {
    private final int inputs;
    private final double gain;

    /**
     * @param inputs number of inputs (= output neurons), ≥ 1
     * @param gain   spike probability per step at x = 1, in (0, 1]
     */
    public BernoulliRateEncoder(int inputs, double gain) {
        this.inputs = Checks.positive("inputs", inputs);
        if (!(gain > 0 && gain <= 1)) {
            throw new IllegalArgumentException("gain must be in (0, 1], got " + gain);
        }
        this.gain = gain;
    }

    /** The spike probability per step at x = 1. */
    public double gain() {
        return gain;
    }

    @Override
    public int inputCount() {
        return inputs;
    }

    @Override
    public int outputCount() {
        return inputs;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if some x_i is outside [0, 1] or NaN
     */
    @Override
    public int encode(double[] x, int step, UniformRandomProvider rng, int[] outIndices) {
        EncoderChecks.arguments(this, x, step, outIndices);
        int count = 0;
        for (int i = 0; i < inputs; i++) {
            double xi = x[i];
            if (!(xi >= 0 && xi <= 1)) {
                throw EncoderChecks.badInput(i, xi, "in [0, 1]");
            }
            double p = gain * xi;
            if (p > 0 && rng.nextDouble() < p) {
                outIndices[count++] = i;
            }
        }
        return count;
    }

    @Override
    public void reset() {
        // stateless
    }
}
