package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.tiling.encode.SpikeEncoder;
import dev.kirchhoff.tiling.snn.LifLayer;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * An event-driven CPU simulator of a {@link ConvertedNetwork}: integrate-and-fire neurons of
 * threshold 1, reset by subtraction, in discrete time steps, with all layers updated within the
 * step (the input reaches the output in the step it is presented, as in Rueckauer et al. 2017,
 * doi:10.3389/fnins.2017.00682).
 *
 * <p>One step, for layer l = 0 … L−1 in order, with s_i(t) ∈ {0, 1} the spikes layer l − 1 just
 * emitted (for l = 0: the input's spikes, or the input itself for the constant current):
 * <pre>
 *   c_j(t) = Σ_{i: s_i(t) = 1} W_ji          (event-driven: one row of Wᵀ added per spike;
 *                                             constant current: c = W⁰·x, once per image)
 *   v_j ← (v_j + c_j(t)) + b_j
 *   if v_j &gt; 1: spike, v_j ← v_j − 1        (reset by subtraction: the excess is kept)
 * </pre>
 * The neurons are {@link LifLayer}s in their non-leaky integrate-and-fire form (the parameters of
 * {@code IfNeurons}; the layer's exact propagator then reduces to the two lines above): c enters
 * by writing the layer's membrane array, b is its constant drive. The output layer is spiking or
 * a non-spiking integrator according to the {@link Readout}. Synaptic work is proportional to
 * spikes × fan-out; the neuron update is O(N) per layer and step.
 *
 * <p>{@link #evaluate} classifies a set of images at several T in one pass and splits the images
 * over threads in contiguous blocks, each with its own {@link Run}; each image's random input is
 * drawn from its own stream ({@link #imageRng}), and results are stored per image, so the
 * predictions are identical on any number of threads. A step allocates nothing.
 */
public final class SnnSimulator {
    private final ConvertedNetwork network;
    private final Readout readout;

    /**
     * @param network the converted network
     * @param readout how the class is read from the output layer
     */
    public SnnSimulator(ConvertedNetwork network, Readout readout) {
        this.network = Objects.requireNonNull(network, "network");
        this.readout = Objects.requireNonNull(readout, "readout");
    }

    /**
     * The random stream of image {@code image} under {@code seed}: XoShiRo256++ (Blackman &amp;
     * Vigna 2018, doi:10.1145/3460772) seeded with the words (seed, image, two constants), the
     * same whichever thread, run or chip uses it.
     */
    public static UniformRandomProvider imageRng(long seed, int image) {
        return RandomSource.XO_SHI_RO_256_PP.create(new long[] {seed, image, 0x736e6e2d636f6e76L, 0x9E3779B97F4A7C15L});
    }

    /**
     * A new simulation state for one thread.
     *
     * @param coding how inputs enter the first layer
     */
    public Run newRun(InputCoding coding) {
        return new Run(Objects.requireNonNull(coding, "coding"));
    }

    /**
     * Classifies images at several time horizons in one pass per image.
     *
     * @param images  the images (x = pixel/255); their pixel count must be the network's inputs
     * @param steps   the horizons T, strictly increasing, each ≥ 1 (e.g. 25, 50, 100, 200)
     * @param coding  how inputs enter
     * @param seed    seed of the input spikes ({@link #imageRng}); unused by the constant current
     * @param threads worker threads, ≥ 1 (the images are split in contiguous blocks)
     * @return the predictions per horizon and image
     */
    public Evaluation evaluate(ImageSet images, int[] steps, InputCoding coding, long seed, int threads) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(coding, "coding");
        if (images.pixelsPerImage() != network.inputs()) {
            throw new IllegalArgumentException("images must have the network's " + network.inputs()
                    + " inputs per image, got " + images.pixelsPerImage());
        }
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException("steps must name at least one horizon T, got " + Arrays.toString(steps));
        }
        for (int k = 0; k < steps.length; k++) {
            Shapes.steps("steps[" + k + "]", steps[k]);
            if (k > 0 && steps[k] <= steps[k - 1]) {
                throw new IllegalArgumentException("steps must be strictly increasing, got " + Arrays.toString(steps));
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int n = images.size();
        int[] horizons = steps.clone();
        int[][] predictions = new int[horizons.length][n];
        int workers = Math.min(threads, Math.max(1, n));
        Thread[] pool = new Thread[workers - 1];
        RuntimeException[] failure = new RuntimeException[workers];
        for (int w = 1; w < workers; w++) {
            int from = (int) ((long) n * w / workers);
            int to = (int) ((long) n * (w + 1) / workers);
            int slot = w;
            pool[w - 1] = new Thread(() -> {
                try {
                    classify(images, from, to, horizons, coding, seed, predictions);
                } catch (RuntimeException e) {
                    failure[slot] = e;
                }
            }, "snn-evaluate-" + w);
            pool[w - 1].start();
        }
        try {
            classify(images, 0, (int) ((long) n / workers), horizons, coding, seed, predictions);
        } catch (RuntimeException e) {
            failure[0] = e;
        }
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + t.getName(), e);
            }
        }
        for (RuntimeException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = images.label(i);
        }
        return new Evaluation(horizons, labels, predictions);
    }

    /** Images [from, to) on the calling thread, with its own run. */
    private void classify(ImageSet images, int from, int to, int[] horizons, InputCoding coding, long seed,
            int[][] predictions) {
        Run run = new Run(coding);
        double[] x = new double[network.inputs()];
        int last = horizons[horizons.length - 1];
        for (int i = from; i < to; i++) {
            images.image(i, x);
            run.start(x, coding.spiking() ? imageRng(seed, i) : null);
            int next = 0;
            for (int t = 1; t <= last; t++) {
                run.step();
                if (t == horizons[next]) {
                    predictions[next++][i] = run.predictedClass();
                }
            }
        }
    }

    /**
     * The state of one simulation, for one thread: {@link #start} an input, {@link #step} it, read
     * the class or the neurons. Not thread-safe.
     */
    public final class Run {
        private final InputCoding coding;
        private final SpikeEncoder encoder;
        private final double[] firstLayerTransposed;
        private final LifLayer[] layers;
        private final int[][] spikes;
        private final int[] spikeCount;
        private final int[][] counts;
        private final double[][] input;
        private final double[] constantInput;
        private final int[] inputSpikes;
        private final double[] x;
        private UniformRandomProvider rng;
        private int step;
        private boolean started;

        private Run(InputCoding coding) {
            this.coding = coding;
            int nl = network.layerCount();
            int[] sizes = network.sizes();
            layers = new LifLayer[nl];
            spikes = new int[nl][];
            spikeCount = new int[nl];
            counts = new int[nl][];
            input = new double[nl][];
            for (int l = 0; l < nl; l++) {
                int n = sizes[l + 1];
                layers[l] = new LifLayer(l + 1 < nl ? IfNeurons.spiking() : IfNeurons.output(readout), n,
                        IfNeurons.DT_SECONDS);
                spikes[l] = new int[n];
                counts[l] = new int[n];
                input[l] = new double[n];
            }
            x = new double[sizes[0]];
            if (coding.spiking()) {
                encoder = coding.encoder(sizes[0]);
                inputSpikes = new int[sizes[0]];
                constantInput = null;
                double[] t = network.transposedView(0);
                double g = coding.spikeWeight();
                firstLayerTransposed = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    firstLayerTransposed[k] = t[k] * g;
                }
            } else {
                encoder = null;
                inputSpikes = null;
                constantInput = new double[sizes[1]];
                firstLayerTransposed = null;
            }
        }

        /**
         * Starts an input: every neuron at rest (v = 0, no current, no spike counted), the biases
         * as drives, the constant current W⁰·x computed.
         *
         * @param x   not modified: the input, the network's inputs (sizes[0]) values in [0, 1]
         * @param rng source of the input spikes (advanced by the encoder each step); may be null
         *            for the constant current
         */
        public void start(double[] x, UniformRandomProvider rng) {
            if (x == null || x.length != this.x.length) {
                throw new IllegalArgumentException("x.length must be the network's inputs " + this.x.length + ", got "
                        + (x == null ? "null" : String.valueOf(x.length)));
            }
            for (int i = 0; i < x.length; i++) {
                if (!(x[i] >= 0 && x[i] <= 1)) {
                    throw new IllegalArgumentException("x[" + i + "] must be in [0, 1], got " + x[i]);
                }
            }
            if (coding.spiking() && rng == null) {
                throw new IllegalArgumentException("rng must not be null for the spike coding " + coding);
            }
            System.arraycopy(x, 0, this.x, 0, x.length);
            this.rng = rng;
            for (int l = 0; l < layers.length; l++) {
                LifLayer layer = layers[l];
                Arrays.fill(layer.membraneVolts(), 0.0);
                Arrays.fill(layer.excitatoryCurrentVolts(), 0.0);
                Arrays.fill(layer.inhibitoryCurrentVolts(), 0.0);
                System.arraycopy(network.biasesView(l), 0, layer.driveVolts(), 0, layer.size());
                Arrays.fill(counts[l], 0);
                spikeCount[l] = 0;
            }
            if (coding.spiking()) {
                encoder.reset();
            } else {
                double[] w = network.weightsView(0);
                int in = x.length;
                for (int j = 0; j < constantInput.length; j++) {
                    double s = 0;
                    int row = j * in;
                    for (int i = 0; i < in; i++) {
                        s += w[row + i] * x[i];
                    }
                    constantInput[j] = s;
                }
            }
            step = 0;
            started = true;
        }

        /** Advances every layer by one time step (see the class comment). */
        public void step() {
            if (!started) {
                throw new IllegalStateException("start an input before stepping");
            }
            if (coding.spiking()) {
                int n = encoder.encode(x, step, rng, inputSpikes);
                deliver(0, firstLayerTransposed, inputSpikes, n);
            } else {
                addTo(layers[0].membraneVolts(), constantInput);
            }
            fire(0);
            for (int l = 1; l < layers.length; l++) {
                deliver(l, network.transposedView(l), spikes[l - 1], spikeCount[l - 1]);
                fire(l);
            }
            step++;
        }

        /** c = Σ of the rows of Wᵀ of the spiking inputs, then v += c (nothing when no input spiked). */
        private void deliver(int l, double[] transposed, int[] from, int n) {
            if (n == 0) {
                return;
            }
            double[] c = input[l];
            int out = c.length;
            Arrays.fill(c, 0.0);
            for (int k = 0; k < n; k++) {
                int row = from[k] * out;
                for (int j = 0; j < out; j++) {
                    c[j] += transposed[row + j];
                }
            }
            addTo(layers[l].membraneVolts(), c);
        }

        private static void addTo(double[] v, double[] c) {
            for (int j = 0; j < v.length; j++) {
                v[j] += c[j];
            }
        }

        /** Layer l's neurons step: bias, threshold, reset; its spikes are counted. */
        private void fire(int l) {
            int n = layers[l].step(spikes[l]);
            spikeCount[l] = n;
            int[] s = spikes[l];
            int[] c = counts[l];
            for (int k = 0; k < n; k++) {
                c[s[k]]++;
            }
        }

        /**
         * The class after the steps run so far: the argmax of the output membrane potentials
         * ({@link Readout#MEMBRANE_POTENTIAL}) or of the output spike counts, ties by the larger
         * potential ({@link Readout#SPIKE_COUNT}); remaining ties to the lower index.
         */
        public int predictedClass() {
            int last = layers.length - 1;
            return SnnSimulator.predictedClass(readout, counts[last], layers[last].membraneVolts());
        }

        /** Spikes of each neuron of layer l since {@link #start} (a copy). */
        public int[] spikeCounts(int layer) {
            return counts[layer].clone();
        }

        /** All spikes of layer l since {@link #start}. */
        public long totalSpikes(int layer) {
            long s = 0;
            for (int c : counts[layer]) {
                s += c;
            }
            return s;
        }

        /** Membrane potentials of layer l now (V, a copy; threshold 1). */
        public double[] membranePotentials(int layer) {
            return layers[layer].membraneVolts().clone();
        }
    }

    /**
     * The class of a readout from output spike counts and membrane potentials (see
     * {@link Readout}); ties to the lower index.
     */
    static int predictedClass(Readout readout, int[] counts, double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            boolean better = readout == Readout.MEMBRANE_POTENTIAL ? v[j] > v[best]
                    : counts[j] > counts[best] || (counts[j] == counts[best] && v[j] > v[best]);
            if (better) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Predictions of {@link #evaluate}.
     *
     * @param steps       the horizons T
     * @param labels      the true class of each image
     * @param predictions {@code predictions[k][i]}: the class of image i after steps[k] steps
     */
    public record Evaluation(int[] steps, int[] labels, int[][] predictions) {
        /** The fraction of images classified correctly after steps[k] steps. */
        public double accuracy(int k) {
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                if (predictions[k][i] == labels[i]) {
                    correct++;
                }
            }
            return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
        }
    }
}
