package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device-to-device draws have the configured spreads (MODELS.md §1):
 * gMax_i/gMax − 1 ~ N(0, boundsDtod²), upScale_i ~ N(1, stepDtod² + upDownDtod²),
 * upScale_i − downScale_i = 2·r_i ~ N(0, (2·upDownDtod)²).
 *
 * <p>Tolerance: with n = 40,000 devices the sample standard deviation has relative standard
 * error 1/√(2n) ≈ 0.35%; asserting within 3% is an 8.5σ bound, so each assertion fails by chance
 * with probability below 1e-16, and the fixed seeds make the run repeatable anyway. Spreads are
 * small enough that the clipping at 0 and the closed-window guard never act.
 */
class PulseVariabilityStatisticsTest {
    private static final int N = 40_000;

    private static double[] meanStd(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (x.length - 1))};
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void deviceToDeviceDrawsHaveTheConfiguredSigma(long seed) {
        double boundsDtod = 0.1;
        double stepDtod = 0.2;
        double upDownDtod = 0.05;
        ConductanceRange range = new ConductanceRange(2e-6, 20e-6);
        PulseVariability v = PulseVariability.NONE.withBoundsDtod(boundsDtod).withStepDtod(stepDtod)
                .withUpDownDtod(upDownDtod);
        PulsedDeviceArray a = SoftBounds.of(range, 0.1e-6, v).create(N, RandomSource.XO_SHI_RO_256_PP.create(seed));
        double[] relMax = new double[N];
        double[] relMin = new double[N];
        double[] up = new double[N];
        double[] diff = new double[N];
        for (int i = 0; i < N; i++) {
            relMax[i] = a.gMax(i) / range.gMaxSiemens() - 1;
            relMin[i] = a.gMin(i) / range.gMinSiemens() - 1;
            up[i] = a.upScale(i);
            diff[i] = a.upScale(i) - a.downScale(i);
        }
        assertEquals(boundsDtod, meanStd(relMax)[1], 0.03 * boundsDtod, "σ of gMax_i/gMax");
        assertEquals(boundsDtod, meanStd(relMin)[1], 0.03 * boundsDtod, "σ of gMin_i/gMin");
        double upSigma = Math.hypot(stepDtod, upDownDtod);
        assertEquals(1.0, meanStd(up)[0], 8 * upSigma / Math.sqrt(N), "mean of upScale_i");
        assertEquals(upSigma, meanStd(up)[1], 0.03 * upSigma, "σ of upScale_i");
        assertEquals(2 * upDownDtod, meanStd(diff)[1], 0.03 * 2 * upDownDtod, "σ of upScale_i − downScale_i");
    }

    /** The mean asymmetry: upDown = 0.2 gives up_bias 0, down_bias −0.2 (aihwkit's convention). */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, -0.2})
    void meanAsymmetryFollowsAihwkitsBiasConvention(double upDown) {
        PulsedDeviceArray a = SoftBounds.of(new ConductanceRange(2e-6, 20e-6), 0.1e-6, PulseVariability.NONE.withUpDown(upDown))
                .create(3, RandomSource.XO_SHI_RO_256_PP.create(4L));
        assertEquals(1 + Math.min(upDown, 0), a.upScale(0), 0.0);
        assertEquals(1 - Math.max(upDown, 0), a.downScale(0), 0.0);
    }
}
