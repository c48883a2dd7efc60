package dev.kirchhoff.training.snn;

import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.datasets.Mnist;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * TEST SCAFFOLDING ONLY: a small ReLU multilayer perceptron and a quick trainer for it, so that
 * the conversion tests have a trained ANN to convert. The real MLP and its trainer are the
 * hardware-aware-training module's own; the conversion ({@link AnnToSnn}) takes plain arrays and
 * does not depend on either.
 *
 * <p>The network: {@code a_{l+1} = ReLU(W_l·a_l + b_l)} for the hidden layers, linear logits last,
 * float weights row-major [out][in], float biases. Training: softmax cross-entropy, mini-batch
 * SGD with classical momentum in float and a learning rate decaying linearly to 0,
 * <pre>
 *   v ← μ·v − (η_k/B)·Σ_batch ∇L,   W ← W + v,   η_k = η·(1 − k/K)   (sample k of K = epochs·N)
 * </pre>
 * He-normal initial weights (std √(2/fan_in); He et al., ICCV 2015, doi:10.1109/ICCV.2015.123),
 * zero biases, a Fisher–Yates shuffle per epoch, one thread, so a seed gives the same network.
 * The input layer's forward and gradient skip the zero pixels (about 80% of an MNIST digit).
 */
final class QuickMlp {
    /** The MNIST network of the issue, 784-256-128-10. */
    static final int[] MNIST_SIZES = {784, 256, 128, 10};

    private static Trained mnist;

    private QuickMlp() {
    }

    /**
     * A trained network.
     *
     * @param sizes   layer widths, input first
     * @param weights weights[l], sizes[l+1]×sizes[l] row-major
     * @param biases  biases[l], sizes[l+1]
     * @param trainSeconds wall time of the training
     */
    record Trained(int[] sizes, float[][] weights, float[][] biases, double trainSeconds) {
        /** The ANN's class for x (argmax of the logits computed in double from the float weights; ties to the lower index). */
        int predict(double[] x) {
            double[] a = x;
            for (int l = 0; l < weights.length; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] z = new double[out];
                for (int j = 0; j < out; j++) {
                    double s = biases[l][j];
                    for (int i = 0; i < in; i++) {
                        s += weights[l][j * in + i] * a[i];
                    }
                    z[j] = l + 1 < weights.length ? Math.max(s, 0) : s;
                }
                a = z;
            }
            int best = 0;
            for (int j = 1; j < a.length; j++) {
                if (a[j] > a[best]) {
                    best = j;
                }
            }
            return best;
        }

