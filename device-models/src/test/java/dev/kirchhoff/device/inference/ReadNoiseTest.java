package dev.kirchhoff.device.inference;

import static dev.kirchhoff.device.inference.ProgrammingNoiseTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import java.util.Arrays;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ReadNoiseTest {
    private static final double G_MAX = 25e-6;
    private static final ReadNoise.Pcm PCM = ReadNoise.Pcm.nandakumar2019(G_MAX);

    /**
     * g = 0.5 at t_inference = 3600 s: 0.5^0.65 = 0.637280, Q_s = 0.0088/0.637280 = 0.0138087;
     * t = 3620 s, ln((3620 + 2.5e−7)/5e−7) = ln(7.24e9) = 22.702887, √ = 4.7647547;
     * σ = 0.0657950 relative, times |G(t)|.
     */
    @Test
    void pcmSigmaEqualsTheFormula() {
        double gProg = 12.5e-6;
        double qs = Math.min(0.0088 / Math.max(Math.pow(0.5, 0.65), 1e-3), 0.2);
        double tf = Math.sqrt(Math.log((3600 + 20 + 250e-9) / (2 * 250e-9)));
        assertEquals(qs, PCM.deviceCoefficient(gProg), 0);
        assertEquals(tf, PCM.timeFactor(3600), 0);
        assertEquals(0.0138087, qs, 1e-7);
        assertEquals(4.7647547, tf, 1e-7);
        double gNow = 11e-6;
        assertEquals(gNow * qs * tf, PCM.sigmaSiemens(gNow, gProg, 3600), 2 * Math.ulp(gNow * qs * tf)); // product order differs
        assertTrue(PCM.relative());
    }

    /** Q_s is clipped at 0.2 for small g (0.0088/g^0.65 > 0.2 below g ≈ 0.0082), including g = 0. */
    @Test
    void pcmCoefficientIsClippedForSmallConductance() {
        assertEquals(0.2, PCM.deviceCoefficient(0), 0);
        assertEquals(0.2, PCM.deviceCoefficient(0.005 * G_MAX), 0);
        assertTrue(PCM.deviceCoefficient(0.01 * G_MAX) < 0.2);
    }

    @Test
    void constantAndProportional() {
        ReadNoise c = new ReadNoise.Constant(0.1e-6);
        assertEquals(0.1e-6, c.sigmaSiemens(5e-6, 7e-6, 1000), 0);
        assertFalse(c.relative());
        ReadNoise p = new ReadNoise.Proportional(0.02);
        assertEquals(0.02 * 5e-6, p.sigmaSiemens(5e-6, 7e-6, 1000), 0);
        assertEquals(0, p.read(0, 0, 0, 3), 0);
    }

    /**
     * 20,000 PCM devices programmed exactly to 12.5 µS (no programming noise, no drift) and read
     * once at 3600 s: the reads are N(G, (G·Q_s·f)²), so the sample sd is within 6/√(2(n−1)) = 3%
     * of σ and the mean within 6σ/√n (χ² and normal sampling bounds, ~1e−9 failure per seed).
     */
    @Test
    void arrayReadsHaveTheModelSpread() {
        int n = 20_000;
        double g = 12.5e-6;
        InferenceDeviceModel model = InferenceDeviceModel.ideal(new ConductanceRange(0, G_MAX)).withReadNoise(PCM);
        InferenceDeviceArray a = new InferenceDeviceArray(model, n);
        double[] targets = new double[n];
        Arrays.fill(targets, g);
        a.program(targets, RandomSource.XO_SHI_RO_256_PP.create(1L));
        double[] out = new double[n];
        a.readAt(3600, RandomSource.XO_SHI_RO_256_PP.create(250L), out);
        double sigma = PCM.sigmaSiemens(g, g, 3600);
        double mean = Arrays.stream(out).average().orElseThrow();
        double ss = 0;
        for (double x : out) {
            ss += (x - mean) * (x - mean);
        }
        double s = Math.sqrt(ss / (n - 1));
        assertEquals(1, s / sigma, 6 / Math.sqrt(2.0 * (n - 1)));
        assertEquals(g, mean, 6 * sigma / Math.sqrt(n));
    }

    @Test
    void rejectsInvalidParameters() {
        assertMessage(() -> new ReadNoise.Constant(-1e-9), "sigmaSiemens", "-1.0E-9");
        assertMessage(() -> new ReadNoise.Proportional(Double.NaN), "relativeSigma", "NaN");
        assertMessage(() -> new ReadNoise.Pcm(G_MAX, 0, 20), "tReadSeconds", "0.0");
        assertMessage(() -> new ReadNoise.Pcm(-G_MAX, 250e-9, 20), "gMaxSiemens", "-2.5E-5");
        assertMessage(() -> PCM.timeFactor(-3), "tInferenceSeconds", "-3.0");
    }

    /**
     * σ = |0.05 + 0.3g − 0.15g²| µS at g = 0.4 (G_prog = 10 µS of 25 µS):
     * 0.05 + 0.12 − 0.024 = 0.146 µS, whatever G(t) and t; a negative polynomial reads as its
     * absolute value.
     */
    @Test
    void polynomialSigmaEqualsTheFormula() {
        ReadNoise.Polynomial p = new ReadNoise.Polynomial(new double[] {0.05e-6, 0.3e-6, -0.15e-6}, G_MAX);
        assertEquals(0.146e-6, p.deviceCoefficient(10e-6), 1e-20);
        assertEquals(0.146e-6, p.sigmaSiemens(3e-6, 10e-6, 86400), 1e-20);
        assertEquals(1, p.timeFactor(1e6), 0);
        assertFalse(p.relative());
        assertEquals(0.5e-6, new ReadNoise.Polynomial(new double[] {-0.5e-6}, G_MAX).deviceCoefficient(1e-6), 0);
    }

    @Test
    void polynomialIsAValueAndValidates() {
        double[] c = {1e-7, 2e-7};
        ReadNoise.Polynomial p = new ReadNoise.Polynomial(c, G_MAX);
        c[0] = 9;
        assertEquals(1e-7, p.coefficientsSiemens()[0], 0);
        p.coefficientsSiemens()[1] = 9;
        assertEquals(2e-7, p.coefficientsSiemens()[1], 0);
        assertEquals(new ReadNoise.Polynomial(new double[] {1e-7, 2e-7}, G_MAX), p);
        assertEquals(new ReadNoise.Polynomial(new double[] {1e-7, 2e-7}, G_MAX).hashCode(), p.hashCode());
        assertTrue(p.toString().contains("coefficientsSiemens=[1.0E-7, 2.0E-7]"), p.toString());
        assertMessage(() -> new ReadNoise.Polynomial(new double[0], G_MAX), "coefficientsSiemens", "0");
        assertMessage(() -> new ReadNoise.Polynomial(new double[] {1e-7, Double.NaN}, G_MAX),
                "coefficientsSiemens[1]", "NaN");
        assertMessage(() -> new ReadNoise.Polynomial(new double[] {1e-7}, 0), "gMaxSiemens", "0.0");
    }
}
