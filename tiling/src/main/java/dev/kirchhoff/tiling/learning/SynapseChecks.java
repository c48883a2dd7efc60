package dev.kirchhoff.tiling.learning;

/** Argument checks shared by the synapse matrices and rules (package-private). */
final class SynapseChecks {
    private SynapseChecks() {
    }

    static void index(String name, int value, int count) {
        if (value < 0 || value >= count) {
            throw new IllegalArgumentException(name + " must be in [0, " + count + "), got " + value);
        }
    }

    static void length(String name, double[] values, int min) {
        if (values.length < min) {
            throw new IllegalArgumentException(name + ".length must be at least " + min + ", got " + values.length);
        }
    }

    static void weightRange(double minWeight, double maxWeight) {
        if (!Double.isFinite(minWeight) || !Double.isFinite(maxWeight) || !(minWeight < maxWeight)) {
            throw new IllegalArgumentException("minWeight must be below maxWeight, both finite, got minWeight="
                    + minWeight + ", maxWeight=" + maxWeight);
        }
    }

    static int size(int preCount, int postCount) {
        if (preCount <= 0) {
            throw new IllegalArgumentException("preCount must be positive, got " + preCount);
        }
        if (postCount <= 0) {
            throw new IllegalArgumentException("postCount must be positive, got " + postCount);
        }
        long n = (long) preCount * postCount;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("preCount·postCount must fit in one array, got " + n);
        }
        return (int) n;
    }

    static void finiteWeights(double[] w, int n) {
        if (w.length != n) {
            throw new IllegalArgumentException("w.length must be " + n + ", got " + w.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException("w[" + i + "] must be finite, got " + w[i]);
            }
        }
    }
}