        /** Fraction of {@code images} classified correctly. */
        double accuracy(ImageSet images) {
            double[] x = new double[sizes[0]];
            int correct = 0;
            for (int i = 0; i < images.size(); i++) {
                images.image(i, x);
                if (predict(x) == images.label(i)) {
                    correct++;
                }
            }
            return (double) correct / images.size();
        }
    }

    /**
     * The 784-256-128-10 MLP trained on the 8000 training images of {@link Mnist#split()}: 6 epochs,
     * batch 32, η = 0.05, μ = 0.9, seed 7 (96.2% on the 2000 test images, about 4 s). Trained once
     * per JVM and shared by the tests.
     */
    static synchronized Trained mnist() {
        if (mnist == null) {
            mnist = train(Mnist.split().train(), MNIST_SIZES, 6, 32, 0.05f, 0.9f, 7L);
        }
        return mnist;
    }

    /**
     * Trains an MLP.
     *
     * @param train    the training images (x = pixel/255)
     * @param sizes    layer widths, input first (sizes[0] = pixels, last = classes)
     * @param epochs   passes over the training set
     * @param batch    B, samples per update
     * @param rate     η, the initial learning rate
     * @param momentum μ
     * @param seed     seed of the initial weights and the shuffles
     */
    static Trained train(ImageSet train, int[] sizes, int epochs, int batch, float rate, float momentum, long seed) {
        long t0 = System.nanoTime();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int nl = sizes.length - 1;
        float[][] w = new float[nl][];
        float[][] b = new float[nl][];
        float[][] vw = new float[nl][];
        float[][] vb = new float[nl][];
        float[][] gw = new float[nl][];
        float[][] gb = new float[nl][];
        float[][] a = new float[nl + 1][];
        float[][] delta = new float[nl][];
        for (int l = 0; l < nl; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new float[out * in];
            double std = Math.sqrt(2.0 / in);
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = (float) (std * gauss.sample());
            }
            b[l] = new float[out];
            vw[l] = new float[out * in];
            vb[l] = new float[out];
            gw[l] = new float[out * in];
            gb[l] = new float[out];
            a[l + 1] = new float[out];
            delta[l] = new float[out];
        }
        a[0] = new float[sizes[0]];
        double[] x = new double[sizes[0]];
        int[] active = new int[sizes[0]];
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                for (int l = 0; l < nl; l++) {
                    java.util.Arrays.fill(gw[l], 0f);
                    java.util.Arrays.fill(gb[l], 0f);
                }
                for (int s = start; s < end; s++) {
                    int img = order[s];
                    train.image(img, x);
                    int nActive = 0;
                    for (int i = 0; i < x.length; i++) {
                        a[0][i] = (float) x[i];
                        if (x[i] != 0) {
                            active[nActive++] = i;
                        }
                    }
                    forward(sizes, w, b, a, active, nActive);
                    // softmax cross-entropy: δ_L = softmax(z) − onehot
                    float[] z = a[nl];
                    float max = z[0];
                    for (float v : z) {
                        max = Math.max(max, v);
                    }
                    float sum = 0;
                    float[] d = delta[nl - 1];
                    for (int j = 0; j < z.length; j++) {
                        d[j] = (float) Math.exp(z[j] - max);
                        sum += d[j];
                    }
                    for (int j = 0; j < z.length; j++) {
                        d[j] /= sum;
                    }
                    d[train.label(img)] -= 1f;
                    backward(sizes, w, a, delta, gw, gb, active, nActive);
                }
                float step = (float) (rate * (1 - (epoch * (double) n + start) / ((double) epochs * n))) / (end - start);
                for (int l = 0; l < nl; l++) {
                    update(w[l], vw[l], gw[l], step, momentum);
                    update(b[l], vb[l], gb[l], step, momentum);
                }
            }
        }
        return new Trained(sizes.clone(), w, b, (System.nanoTime() - t0) / 1e9);
    }

    private static void forward(int[] sizes, float[][] w, float[][] b, float[][] a, int[] active, int nActive) {
        int nl = w.length;
        for (int l = 0; l < nl; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] prev = a[l];
            float[] next = a[l + 1];
            float[] wl = w[l];
            for (int j = 0; j < out; j++) {
                float s = b[l][j];
                int row = j * in;
                if (l == 0) {
                    for (int k = 0; k < nActive; k++) {
                        int i = active[k];
                        s += wl[row + i] * prev[i];
                    }
                } else {
                    for (int i = 0; i < in; i++) {
                        s += wl[row + i] * prev[i];
                    }
                }
                next[j] = l + 1 < nl ? Math.max(s, 0f) : s;
            }
        }
    }

    /** Accumulates the gradients of one sample, δ_{L−1} given. */
    private static void backward(int[] sizes, float[][] w, float[][] a, float[][] delta, float[][] gw, float[][] gb,
            int[] active, int nActive) {
        for (int l = w.length - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] d = delta[l];
            float[] prev = a[l];
            float[] g = gw[l];
            for (int j = 0; j < out; j++) {
                float dj = d[j];
                gb[l][j] += dj;
                if (dj == 0f) {
                    continue;
                }
                int row = j * in;
                if (l == 0) {
                    for (int k = 0; k < nActive; k++) {
                        int i = active[k];
                        g[row + i] += dj * prev[i];
                    }
                } else {
                    for (int i = 0; i < in; i++) {
                        g[row + i] += dj * prev[i];
                    }
                }
            }
            if (l > 0) {
                float[] back = delta[l - 1];
                java.util.Arrays.fill(back, 0f);
                float[] wl = w[l];
                for (int j = 0; j < out; j++) {
                    float dj = d[j];
                    if (dj == 0f) {
                        continue;
                    }
                    int row = j * in;
                    for (int i = 0; i < in; i++) {
                        back[i] += wl[row + i] * dj;
                    }
                }
                for (int i = 0; i < in; i++) {
                    if (prev[i] <= 0f) {
                        back[i] = 0f;
                    }
                }
            }
        }
    }

    private static void update(float[] p, float[] v, float[] g, float step, float momentum) {
        for (int k = 0; k < p.length; k++) {
            v[k] = momentum * v[k] - step * g[k];
            p[k] += v[k];
        }
    }
}
