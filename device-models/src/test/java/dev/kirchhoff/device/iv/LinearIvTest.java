package dev.kirchhoff.device.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinearIvTest extends IvCurveContract {
    @Override
    protected IvCurve curve() {
        return LinearIv.INSTANCE;
    }

    @Override
    protected boolean oddInVoltage() {
        return true;
    }

    @Test
    void ohmsLaw() {
        assertEquals(2e-6, LinearIv.INSTANCE.currentAmperes(20e-6, 0.1), 1e-20);
        assertEquals(20e-6, LinearIv.INSTANCE.differentialConductanceSiemens(20e-6, 0.7), 0.0);
    }
}
