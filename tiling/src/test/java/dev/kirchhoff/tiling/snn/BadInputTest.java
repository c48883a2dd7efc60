package dev.kirchhoff.tiling.snn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is rejected with an IllegalArgumentException naming the parameter and its value. */
class BadInputTest {
    private static void rejects(String mustContain, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(mustContain), "'" + ex.getMessage() + "' should contain '" + mustContain + "'");
    }

    private static LifParameters lif(double tau, double el, double vth, double vr, double tref, double te, double ti,
            double dth, double tth) {
        return new LifParameters(tau, el, vth, vr, LifParameters.ResetMode.TO_VALUE, tref, te, ti, dth, tth, true);
    }

    @Test
    void lifParameters() {
        rejects("tauMembraneSeconds must be positive and finite, got NaN", () -> lif(Double.NaN, 0, 1, 0, 0, 1, 1, 0, 1));
        rejects("tauMembraneSeconds must be positive and finite, got 0.0", () -> lif(0, 0, 1, 0, 0, 1, 1, 0, 1));
        rejects("restVolts must be finite, got Infinity", () -> lif(1, Double.POSITIVE_INFINITY, 1, 0, 0, 1, 1, 0, 1));
        rejects("thresholdVolts must be finite, got NaN", () -> lif(1, 0, Double.NaN, 0, 0, 1, 1, 0, 1));
        rejects("resetVolts must be below thresholdVolts (1.0), got 2.0", () -> lif(1, 0, 1, 2, 0, 1, 1, 0, 1));
        rejects("refractorySeconds must be non-negative and finite, got -1.0", () -> lif(1, 0, 1, 0, -1, 1, 1, 0, 1));
        rejects("tauExcitatorySeconds must be positive and finite, got -0.005", () -> lif(1, 0, 1, 0, 0, -5e-3, 1, 0, 1));
        rejects("tauInhibitorySeconds must be positive and finite, got NaN", () -> lif(1, 0, 1, 0, 0, 1, Double.NaN, 0, 1));
        rejects("thresholdIncrementVolts must be non-negative and finite, got -1.0", () -> lif(1, 0, 1, 0, 0, 1, 1, -1, 1));
        rejects("thresholdTauSeconds must be positive (or infinite), got NaN", () -> lif(1, 0, 1, 0, 0, 1, 1, 0, Double.NaN));
        rejects("resetMode must not be null",
                () -> new LifParameters(1, 0, 1, 0, null, 0, 1, 1, 0, 1, true));
    }

    @Test
    void layerSynapsesInputAndNetwork() {
        LifParameters p = LifParameters.lif(20e-3, 0, 1, 0);
        rejects("size must be positive, got 0", () -> new LifLayer(p, 0, 1e-4));
        rejects("dtSeconds must be positive and finite, got NaN", () -> new LifLayer(p, 3, Double.NaN));
        rejects("refractorySeconds is", () -> new LifLayer(p.withRefractorySeconds(1e10), 3, 1e-9));
        LifLayer layer = new LifLayer(p, 3, 1e-4);
        rejects("neuron range [2, 5) must lie in [0, 3]", () -> layer.step(2, 5, new int[5], 0));
        rejects("target[0] must be in [0, 3), got 3",
                () -> new Synapses(3, new int[] {0, 1, 1, 1}, new int[] {3}, new float[] {1}, new boolean[3]));
        rejects("weightVolts[0] must be finite, got NaN",
                () -> new Synapses(3, new int[] {0, 1, 1, 1}, new int[] {0}, new float[] {Float.NaN}, new boolean[3]));
        rejects("rowStart must be non-decreasing",
                () -> new Synapses(3, new int[] {0, 1, 0, 1}, new int[] {0}, new float[] {1}, new boolean[3]));
        rejects("target must be in [0, 3), got -1", () -> new Synapses.Builder(3, 3).add(0, -1, 1));
        rejects("weightVolts must be finite, got Infinity", () -> new Synapses.Builder(3, 3).add(0, 1, Double.POSITIVE_INFINITY));
        Synapses s3 = new Synapses.Builder(3, 3).build();
        rejects("rateHz must be non-negative and finite, got -1.0",
                () -> new PoissonInput(s3, -1, RandomSource.XO_SHI_RO_256_PP.create(1L)));
        PoissonInput fast = new PoissonInput(s3, 2e4, RandomSource.XO_SHI_RO_256_PP.create(1L));
        SpikingNetwork tooFast = new SpikingNetwork(layer, s3, fast);
        rejects("rateHz·dtSeconds must be at most 1, got rateHz = 20000.0", tooFast::step);
        rejects("recurrent synapses must be 3 x 3, got 2 x 3", () -> new SpikingNetwork(layer, new Synapses.Builder(2, 3).build(), null));
        rejects("threads must be 1 or 2, got 3", () -> new SpikingNetwork(layer, s3, null).threads(3));
        rejects("steps must be non-negative, got -1", () -> new SpikingNetwork(layer, s3, null).run(-1, null, null));
        rejects("neurons must be at least 2, got 1", () -> CubaNetwork.create(1, RandomSource.XO_SHI_RO_256_PP.create(1L)));
    }
}
