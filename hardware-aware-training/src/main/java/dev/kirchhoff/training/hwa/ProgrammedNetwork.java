package dev.kirchhoff.training.hwa;

import dev.kirchhoff.device.inference.InferenceDeviceArray;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.LayerHardware;
import dev.kirchhoff.training.Mlp;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A trained network programmed onto devices for inference: each layer's weights on one crossbar
 * of differential pairs, column-scaled ({@link ColumnScales}),
 * <pre>
 *   G⁺_ji = g_max·max(w_ji/s_j, 0),   G⁻_ji = g_max·max(−w_ji/s_j, 0)
 * </pre>
 * programmed through the device model (window, levels, faults, programming noise, drift exponent
 * per device: {@link InferenceDeviceArray}), then read at inference times t (drift, read noise):
 * <pre>
 *   W_ji(t) = s_j·(G⁺_ji(t) − G⁻_ji(t))/g_max
 * </pre>
 * Global drift compensation (aihwkit's {@code GlobalDriftCompensation}; Joshi et al., Nat. Commun.
 * 11, 2473, 2020, doi:10.1038/s41467-020-16108-9) multiplies a layer's digital outputs by
 * <pre>
 *   g_l(t) = Σ_j |Σ_i W_ji(0)| / Σ_j |Σ_i W_ji(t)|
 * </pre>
 * the ratio of the layer's response to an all-ones input right after programming (noise-free
 * programmed conductances: the reference is measured once, averaged) to the same response read at
 * t. It undoes the mean drift, not its device-to-device spread. The biases stay digital.
 */
public final class ProgrammedNetwork {
    private final Mlp model;
    private final InferenceDeviceModel device;
    private final InferenceDeviceArray[] devices;
    private final float[][] columnScale;
    private final double[] reference;
    private final double[] read;
    private final double gMax;
    /** The tiles' wires when the reads include IR drop, else null. */
    private final IrDropTiles irDrop;

    /**
     * @param model      the trained network (its weights are read now; later changes are not seen)
     * @param device     the devices
     * @param columnwise one digital scale per column (else per layer)
     */
    public ProgrammedNetwork(Mlp model, InferenceDeviceModel device, boolean columnwise) {
        this(model, device, columnwise, null);
    }

    /**
     * A network whose reads include the IR drop of its tiles: every read's weights are the
     * effective weights of the read conductances ({@link IrDropTiles}), exact for ohmic devices.
     *
     * @param model      the trained network (its weights are read now; later changes are not seen)
     * @param device     the devices
     * @param columnwise one digital scale per column (else per layer)
     * @param irDrop     the tiles' wires, or null for ideal wires
     */
    public ProgrammedNetwork(Mlp model, InferenceDeviceModel device, boolean columnwise, IrDropTiles irDrop) {
        if (model == null || device == null) {
            throw new IllegalArgumentException((model == null ? "model" : "device") + " must not be null, got null");
        }
        this.model = model;
        this.device = device;
        this.irDrop = irDrop;
        this.gMax = device.range().gMaxSiemens();
        int layers = model.layers();
        devices = new InferenceDeviceArray[layers];
        columnScale = new float[layers][];
        reference = new double[layers];
        int largest = 0;
        for (int l = 0; l < layers; l++) {
            int n = model.weights(l).length;
            devices[l] = new InferenceDeviceArray(device, 2 * n);
            columnScale[l] = new float[model.outputs(l)];
            ColumnScales.compute(model.weights(l), model.outputs(l), model.inputs(l), columnwise, columnScale[l]);
            largest = Math.max(largest, 2 * n);
        }
        read = new double[largest];
    }

    /** The device model. */
    public InferenceDeviceModel device() {
        return device;
    }

    /**
     * Programs every layer (layer 0 first) and measures the drift-compensation references.
     *
     * @param rng source of the programming draws (advanced)
     */
    public void program(UniformRandomProvider rng) {
        for (int l = 0; l < devices.length; l++) {
            float[] w = model.weights(l);
            int n = w.length;
            int in = model.inputs(l);
            double[] targets = new double[2 * n];
            for (int e = 0; e < n; e++) {
                double u = w[e] / columnScale[l][e / in];
                targets[e] = gMax * Math.min(Math.max(u, 0), 1);
                targets[n + e] = gMax * Math.min(Math.max(-u, 0), 1);
            }
            devices[l].program(targets, rng);
            devices[l].programmedConductances(read);
            reference[l] = response(l, read);
        }
    }

