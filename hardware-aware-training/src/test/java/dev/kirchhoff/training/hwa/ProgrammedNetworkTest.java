package dev.kirchhoff.training.hwa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.training.Mlp;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Programming, reading and drift compensation against their exact noise-free results. */
class ProgrammedNetworkTest {
    private static final ConductanceRange WINDOW = new ConductanceRange(0, 25e-6);

    private static Mlp network() {
        return new Mlp(new int[] {30, 12, 5}, RandomSource.XO_SHI_RO_256_PP.create(3L));
    }

    /** Ideal devices: W(t) = W to float rounding, for both mappings, and every gain is 1. */
    @Test
    void idealDevicesReadBackTheWeights() {
        Mlp net = network();
        for (boolean columnwise : new boolean[] {false, true}) {
            ProgrammedNetwork chip = new ProgrammedNetwork(net, InferenceDeviceModel.ideal(WINDOW), columnwise);
            chip.program(RandomSource.XO_SHI_RO_256_PP.create(1L));
            ProgrammedNetwork.Read read = chip.readAt(86_400, true, RandomSource.XO_SHI_RO_256_PP.create(2L));
            for (int l = 0; l < net.layers(); l++) {
                assertEquals(1, read.gains()[l], 1e-12);
                float[] w = net.weights(l);
                for (int e = 0; e < w.length; e++) {
                    assertEquals(w[e], read.weights()[l][e], 1e-6f * Math.abs(w[e]) + 1e-7f, "layer " + l + " weight " + e);
                }
            }
        }
    }

    /**
     * Every device drifts with the same ν = 0.06 and no spread: W(t) = W·((t + t_0)/t_0)^(−ν), so the
     * compensation gain must be exactly ((t + t_0)/t_0)^ν and the compensated weights W.
     */
    @Test
    void uniformDriftIsUndoneExactlyByTheGain() {
        double nu = 0.06;
        double t0 = 20;
        double t = 31_536_000;
        InferenceDeviceModel drifting = InferenceDeviceModel.ideal(WINDOW).withDrift(DriftModel.Constant.of(nu, t0));
        Mlp net = network();
        ProgrammedNetwork chip = new ProgrammedNetwork(net, drifting, false);
        chip.program(RandomSource.XO_SHI_RO_256_PP.create(1L));
        ProgrammedNetwork.Read read = chip.readAt(t, true, RandomSource.XO_SHI_RO_256_PP.create(2L));
        double decay = Math.pow((t + t0) / t0, -nu);
        float[][] compensated = read.compensatedWeights();
        for (int l = 0; l < net.layers(); l++) {
            assertEquals(1 / decay, read.gains()[l], 1e-9 / decay);
            float[] w = net.weights(l);
            for (int e = 0; e < w.length; e++) {
                assertEquals(w[e] * decay, read.weights()[l][e], 1e-6 * Math.abs(w[e]) + 1e-7);
                assertEquals(w[e], compensated[l][e], 1e-5 * Math.abs(w[e]) + 1e-7);
            }
        }
        ProgrammedNetwork.Read plain = chip.readAt(t, false, RandomSource.XO_SHI_RO_256_PP.create(2L));
        assertEquals(1, plain.gains()[0], 0.0);
    }
}
