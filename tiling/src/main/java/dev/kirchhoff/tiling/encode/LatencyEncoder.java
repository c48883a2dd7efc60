package dev.kirchhoff.tiling.encode;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Latency (time-to-first-spike) coding: input x is the constant current of an RC membrane
 * {@code τ·dv/dt = −v + x} that starts at v = 0 and spikes once when v reaches θ. Since
 * {@code v(t) = x·(1 − e^(−t/τ))}, the one spike comes at
 * <pre>
 *   t(x) = τ·ln(x / (x − θ))   for x &gt; θ,   no spike for x ≤ θ,
 * </pre>
 * so stronger inputs spike earlier. This is snnTorch's {@code spikegen.latency} (Eshraghian et
 * al., Proc. IEEE 111(9), 2023, doi:10.1109/JPROC.2023.3308088), the time-to-first-spike code of
 * Thorpe et al. (Neural Netw. 14, 2001, doi:10.1016/S0893-6080(01)00083-1).
 *
 * <p>On a grid of steps Δt the spike falls in step {@code ⌊t/Δt⌋}. Deterministic: the random
 * provider is not used.
 */
public final class LatencyEncoder implements SpikeEncoder {
    private final int inputs;
    private final double tauSeconds;
    private final double threshold;
    private final double dtSeconds;

    /**
     * @param inputs     number of inputs (= output neurons), ≥ 1
     * @param tauSeconds membrane time constant τ (s), positive and finite
     * @param threshold  θ, in the units of x, positive and finite
     * @param dtSeconds  step length (s), positive and finite
     */
    public LatencyEncoder(int inputs, double tauSeconds, double threshold, double dtSeconds) {
        this.inputs = Checks.positive("inputs", inputs);
        this.tauSeconds = Checks.positive("tauSeconds", tauSeconds);
        this.threshold = Checks.positive("threshold", threshold);
        this.dtSeconds = Checks.positive("dtSeconds", dtSeconds);
    }

    /**
     * Time of the one spike for input x (s): {@code τ·ln(x/(x − θ))} for x &gt; θ, else +∞.
     *
     * @param x the input, finite
     */
    public double firstSpikeTimeSeconds(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, got " + x);
        }
        if (!(x > threshold)) {
            return Double.POSITIVE_INFINITY;
        }
        // ln(x/(x−θ)) = −ln(1 − θ/x), written with log1p for accuracy when x ≫ θ.
        return -tauSeconds * Math.log1p(-threshold / x);
    }

    /**
     * Step of the one spike, {@code ⌊t(x)/Δt⌋}, or −1 when the input never spikes (x ≤ θ) or
     * the spike lies beyond {@code Integer.MAX_VALUE} steps.
     */
    public int spikeStep(double x) {
        double t = firstSpikeTimeSeconds(x);
        double k = Math.floor(t / dtSeconds);
        return k < Integer.MAX_VALUE ? (int) k : -1;
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
     * {@inheritDoc} Neuron i is in the list of step {@link #spikeStep spikeStep(x_i)} only.
     *
     * @throws IllegalArgumentException if some x_i is infinite or NaN
     */
    @Override
    public int encode(double[] x, int step, UniformRandomProvider rng, int[] outIndices) {
        EncoderChecks.arguments(this, x, step, outIndices);
        int count = 0;
        for (int i = 0; i < inputs; i++) {
            double xi = x[i];
            if (!Double.isFinite(xi)) {
                throw EncoderChecks.badInput(i, xi, "finite");
            }
            if (xi > threshold && spikeStep(xi) == step) {
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
