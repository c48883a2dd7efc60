package dev.kirchhoff.device.pulsed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per device of a soft-bounds array with its device-to-device parameters, measured by
 * walking the object graph (JOL), not estimated. Five double arrays (state, gMin, gMax,
 * upScale, downScale) make 40 bytes per device; write noise adds 8; the target is ≤ 48.
 */
class SoftBoundsFootprintTest {
    private static double bytesPerDevice(PulseVariability v) {
        int n = 200_000;
        PulsedDeviceArray a = SoftBounds.of(PulsedModels.DEFAULT_RANGE, 0.24e-6, v)
                .create(n, RandomSource.XO_SHI_RO_256_PP.create(1L));
        return (double) GraphLayout.parseInstance(a).totalSize() / n;
    }

    @Test
    void softBoundsWithDeviceToDeviceSpreadFitsIn48BytesPerDevice() {
        double bytes = bytesPerDevice(PulseVariability.AIHWKIT_DEFAULT);
        assertTrue(bytes <= 40.01, "bytes per device: " + bytes);
    }

    @Test
    void withWriteNoiseItStillFitsIn48BytesPerDevice() {
        double bytes = bytesPerDevice(PulseVariability.AIHWKIT_DEFAULT.withWriteNoiseStd(1));
        assertTrue(bytes <= 48.01, "bytes per device: " + bytes);
    }
}