    /**
     * The network as read at one inference time: per layer the read weights W(t) (row-major
     * [out][in]) and the digital gain g_l(t) (1 without compensation).
     *
     * @param weights the read weights per layer
     * @param gains   the drift-compensation gain per layer
     */
    public record Read(float[][] weights, double[] gains) {
        /** The weights with each layer's gain folded in, {@code g_l·W_l(t)}: for a forward pass without periphery. */
        public float[][] compensatedWeights() {
            float[][] out = new float[weights.length][];
            for (int l = 0; l < weights.length; l++) {
                out[l] = new float[weights[l].length];
                float g = (float) gains[l];
                for (int e = 0; e < out[l].length; e++) {
                    out[l][e] = g * weights[l][e];
                }
            }
            return out;
        }
    }

    /**
     * Reads every device at one inference time (drift and read noise) and computes the
     * drift-compensation gains. With IR drop the weights are the effective weights of the read
     * conductances; the gains are computed from the conductances as without it.
     *
     * @param tInferenceSeconds time since programming (s), ≥ 0
     * @param compensateDrift   apply global drift compensation
     * @param rng               source of the read noise (advanced)
     */
    public Read readAt(double tInferenceSeconds, boolean compensateDrift, UniformRandomProvider rng) {
        int layers = devices.length;
        double[] gain = new double[layers];
        float[][] w = new float[layers][];
        for (int l = 0; l < layers; l++) {
            devices[l].readAt(tInferenceSeconds, rng, read);
            int n = model.weights(l).length;
            int in = model.inputs(l);
            w[l] = new float[n];
            if (irDrop != null) {
                irDrop.effectiveWeights(read, in, model.outputs(l), columnScale[l], gMax, w[l]);
            } else {
                for (int e = 0; e < n; e++) {
                    w[l][e] = (float) (columnScale[l][e / in] * (read[e] - read[n + e]) / gMax);
                }
            }
            double now = response(l, read);
            gain[l] = compensateDrift && now > 0 ? reference[l] / now : 1;
        }
        return new Read(w, gain);
    }

    /**
     * The devices of one layer: 2n conductances, G⁺ of every weight (row-major [out][in]) then G⁻,
     * as programmed (t = 0, no read noise) when {@code tInferenceSeconds} is NaN, else as read at
     * that time (drift and read noise, no compensation).
     *
     * @param layer             0 … layers − 1
     * @param tInferenceSeconds time since programming (s), ≥ 0, or NaN for the programmed values
     * @param rng               source of the read noise (advanced); unused for NaN
     * @return a new array of 2n conductances (S)
     */
    public double[] conductancesSiemens(int layer, double tInferenceSeconds, UniformRandomProvider rng) {
        if (layer < 0 || layer >= devices.length) {
            throw new IllegalArgumentException("layer must be in [0, " + devices.length + "), got " + layer);
        }
        double[] out = new double[devices[layer].size()];
        if (Double.isNaN(tInferenceSeconds)) {
            devices[layer].programmedConductances(out);
        } else {
            devices[layer].readAt(tInferenceSeconds, rng, out);
        }
        return out;
    }

    /**
     * A {@link LayerHardware} that computes with a read network: its forward weights are the read
     * weights (whatever clean weights it is handed), its products pass the periphery, and each
     * layer's digital outputs are multiplied by the layer's gain.
     *
     * @param read      the read network
     * @param periphery the tiles' converters and noises
     */
    public LayerHardware hardware(Read read, TilePeriphery periphery) {
        final float[][] w = read.weights();
        final double[] gain = read.gains();
        final float[][] scales = columnScale;
        return new LayerHardware() {
            @Override
            public void forwardWeights(int layer, float[] clean, float[] wForward, UniformRandomProvider r) {
                System.arraycopy(w[layer], 0, wForward, 0, wForward.length);
            }

            @Override
            public void transformInput(int layer, float[] x, int batch, int width, UniformRandomProvider r) {
                periphery.input(x, batch, width, r);
            }

            @Override
            public void transformOutput(int layer, float[] x, int inWidth, float[] y, int batch, int width,
                    UniformRandomProvider r) {
                periphery.output(x, inWidth, y, batch, width, scales[layer], gain[layer], r);
            }
        };
    }

    /** {@code Σ_j |Σ_i s_j·(G⁺ − G⁻)/g_max|} of layer l for conductances {@code g} (G⁺ block, then G⁻). */
    private double response(int l, double[] g) {
        int n = model.weights(l).length;
        int in = model.inputs(l);
        int out = model.outputs(l);
        double total = 0;
        for (int j = 0; j < out; j++) {
            double sum = 0;
            for (int e = j * in; e < (j + 1) * in; e++) {
                sum += g[e] - g[n + e];
            }
            total += Math.abs(columnScale[l][j] * sum / gMax);
        }
        return total;
    }
}
