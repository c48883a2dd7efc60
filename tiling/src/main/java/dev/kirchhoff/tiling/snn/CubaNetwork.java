package dev.kirchhoff.tiling.snn;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The CUBA benchmark network of Vogels &amp; Abbott 2005 (doi:10.1523/JNEUROSCI.3508-05.2005), as
 * in Brian2's {@code CUBA.py} example and benchmark 2 of Brette et al. 2007
 * (doi:10.1007/s10827-007-0038-6):
 *
 * <pre>
 *   N neurons, the first 80 % excitatory, the rest inhibitory
 *   τ_m = 20 ms, τ_e = 5 ms, τ_i = 10 ms, V_t = −50 mV, V_r = −60 mV, E_l = −49 mV, t_ref = 5 ms
 *   τ_m dv/dt = E_l − v + g_e + g_i,  τ_e dg_e/dt = −g_e,  τ_i dg_i/dt = −g_i
 *   a spike adds w_e = 1.62 mV (= 60·0.27/10 mV) or w_i = −9 mV (= −20·4.5/10 mV) to g of each target
 *   each ordered pair i ≠ j connected with probability p; dt = 0.1 ms; v(0) uniform in [V_r, V_t]
 * </pre>
 *
 * <p>Connection probability: p = 80/N (0.02 at N = 4000, capped at 1), so the mean in-degree
 * stays 80 — 64 excitatory and 16 inhibitory inputs — whatever N. The dynamics of a neuron depend
 * on its input, in-degree × weight, so keeping the in-degree keeps the firing rate of the
 * published network (about 5 Hz) at other sizes and makes the synaptic work scale as N; keeping
 * p = 0.02 instead would change the balance and the rate with N. Self-connections are excluded
 * (Brian2's {@code connect(p=0.02)} allows them; at in-degree 80 the difference is one synapse in
 * 4000). Measured with this code: 5.4–5.8 Hz at N = 4000 over 1 s for seeds 1–3.
 * Pairs are drawn by geometric skipping along each presynaptic row, O(synapses) draws.
 */
public final class CubaNetwork {
    /** Neurons of the published network. */
    public static final int DEFAULT_NEURONS = 4000;
    /** Mean in-degree kept at every N: 0.02 × 4000. */
    public static final double MEAN_IN_DEGREE = 80;
    /** Integration step (s). */
    public static final double DT_SECONDS = 1e-4;
    /** Excitatory weight w_e (V). */
    public static final double W_EXCITATORY_VOLTS = 60 * 0.27 / 10 * 1e-3;
    /** Inhibitory weight w_i (V). */
    public static final double W_INHIBITORY_VOLTS = -20 * 4.5 / 10 * 1e-3;
    /** Reset potential V_r (V). */
    public static final double RESET_VOLTS = -60e-3;
    /** Threshold V_t (V). */
    public static final double THRESHOLD_VOLTS = -50e-3;

    private CubaNetwork() {
    }

    /** The CUBA neuron: τ_m 20 ms, E_l −49 mV, V_t −50 mV, V_r −60 mV, t_ref 5 ms, τ_e 5 ms, τ_i 10 ms. */
    public static LifParameters neuron() {
        return LifParameters.lif(20e-3, -49e-3, THRESHOLD_VOLTS, RESET_VOLTS)
                .withRefractorySeconds(5e-3)
                .withSynapticTaus(5e-3, 10e-3);
    }

    /** Connection probability at N neurons: min(1, 80/N). */
    public static double connectionProbability(int neurons) {
        Checks.positive("neurons", neurons);
        return Math.min(1, MEAN_IN_DEGREE / neurons);
    }

    /** Number of excitatory neurons at N: round(0.8·N); they are neurons [0, that). */
    public static int excitatoryCount(int neurons) {
        return (int) Math.round(0.8 * neurons);
    }

    /**
     * Builds the network with its initial state: first the N initial potentials (one uniform draw
     * each, in order), then the synapses row by row.
     *
     * @param neurons N ≥ 2
     * @param rng     seeded provider of every draw
     */
    public static SpikingNetwork create(int neurons, UniformRandomProvider rng) {
        if (neurons < 2) {
            throw new IllegalArgumentException("neurons must be at least 2, got " + neurons);
        }
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        LifLayer layer = new LifLayer(neuron(), neurons, DT_SECONDS);
        double[] v = layer.membraneVolts();
        for (int i = 0; i < neurons; i++) {
            v[i] = RESET_VOLTS + rng.nextDouble() * (THRESHOLD_VOLTS - RESET_VOLTS);
        }
        return new SpikingNetwork(layer, synapses(neurons, rng), null);
    }

    /** The random CUBA synapses (see the class comment); rows in order, each row's targets ascending. */
    public static Synapses synapses(int neurons, UniformRandomProvider rng) {
        double p = connectionProbability(neurons);
        int nE = excitatoryCount(neurons);
        int[] rowStart = new int[neurons + 1];
        int[] target = new int[(int) Math.min(Integer.MAX_VALUE - 8, (long) (neurons * MEAN_IN_DEGREE * 1.1) + 16)];
        float[] weight = new float[target.length];
        boolean[] inhibitory = new boolean[neurons];
        double logQ = Math.log1p(-p);
        int e = 0;
        int candidates = neurons - 1;
        for (int i = 0; i < neurons; i++) {
            boolean inh = i >= nE;
            inhibitory[i] = inh;
            float w = (float) (inh ? W_INHIBITORY_VOLTS : W_EXCITATORY_VOLTS);
            double next = -1;
            while (true) {
                double gap = p >= 1 ? 0 : Math.floor(Math.log1p(-rng.nextDouble()) / logQ);
                next += 1 + gap;
                if (next >= candidates) {
                    break;
                }
                int c = (int) next;
                if (e == target.length) {
                    int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * target.length);
                    if (grown == target.length) {
                        throw new IllegalArgumentException("neurons = " + neurons + " gives too many synapses");
                    }
                    target = Arrays.copyOf(target, grown);
                    weight = Arrays.copyOf(weight, grown);
                }
                target[e] = c < i ? c : c + 1;
                weight[e] = w;
                e++;
            }
            rowStart[i + 1] = e;
        }
        return new Synapses(neurons, rowStart, Arrays.copyOf(target, e), Arrays.copyOf(weight, e), inhibitory);
    }
}
