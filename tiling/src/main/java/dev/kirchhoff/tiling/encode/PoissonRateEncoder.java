package dev.kirchhoff.tiling.encode;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Rate coding by a Poisson process: input neuron i fires as a homogeneous Poisson process of
 * rate {@code r_i = maxRateHertz·x_i}, observed on a grid of steps Δt; a step holds a spike when
 * the process has at least one event in it, which happens with probability
 * <pre>
 *   p_i = 1 − e^(−r_i·Δt)
 * </pre>
 * (for r·Δt ≪ 1 this is r·Δt, the usual approximation; the exact form never exceeds 1). The
 * input coding of Diehl &amp; Cook, "Unsupervised learning of digit recognition using
 * spike-timing-dependent plasticity", Front. Comput. Neurosci. 9:99, 2015,
 * doi:10.3389/fncom.2015.00099 (rate = pixel/4 Hz, i.e. maxRateHertz = 63.75 for x = pixel/255).
 *
 * <p>One uniform draw per input with {@code r_i > 0} per step; inputs at rate 0 draw nothing.
 */
public final class PoissonRateEncoder implements SpikeEncoder {
    /** Diehl &amp; Cook's maximum input rate, 255/4 Hz. */
    public static final double DIEHL_COOK_MAX_RATE_HERTZ = 63.75;

    private final int inputs;
    private final double maxRateHertz;
    private final double dtSeconds;

    /**
     * @param inputs       number of inputs (= output neurons), ≥ 1
     * @param maxRateHertz rate at x = 1 (Hz), positive and finite
     * @param dtSeconds    step length (s), positive and finite
     */
    public PoissonRateEncoder(int inputs, double maxRateHertz, double dtSeconds) {
        this.inputs = Checks.positive("inputs", inputs);
        this.maxRateHertz = Checks.positive("maxRateHertz", maxRateHertz);
        this.dtSeconds = Checks.positive("dtSeconds", dtSeconds);
    }

    /** Rate at x = 1 (Hz). */
    public double maxRateHertz() {
        return maxRateHertz;
    }

    /** Step length (s). */
    public double dtSeconds() {
        return dtSeconds;
    }

    /** Probability of a spike in one step at input x: {@code 1 − e^(−maxRateHertz·x·Δt)}. */
    public double spikeProbability(double x) {
        return -Math.expm1(-maxRateHertz * x * dtSeconds);
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
     * @throws IllegalArgumentException if some x_i is negative, infinite or NaN
     */
    @Override
    public int encode(double[] x, int step, UniformRandomProvider rng, int[] outIndices) {
        EncoderChecks.arguments(this, x, step, outIndices);
        final double scale = -maxRateHertz * dtSeconds;
        int count = 0;
        for (int i = 0; i < inputs; i++) {
            double xi = x[i];
            if (!(xi >= 0 && xi < Double.POSITIVE_INFINITY)) {
                throw EncoderChecks.badInput(i, xi, "non-negative and finite");
            }
            if (xi > 0 && rng.nextDouble() < -Math.expm1(scale * xi)) {
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
