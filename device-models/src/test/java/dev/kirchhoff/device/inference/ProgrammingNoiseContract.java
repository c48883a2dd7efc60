package dev.kirchhoff.device.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ChunkedParallel;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The bar every {@link ProgrammingNoise} meets. One small subclass per implementation. */
public abstract class ProgrammingNoiseContract {

    protected abstract ProgrammingNoise noise();

    /** Largest target the model is meant for (S). */
    protected abstract double gMaxSiemens();

    @Test
    void sigmaIsFiniteAndNonNegativeOverTheWindow() {
        ProgrammingNoise p = noise();
        for (int k = 0; k <= 1000; k++) {
            double g = gMaxSiemens() * k / 1000;
            double s = p.sigmaSiemens(g);
            assertTrue(s >= 0 && Double.isFinite(s), "σ(" + g + ") = " + s);
        }
    }

    @Test
    void zeroDrawLeavesTheTargetAndNoDrawGoesNegative() {
        ProgrammingNoise p = noise();
        for (int k = 0; k <= 100; k++) {
            double g = gMaxSiemens() * k / 100;
            assertEquals(g, p.program(g, 0), 0);
            assertTrue(p.program(g, -40) >= 0);
        }
    }

    /** The array method is the scalar one applied with the chunk streams of ChunkedParallel. */
    @Test
    void arrayProgrammingMatchesScalarProgramming() {
        int n = ChunkedParallel.CHUNK + 17;
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = gMaxSiemens() * (i % 101) / 100;
        }
        double[] out = new double[n];
        noise().program(targets, out, RandomSource.XO_SHI_RO_256_PP.create(31L));
        double[] expected = new double[n];
        ChunkedParallel.run(n, RandomSource.XO_SHI_RO_256_PP.create(31L), false, (from, to, r) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(r);
            for (int i = from; i < to; i++) {
                expected[i] = noise().program(targets[i], gauss.sample());
            }
        });
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out);
    }
}
