package dev.kirchhoff.tiling.snn;

import dev.kirchhoff.device.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * An external population of independent Poisson spike sources at a common rate r (Hz), binned
 * as Brian2's {@code PoissonGroup}: in each step of length h every source spikes with
 * probability p = r·h (so r·h ≤ 1 is required, and the mean rate is exactly r).
 *
 * <p>The spiking sources of one step are found by geometric skipping (the gap between
 * successive Bernoulli(p) successes is geometric, k = ⌊ln(1 − U)/ln(1 − p)⌋; Devroye 1986,
 * <i>Non-Uniform Random Variate Generation</i>, §X.2), so a step costs O(spikes + 1) uniform
 * draws from the seeded provider, not one per source.
 */
public final class PoissonInput {
    private final Synapses synapses;
    private final UniformRandomProvider rng;
    private final int[] spikes;
    private double rateHz;

    /**
     * @param synapses from the sources (rows) to the layer
     * @param rateHz   rate r of every source (Hz), ≥ 0
     * @param rng      seeded provider of every draw; used from one thread only
     */
    public PoissonInput(Synapses synapses, double rateHz, UniformRandomProvider rng) {
        if (synapses == null || rng == null) {
            throw new IllegalArgumentException("synapses and rng must not be null");
        }
        this.synapses = synapses;
        this.rng = rng;
        this.spikes = new int[synapses.sourceCount()];
        this.rateHz = Checks.nonNegative("rateHz", rateHz);
    }

    /** Sets the rate r of every source (Hz), ≥ 0; takes effect at the next step. */
    public void setRateHz(double rateHz) {
        this.rateHz = Checks.nonNegative("rateHz", rateHz);
    }

    /** Rate r of every source (Hz). */
    public double rateHz() {
        return rateHz;
    }

    /** The synapses from the sources to the layer. */
    public Synapses synapses() {
        return synapses;
    }

    /** Number of sources. */
    public int sourceCount() {
        return spikes.length;
    }

    /**
     * Draws which sources spike in one step of length h.
     *
     * @return the number of spiking sources; their indices, ascending, are {@link #lastSpikes()}[0 … n)
     */
    int draw(double dtSeconds) {
        double p = rateHz * dtSeconds;
        if (!(p <= 1)) {
            throw new IllegalArgumentException("rateHz·dtSeconds must be at most 1, got rateHz = " + rateHz
                    + ", dtSeconds = " + dtSeconds);
        }
        int m = spikes.length;
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            for (int i = 0; i < m; i++) {
                spikes[i] = i;
            }
            return m;
        }
        double logQ = Math.log1p(-p);
        int n = 0;
        double next = -1;
        while (true) {
            double gap = Math.floor(Math.log1p(-rng.nextDouble()) / logQ);
            next += 1 + gap;
            if (next >= m) {
                return n;
            }
            spikes[n++] = (int) next;
        }
    }

    /** Indices of the sources that spiked at the last draw (a live buffer; read only its first n). */
    int[] lastSpikes() {
        return spikes;
    }
}
