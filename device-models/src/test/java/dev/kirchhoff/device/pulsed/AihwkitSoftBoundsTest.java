package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.device.ConductanceRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The mapping of aihwkit's weight-domain soft bounds onto {@link SoftBounds}: the noise-free
 * nominal device takes aihwkit's steps at every weight, its symmetry point is aihwkit's w = 0,
 * and the spreads carry their units over.
 */
class AihwkitSoftBoundsTest {
    private static final ConductanceRange RANGE = new ConductanceRange(0, 25e-6);
    private static final AihwkitSoftBounds RERAM = AihwkitSoftBounds.RERAM_SB_PRESET;

    /**
     * aihwkit: up Δw = dw_min(1 − w/w_max), down Δw = −dw_min(1 − w/w_min). At 21 weights
     * across [w_min, w_max) the Kirchhoff device placed at G = gMin + s(w − w_min) must move by
     * s times that; only rounding separates them (1e−12 of the step at w = 0).
     */
    @Test
    void nominalDeviceTakesAihwkitsStepsAtEveryWeight() {
        SoftBounds model = RERAM.toModel(RANGE).withVariability(PulseVariability.NONE);
        double s = RERAM.siemensPerWeight(RANGE);
        assertEquals(12.5e-6, s, 1e-18, "25 µS over two weight units");
        PulsedDeviceArray a = model.create(1, RandomSource.XO_SHI_RO_256_PP.create(1L));
        for (int k = 0; k < 20; k++) {
            double w = RERAM.wMin() + k * (RERAM.wMax() - RERAM.wMin()) / 20;
            double g = RANGE.gMinSiemens() + s * (w - RERAM.wMin());
            a.fill(g);
            a.applyPulse(+1, RandomSource.XO_SHI_RO_256_PP.create(2L));
            double up = (a.conductance(0) - g) / s;
            a.fill(g);
            a.applyPulse(-1, RandomSource.XO_SHI_RO_256_PP.create(2L));
            double down = (a.conductance(0) - g) / s;
            double tol = 1e-12 * RERAM.dwMin();
            assertEquals(RERAM.dwMin() * (1 - w / RERAM.wMax()), up, tol, "up at w = " + w);
            if (k > 0) {
                assertEquals(-RERAM.dwMin() * (1 - w / RERAM.wMin()), down, tol, "down at w = " + w);
            }
        }
    }

    /** G* = gMin + s·|w_min| = 9.375 µS (w = 0), where both steps are s·dw_min = 0.025 µS. */
    @Test
    void symmetryPointIsAihwkitsZeroWeight() {
        SoftBounds model = RERAM.toModel(RANGE);
        assertEquals(9.375e-6, model.symmetryPointSiemens(), 1e-12 * RANGE.widthSiemens());
        assertEquals(25e-6 * 0.002 / 1.25, model.alphaUpSiemens(), 1e-20);
        assertEquals(25e-6 * 0.002 / 0.75, model.alphaDownSiemens(), 1e-20);
    }

    /**
     * Units of the spreads: write noise 56·dw_min = 0.112 weight units, i.e. 21 nominal steps
     * (the nominal step α⁻ = s·dw_min/0.375); the bound spread 0.3 weight units = 3.75 µS,
     * i.e. 0.15 of gMax; the step spread, asymmetry and cycle-to-cycle σ carry over as numbers.
     */
    @Test
    void spreadsKeepTheirMeaning() {
        SoftBounds model = RERAM.toModel(RANGE);
        PulseVariability v = model.variability();
        double s = RERAM.siemensPerWeight(RANGE);
        assertEquals(56 * 0.002, v.writeNoiseStd() * model.nominalStepSiemens() / s, 1e-12);
        assertEquals(21, v.writeNoiseStd(), 1e-12);
        assertEquals(0.15, v.boundsDtod(), 1e-12);
        assertEquals(0.3, v.stepDtod(), 0.0);
        assertEquals(0.01, v.upDownDtod(), 0.0);
        assertEquals(3.75, v.c2cStd(), 0.0);
        assertEquals(0.0, v.upDown(), 0.0);
    }

    @Test
    void rejectsBoundsOnTheWrongSideOfZero() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new AihwkitSoftBounds(0.002, 0, 1.25, 0.75, 0.3, 0.01, 0.24, 0.4, 3.75, 56)).getMessage();
        assertTrue(msg.contains("wMin") && msg.contains("0.75"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> new AihwkitSoftBounds(Double.NaN, 0, 1.25, -0.75, 0.3, 0.01, 0.24, 0.4, 3.75, 56)).getMessage();
        assertTrue(msg.contains("dwMin") && msg.contains("NaN"), msg);
    }
}
