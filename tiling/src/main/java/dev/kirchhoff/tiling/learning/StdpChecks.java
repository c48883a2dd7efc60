package dev.kirchhoff.tiling.learning;

/** Argument checks of {@link StdpRule#step} (package-private). */
final class StdpChecks {
    private StdpChecks() {
    }

    static void step(StdpRule rule, int[] pre, int preCount, int[] post, int postCount, PlasticSynapses synapses) {
        if (synapses.preCount() != rule.preCount() || synapses.postCount() != rule.postCount()) {
            throw new IllegalArgumentException("synapses must be " + rule.preCount() + "×" + rule.postCount()
                    + ", got " + synapses.preCount() + "×" + synapses.postCount());
        }
        spikes("preSpikes", pre, preCount, rule.preCount());
        spikes("postSpikes", post, postCount, rule.postCount());
    }

    private static void spikes(String name, int[] idx, int count, int neurons) {
        if (count < 0 || count > idx.length) {
            throw new IllegalArgumentException(name + " count must be in [0, " + idx.length + "], got " + count);
        }
        for (int k = 0; k < count; k++) {
            if (idx[k] < 0 || idx[k] >= neurons) {
                throw new IllegalArgumentException(name + "[" + k + "] must be in [0, " + neurons + "), got " + idx[k]);
            }
        }
    }
}
