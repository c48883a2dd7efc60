package dev.kirchhoff.training.snn;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.tiling.encode.BernoulliRateEncoder;
import dev.kirchhoff.tiling.encode.PoissonRateEncoder;
import dev.kirchhoff.tiling.encode.SpikeEncoder;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How an input vector x ∈ [0, 1]^M (an image, pixel/255) enters the first layer of a converted
 * network in every time step.
 *
 * <ul>
 *   <li>{@link #constantCurrent()}: the analog input of Rueckauer et al. 2017
 *       (doi:10.3389/fnins.2017.00682, their default and the most accurate): every step the first
 *       layer's neurons receive the current {@code W⁰·x}, the ANN's first pre-activation, so no
 *       sampling noise enters.</li>
 *   <li>{@link #bernoulli(double)} and {@link #poisson(double, double)}: rate-coded spikes from the
 *       existing encoders ({@link BernoulliRateEncoder}, {@link PoissonRateEncoder}). Input i spikes
 *       in a step with probability p(x_i), and each spike carries the weight
 *       {@code g = 1/p(1)} (folded into W⁰), so that a white pixel delivers on average exactly the
 *       current of the constant-current coding:
 *       <pre>
 *         Bernoulli, gain γ:            p(x) = γ·x,               g = 1/γ          (E[g·s] = x exactly)
 *         Poisson, rate r_max, step Δt: p(x) = 1 − e^(−r_max·x·Δt), g = 1/(1 − e^(−r_max·Δt))
 *       </pre>
 *       For Poisson coding E[g·s] = p(x)/p(1) ≥ x (equal at 0 and 1): the grid-observed Poisson
 *       process saturates, a concave distortion of the mid-grey pixels that the Bernoulli code
 *       does not have. These are the codings the chip can run, its inputs being spikes.</li>
 * </ul>
 * Immutable; the encoders it makes are new objects, one per simulation thread.
 */
public final class InputCoding {
    private final IntFunction<SpikeEncoder> encoders;
    private final double spikeWeight;
    private final String description;

    private InputCoding(IntFunction<SpikeEncoder> encoders, double spikeWeight, String description) {
        this.encoders = encoders;
        this.spikeWeight = spikeWeight;
        this.description = description;
    }

    /** The analog input: the current W⁰·x every step (not available on the chip, whose inputs are spikes). */
    public static InputCoding constantCurrent() {
        return new InputCoding(null, 1, "constant current");
    }

    /**
     * Bernoulli rate coding (snnTorch's {@code spikegen.rate}): spike probability γ·x_i per step,
     * spike weight 1/γ.
     *
     * @param gain γ ∈ (0, 1], the spike probability of a white pixel
     */
    public static InputCoding bernoulli(double gain) {
        if (!(gain > 0 && gain <= 1)) {
            throw new IllegalArgumentException("gain must be in (0, 1], got " + gain);
        }
        return new InputCoding(n -> new BernoulliRateEncoder(n, gain), 1 / gain,
                String.format(Locale.ROOT, "Bernoulli (gain %s)", gain));
    }

    /**
     * Poisson rate coding on a grid of steps: spike probability {@code 1 − e^(−r_max·x_i·Δt)} per
     * step, spike weight {@code 1/(1 − e^(−r_max·Δt))}.
     *
     * @param maxRateHertz r_max, the rate of a white pixel (Hz), positive and finite
     * @param dtSeconds    Δt, the step (s), positive and finite
     */
    public static InputCoding poisson(double maxRateHertz, double dtSeconds) {
        Checks.positive("maxRateHertz", maxRateHertz);
        Checks.positive("dtSeconds", dtSeconds);
        double pWhite = -Math.expm1(-maxRateHertz * dtSeconds);
        return new InputCoding(n -> new PoissonRateEncoder(n, maxRateHertz, dtSeconds), 1 / pWhite,
                String.format(Locale.ROOT, "Poisson (%s Hz, dt %s s)", maxRateHertz, dtSeconds));
    }

    /** True for the spike codings, false for the constant current. */
    public boolean spiking() {
        return encoders != null;
    }

    /** g, the weight of one input spike (1 for the constant current). */
    public double spikeWeight() {
        return spikeWeight;
    }

    /** A new encoder of {@code inputs} inputs (spike codings only). */
    SpikeEncoder encoder(int inputs) {
        if (encoders == null) {
            throw new IllegalStateException("the constant-current coding has no spike encoder");
        }
        return encoders.apply(inputs);
    }

    @Override
    public String toString() {
        return description;
    }
}
