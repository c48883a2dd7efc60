package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.training.Adam;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Trains the weights of an {@link Mlp} as a spiking network by backpropagation through time with
 * a surrogate gradient (Neftci, Mostafa &amp; Zenke, "Surrogate gradient learning in spiking
 * neural networks", IEEE Signal Process. Mag. 36(6), 2019, doi:10.1109/MSP.2019.2931595), so
 * that the result runs unchanged on {@link SnnSimulator} and {@link SnnOnChip}.
 *
 * <p>The neuron is the converted networks' ({@code IfNeurons}): non-leaky integrate-and-fire,
 * threshold θ = 1, reset by subtraction, all layers updated within a step. The input x ∈ [0, 1]^M
 * enters as the constant current W_0·x every step ({@link InputCoding#constantCurrent()}); the
 * hidden layers spike; the output layer integrates without spiking and is read as its membrane
 * potential ({@link Readout#MEMBRANE_POTENTIAL}). For layer l, step t = 1 … T:
 * <pre>
 *   u_l(t) = u_l(t−1) + W_l·s_{l−1}(t) + b_l − θ·s_l(t−1),   s_{−1}(t) = x
 *   s_l(t) = H(u_l(t) − θ)                                     (H(0) = 0: a spike needs u &gt; θ)
 *   z = u_{L−1}(T)/T,   ℓ = −log softmax(z)_y                 (output layer: no spike, no reset)
 * </pre>
 * z is the time average of the output layer's input, W_{L−1}·r̂ + b_{L−1} with r̂ the hidden rates,
 * so its scale does not depend on T. In the backward pass ∂s/∂u is replaced by the SuperSpike
 * fast sigmoid {@code 1/(1 + k·|u − θ|)²} (Zenke &amp; Ganguli, Neural Comput. 30(6), 2018,
 * doi:10.1162/neco_a_01086), and the reset term θ·s_l(t−1) is detached (treated as a constant),
 * so ∂u_l(t+1)/∂u_l(t) = 1; the recursion is in {@code SpikingBptt}.
 *
 * <p>Training: {@link SurrogateTrainingConfig#epochs()} epochs, each visiting the images in the
 * order of a Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) drawn from
 * XoShiRo256++ seeded with the config's seed, in mini-batches of B; the gradient of the batch's
 * mean loss, summed in double over the batch in visiting order, steps {@link Adam} (default
 * β₁, β₂, ε) at the config's η. Single-threaded, so a seed fixes every bit of the result.
 *
 * <p>Evaluation runs the same forward pass with the same additions in the same order as
 * {@link SnnSimulator} with the constant current and the membrane readout, so
 * {@link #evaluate}'s predictions are the simulator's on {@link #toSpiking} of the model, image by
 * image.
 */
public final class SurrogateGradientTrainer {
    private static final long SHUFFLE_STREAM = 0x7375727267726164L;

    private final SurrogateTrainingConfig config;

    /**
     * What one epoch did.
     *
     * @param epoch         1 for the first
     * @param loss          mean cross-entropy of the epoch's images, each from its batch's forward pass
     * @param trainAccuracy fraction of the epoch's images classified correctly in those passes
     * @param seconds       wall-clock time of the epoch
     */
    public record EpochReport(int epoch, double loss, double trainAccuracy, double seconds) {
    }

    /**
     * The spiking network's results on a set of images after T steps.
     *
     * @param loss        mean cross-entropy ℓ
     * @param labels      the true classes
     * @param predictions the classes read from the output potentials
     */
    public record Evaluation(double loss, int[] labels, int[] predictions) {
        /** The fraction of images classified correctly. */
        public double accuracy() {
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                if (predictions[i] == labels[i]) {
                    correct++;
                }
            }
            return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
        }
    }

    /** @param config steps, epochs, batches, learning rate, surrogate steepness, seed */
    public SurrogateGradientTrainer(SurrogateTrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration. */
    public SurrogateTrainingConfig config() {
        return config;
    }

    /** {@link #train(Mlp, ImageSet, Consumer)} without progress reports. */
    public List<EpochReport> train(Mlp model, ImageSet train) {
        return train(model, train, r -> {
        });
    }

    /**
     * Trains {@code model} in place, with a fresh Adam.
     *
     * @param model   modified: its weights and biases; its inputs must be the images' pixel count
     *                and its outputs at least their number of classes
     * @param train   the training images (x = pixel/255), not empty
     * @param onEpoch called after each epoch
     * @return the epochs, in order
     * @throws IllegalStateException if the loss becomes NaN or infinite (the weights are then
     *                               those before the failing batch)
     */
    public List<EpochReport> train(Mlp model, ImageSet train, Consumer<EpochReport> onEpoch) {
        Objects.requireNonNull(onEpoch, "onEpoch");
        checkData(model, train);
        int n = train.size();
        int[] sizes = model.sizes();
        SpikingBptt net = new SpikingBptt(sizes, config.steps(), SpikingBptt.heaviside(config.steepness()));
        Optimizer adam = new Adam(Optimizer.parameterLengths(model));
        float[][] params = Optimizer.parameters(model);
        float[][] grads = new float[params.length][];
        for (int k = 0; k < params.length; k++) {
            grads[k] = new float[params[k].length];
        }
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(new long[] {config.seed(), SHUFFLE_STREAM,
            0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L});
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] x = new double[sizes[0]];
        List<EpochReport> reports = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            shuffle(order, rng);
            double loss = 0;
            int correct = 0;
            for (int start = 0; start < n; start += config.batchSize()) {
                int end = Math.min(n, start + config.batchSize());
                net.load(model);
                net.clearGradients();
                double batchLoss = 0;
                for (int k = start; k < end; k++) {
                    int image = order[k];
                    train.image(image, x);
                    int label = train.label(image);
                    batchLoss += net.forward(x, label, null);
                    if (net.predictedClass() == label) {
                        correct++;
                    }
                    net.backward(x, label);
                }
                if (!Double.isFinite(batchLoss)) {
                    throw new IllegalStateException("the loss became " + batchLoss + " in epoch " + epoch + " at image "
                            + start + " of the shuffled order; learningRate " + config.learningRate() + " may be too high");
                }
                loss += batchLoss;
                gather(net, grads, 1.0 / (end - start));
                adam.step(params, grads, config.learningRate());
            }
            EpochReport report = new EpochReport(epoch, loss / n, (double) correct / n, (System.nanoTime() - t0) / 1e9);
            reports.add(report);
            onEpoch.accept(report);
        }
        return List.copyOf(reports);
    }

    /**
     * Runs every image through the spiking network for T steps (read only).
     *
     * @param model  its inputs must be the images' pixel count, its outputs at least their classes
     * @param images the images (x = pixel/255)
     */
    public Evaluation evaluate(Mlp model, ImageSet images) {
        checkData(model, images);
        SpikingBptt net = new SpikingBptt(model.sizes(), config.steps(), SpikingBptt.heaviside(config.steepness()));
        net.load(model);
        int n = images.size();
        double[] x = new double[model.inputs()];
        int[] labels = new int[n];
        int[] predictions = new int[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            images.image(i, x);
            labels[i] = images.label(i);
            loss += net.forward(x, labels[i], null);
            predictions[i] = net.predictedClass();
        }
        return new Evaluation(loss / n, labels, predictions);
    }

    /**
     * The model as a spiking network for {@link SnnSimulator} and {@link SnnOnChip}: its weights
     * and biases as they are (θ = 1 already, so no normalisation, λ_l = 1), via
     * {@link ConvertedNetwork#of}. Run it with {@link InputCoding#constantCurrent()} and
     * {@link Readout#MEMBRANE_POTENTIAL} to reproduce {@link #evaluate}.
     */
    public static ConvertedNetwork toSpiking(Mlp model) {
        int[] sizes = model.sizes();
        double[][] w = new double[model.layers()][];
        double[][] b = new double[model.layers()][];
        for (int l = 0; l < model.layers(); l++) {
            w[l] = toDouble(model.weights(l));
            b[l] = toDouble(model.biases(l));
        }
        return ConvertedNetwork.of(sizes, w, b);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k];
        }
        return d;
    }

    /** The batch gradient, scaled by 1/B, into the optimizer's float arrays W_0, b_0, W_1, b_1, …. */
    private static void gather(SpikingBptt net, float[][] grads, double scale) {
        for (int l = 0; l < net.gw.length; l++) {
            double[][] gw = net.gw[l];
            float[] gwl = grads[2 * l];
            for (int j = 0; j < gw.length; j++) {
                double[] row = gw[j];
                int base = j * row.length;
                for (int i = 0; i < row.length; i++) {
                    gwl[base + i] = (float) (row[i] * scale);
                }
            }
            double[] gb = net.gb[l];
            float[] gbl = grads[2 * l + 1];
            for (int j = 0; j < gb.length; j++) {
                gbl[j] = (float) (gb[j] * scale);
            }
        }
    }

    /** Fisher–Yates: for k = N−1 … 1, swap a[k] with a[j], j uniform in [0, k]. */
    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[j];
            a[j] = tmp;
        }
    }

    private static void checkData(Mlp model, ImageSet images) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(images, "images");
        if (images.pixelsPerImage() != model.inputs()) {
            throw new IllegalArgumentException("images must have the model's " + model.inputs() + " inputs per image, got "
                    + images.pixelsPerImage());
        }
        if (images.classes() > model.outputs()) {
            throw new IllegalArgumentException("images.classes() must be at most the model's " + model.outputs()
                    + " outputs, got " + images.classes());
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException("images must not be empty, got 0 images");
        }
    }
}
