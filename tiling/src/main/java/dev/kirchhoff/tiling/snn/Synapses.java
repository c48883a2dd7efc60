package dev.kirchhoff.tiling.snn;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;

/**
 * Synapses from a presynaptic population to a {@link LifLayer} in compressed sparse rows (CSR),
 * one row per presynaptic neuron: its targets are {@code target[rowStart[i] … rowStart[i+1])}
 * with weights (V, added to the target's synaptic current per spike) at the same positions. Every
 * synapse of presynaptic neuron i adds to the inhibitory current I_i of its target when
 * {@code inhibitory[i]}, else to the excitatory current I_e (Dale's law, as in the CUBA network).
 * Row order lets a spike's work be proportional to its fan-out. Immutable after construction
 * (the arrays are copied).
 */
public final class Synapses {
    private final int sourceCount;
    private final int targetCount;
    private final int[] rowStart;
    private final int[] target;
    private final float[] weightVolts;
    private final boolean[] inhibitory;

    /**
     * @param targetCount size of the target layer
     * @param rowStart    length sourceCount + 1, rowStart[0] = 0, non-decreasing, last = synapse count
     * @param target      target neuron of each synapse, in [0, targetCount)
     * @param weightVolts weight of each synapse (V), finite
     * @param inhibitory  per presynaptic neuron: true if its synapses drive I_i
     */
    public Synapses(int targetCount, int[] rowStart, int[] target, float[] weightVolts, boolean[] inhibitory) {
        Checks.positive("targetCount", targetCount);
        if (rowStart == null || rowStart.length < 2 || rowStart[0] != 0) {
            throw new IllegalArgumentException("rowStart must have at least 2 entries starting at 0");
        }
        int sources = rowStart.length - 1;
        for (int i = 0; i < sources; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("rowStart must be non-decreasing, got rowStart[" + (i + 1) + "] = "
                        + rowStart[i + 1] + " < " + rowStart[i]);
            }
        }
        int edges = rowStart[sources];
        if (target == null || target.length != edges) {
            throw new IllegalArgumentException("target must have rowStart[last] = " + edges + " entries, got "
                    + (target == null ? null : target.length));
        }
        if (weightVolts == null || weightVolts.length != edges) {
            throw new IllegalArgumentException("weightVolts must have " + edges + " entries, got "
                    + (weightVolts == null ? null : weightVolts.length));
        }
        if (inhibitory == null || inhibitory.length != sources) {
            throw new IllegalArgumentException("inhibitory must have " + sources + " entries, got "
                    + (inhibitory == null ? null : inhibitory.length));
        }
        for (int s = 0; s < edges; s++) {
            if (target[s] < 0 || target[s] >= targetCount) {
                throw new IllegalArgumentException("target[" + s + "] must be in [0, " + targetCount + "), got " + target[s]);
            }
            if (!Float.isFinite(weightVolts[s])) {
                throw new IllegalArgumentException("weightVolts[" + s + "] must be finite, got " + weightVolts[s]);
            }
        }
        this.sourceCount = sources;
        this.targetCount = targetCount;
        this.rowStart = rowStart.clone();
        this.target = target.clone();
        this.weightVolts = weightVolts.clone();
        this.inhibitory = inhibitory.clone();
    }

    /**
     * Adds the synaptic input of the given spikes to the target currents, spike by spike in the
     * given order (so the floating-point sums are the same on every run).
     *
     * @param spikes    presynaptic indices; only the first {@code count} are read. Not modified.
     * @param excitatory Modified: I_e of the targets (V)
     * @param inhibitoryOut Modified: I_i of the targets (V)
     * @return the number of synaptic events, Σ out-degree over the spikes
     */
    public long deliver(int[] spikes, int count, double[] excitatory, double[] inhibitoryOut) {
        final int[] rs = rowStart;
        final int[] tg = target;
        final float[] w = weightVolts;
        long events = 0;
        for (int k = 0; k < count; k++) {
            int i = spikes[k];
            int s0 = rs[i];
            int s1 = rs[i + 1];
            double[] cur = inhibitory[i] ? inhibitoryOut : excitatory;
            for (int s = s0; s < s1; s++) {
                cur[tg[s]] += w[s];
            }
            events += s1 - s0;
        }
        return events;
    }

    /** Number of presynaptic neurons (rows). */
    public int sourceCount() {
        return sourceCount;
    }

    /** Number of neurons in the target layer. */
    public int targetCount() {
        return targetCount;
    }

    /** Number of synapses. */
    public int synapseCount() {
        return rowStart[sourceCount];
    }

    /** Out-degree of presynaptic neuron i. */
    public int outDegree(int i) {
        return rowStart[i + 1] - rowStart[i];
    }

    /** Whether presynaptic neuron i drives inhibitory currents. */
    public boolean isInhibitory(int i) {
        return inhibitory[i];
    }

    /** Target of synapse s. */
    public int target(int s) {
        return target[s];
    }

    /** Weight of synapse s (V). */
    public float weightVolts(int s) {
        return weightVolts[s];
    }

    /** First synapse of row i; row i is {@code [rowStart(i), rowStart(i+1))}. */
    public int rowStart(int i) {
        return rowStart[i];
    }

    /**
     * Builds a {@link Synapses} from synapses added in any order (rows are sorted by presynaptic
     * neuron, keeping the order of addition within a row). Not for hot paths.
     */
    public static final class Builder {
        private final int sourceCount;
        private final int targetCount;
        private final boolean[] inhibitory;
        private int[] pre = new int[16];
        private int[] post = new int[16];
        private float[] weight = new float[16];
        private int size;

        /** A builder for sourceCount presynaptic neurons (all excitatory until marked) onto targetCount targets. */
        public Builder(int sourceCount, int targetCount) {
            this.sourceCount = Checks.positive("sourceCount", sourceCount);
            this.targetCount = Checks.positive("targetCount", targetCount);
            this.inhibitory = new boolean[sourceCount];
        }

        /** Marks presynaptic neuron i as inhibitory (its synapses drive I_i). */
        public Builder inhibitory(int i) {
            checkSource(i);
            inhibitory[i] = true;
            return this;
        }

        /** Adds a synapse i → j of weight w (V). */
        public Builder add(int i, int j, double weightVolts) {
            checkSource(i);
            if (j < 0 || j >= targetCount) {
                throw new IllegalArgumentException("target must be in [0, " + targetCount + "), got " + j);
            }
            Checks.finite("weightVolts", weightVolts);
            if (size == pre.length) {
                pre = Arrays.copyOf(pre, 2 * size);
                post = Arrays.copyOf(post, 2 * size);
                weight = Arrays.copyOf(weight, 2 * size);
            }
            pre[size] = i;
            post[size] = j;
            weight[size] = (float) weightVolts;
            size++;
            return this;
        }

        private void checkSource(int i) {
            if (i < 0 || i >= sourceCount) {
                throw new IllegalArgumentException("source must be in [0, " + sourceCount + "), got " + i);
            }
        }

        /** The synapses added so far, in CSR. */
        public Synapses build() {
            int[] rowStart = new int[sourceCount + 1];
            for (int s = 0; s < size; s++) {
                rowStart[pre[s] + 1]++;
            }
            for (int i = 0; i < sourceCount; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            int[] fill = Arrays.copyOf(rowStart, sourceCount);
            int[] target = new int[size];
            float[] w = new float[size];
            for (int s = 0; s < size; s++) {
                int at = fill[pre[s]]++;
                target[at] = post[s];
                w[at] = weight[s];
            }
            return new Synapses(targetCount, rowStart, target, w, inhibitory);
        }
    }
}
