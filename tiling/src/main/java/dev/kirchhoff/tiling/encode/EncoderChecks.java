package dev.kirchhoff.tiling.encode;

/** Argument checks shared by the encoders (package-private). */
final class EncoderChecks {
    private EncoderChecks() {
    }

    static void arguments(SpikeEncoder e, double[] x, int step, int[] outIndices) {
        if (x.length != e.inputCount()) {
            throw new IllegalArgumentException("x.length must be " + e.inputCount() + ", got " + x.length);
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
        if (outIndices.length < e.outputCount()) {
            throw new IllegalArgumentException("outIndices.length must be at least " + e.outputCount() + ", got "
                    + outIndices.length);
        }
    }

    static IllegalArgumentException badInput(int i, double x, String rule) {
        return new IllegalArgumentException("x[" + i + "] must be " + rule + ", got " + x);
    }
}
