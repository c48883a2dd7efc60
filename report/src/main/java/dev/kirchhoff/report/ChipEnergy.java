package dev.kirchhoff.report;

import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.datasets.ImageSet;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.tiling.TiledLayer;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.hwa.HardwareAware;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Energy and latency per inference of a network on the tiled chip: every layer mapped onto
 * tiles of the hardware description's size ({@link TiledLayer}, differential pairs over the
 * profile's window, written exactly), read through the periphery of the noise-in-the-loop
 * training ({@link HardwareAware#PERIPHERY}) at 0.2 V, the layers one after another; counts and
 * energies from the {@link EnergyLedger} (cell reads Σ V²·G·t from the actual voltages and
 * conductances, DAC and ADC conversions and digital additions at the description's per-event
 * energies; see docs/hardware.md for their sources).
 */
final class ChipEnergy {
    private ChipEnergy() {
    }

    /** Per-inference figures: energy and count per component, latency, and the chip's accuracy on the images. */
    record Result(Component[] components, double[] joules, double[] counts, double latencySeconds, double accuracy,
            int images, int tiles) {
        double totalJoules() {
            double s = 0;
            for (double j : joules) {
                s += j;
            }
            return s;
        }
    }

    /** The components an MLP's inference uses (no routing or spiking events). */
    static final Component[] COMPONENTS = {Component.CELL_READ, Component.DAC_CONVERSION, Component.ADC_CONVERSION,
        Component.ACCUMULATION};

    /**
     * Runs {@code images} test images through the chip.
     *
     * @param model    the network, not modified
     * @param range    the devices' window
     * @param hardware tile size, per-event energies and latencies
     * @param test     the images (the first {@code images} are used)
     * @param rng      source of the periphery noise
     */
    static Result run(Mlp model, ConductanceRange range, HardwareDescription hardware, ImageSet test, int images,
            UniformRandomProvider rng) {
        int k = Math.min(images, test.size());
        TileConfig tileConfig = new TileConfig(HardwareAware.PERIPHERY, HardwareAware.PERIPHERY,
                TileConfig.DEFAULT_READ_VOLTAGE_VOLTS, TileConfig.DEFAULT_PULSE_SLOTS, false, false);
        TilingOptions options = TilingOptions.of(ConstantStep.of(range, range.widthSiemens() / 100, PulseVariability.NONE))
                .withTileConfig(tileConfig).withTileSize(hardware.tile());
        EnergyLedger ledger = new EnergyLedger(hardware);
        int pixels = test.pixelsPerImage();
        double[] x = new double[k * pixels];
        for (int i = 0; i < k; i++) {
            for (int p = 0; p < pixels; p++) {
                x[i * pixels + p] = test.pixel(i, p) / 255.0;
            }
        }
        int tiles = 0;
        for (int l = 0; l < model.layers(); l++) {
            int in = model.inputs(l);
            int out = model.outputs(l);
            float[] w = model.weights(l);
            double[] wd = new double[w.length];
            for (int e = 0; e < w.length; e++) {
                wd[e] = w[e];
            }
            TiledLayer layer = TiledLayer.create("fc" + (l + 1), wd, in, out, options, rng);
            tiles += layer.tileCount();
            double[] y = new double[k * out];
            layer.forward(x, k, y, rng, ledger);
            ledger.endStep();
            float[] b = model.biases(l);
            boolean hidden = l + 1 < model.layers();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < out; j++) {
                    double v = y[i * out + j] + b[j];
                    y[i * out + j] = hidden ? Math.max(v, 0) : v;
                }
            }
            x = y;
        }
        ledger.addInferences(k);
        int classes = model.outputs();
        int correct = 0;
        for (int i = 0; i < k; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (x[i * classes + j] > x[i * classes + best]) {
                    best = j;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        double[] joules = new double[COMPONENTS.length];
        double[] counts = new double[COMPONENTS.length];
        for (int c = 0; c < COMPONENTS.length; c++) {
            joules[c] = ledger.energyJoules(COMPONENTS[c]) / k;
            counts[c] = (double) ledger.count(COMPONENTS[c]) / k;
        }
        return new Result(COMPONENTS.clone(), joules, counts, ledger.latencySeconds() / k, (double) correct / k, k, tiles);
    }
}
