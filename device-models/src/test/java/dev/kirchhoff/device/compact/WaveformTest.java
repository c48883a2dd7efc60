package dev.kirchhoff.device.compact;

import static dev.kirchhoff.device.compact.DormandPrince54Test.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WaveformTest {

    @Test
    void sineValuesAndCrossings() {
        SineWaveform w = Waveform.sine(1.0, 50e6, 1);
        assertEquals(20e-9, w.endSeconds(), 1e-24);
        assertEquals(1.0, w.voltage(5e-9), 1e-15);
        assertEquals(-1.0, w.voltage(15e-9), 1e-15);
        double[] c = w.crossingsSeconds(0.5); // sin θ = 1/2 at θ = π/6 and 5π/6
        assertEquals(2, c.length);
        assertEquals(20e-9 / 12, c[0], 1e-22);
        assertEquals(20e-9 * 5 / 12, c[1], 1e-22);
        double[] neg = w.crossingsSeconds(-0.2);
        assertEquals(2, neg.length);
        for (double t : neg) {
            assertEquals(-0.2, w.voltage(t), 1e-12);
        }
        assertEquals(0, w.crossingsSeconds(1.5).length);
        assertEquals(6, Waveform.sine(1.0, 1, 3).crossingsSeconds(0.3).length);
    }

    @Test
    void triangleIsPiecewiseLinear() {
        PiecewiseLinearWaveform w = Waveform.triangle(2.0, 4.0, 2);
        assertEquals(8, w.segmentCount());
        assertEquals(1.0, w.voltage(0.5), 1e-15);
        assertEquals(2.0, w.voltage(1.0), 0.0);
        assertEquals(-1.0, w.voltage(2.5), 1e-15);
        assertArrayEquals(new double[] {0.25, 1.75, 4.25, 5.75}, w.crossingsSeconds(0.5), 1e-15);
    }

    /** Two points at one time make a jump: right-continuous voltage, one breakpoint, segments see their own side. */
    @Test
    void jumpsAreRightContinuousAndSegmentsOneSided() {
        PiecewiseLinearWaveform w = Waveform.piecewiseLinear(new double[] {0, 1, 1, 2}, new double[] {0, 1, 3, 3});
        assertArrayEquals(new double[] {0, 1, 2}, w.breakpointsSeconds(), 0.0);
        assertEquals(3, w.voltage(1), 0.0);
        assertEquals(1, w.voltageOnSegment(0, 1), 0.0);
        assertEquals(3, w.voltageOnSegment(1, 1), 0.0);
        assertEquals(3, w.voltage(2), 0.0);
        assertEquals(0, w.segmentAt(0.999));
        assertEquals(1, w.segmentAt(1));
        assertEquals(1, w.segmentAt(2));
    }

    @Test
    void pulseTrainShape() {
        PulseTrain ideal = Waveform.pulseTrain(1.5, 10e-9, 50e-9, 3);
        assertEquals(6, ideal.segmentCount());
        assertArrayEquals(new double[] {0, 10e-9, 50e-9, 60e-9, 100e-9, 110e-9, 150e-9}, ideal.breakpointsSeconds(),
                1e-21);
        assertEquals(1.5, ideal.voltage(0), 0.0);
        assertEquals(0, ideal.voltage(10e-9), 0.0);
        assertEquals(1.5, ideal.voltageOnSegment(0, 10e-9), 0.0);
        assertEquals(0, ideal.voltage(ideal.periodEndSeconds(2)), 0.0);

        PulseTrain trapezoid = new PulseTrain(-1.0, 10e-9, 50e-9, 2, 2e-9);
        assertEquals(8, trapezoid.segmentCount());
        assertEquals(-0.5, trapezoid.voltage(1e-9), 1e-12);
        assertEquals(-1.0, trapezoid.voltage(5e-9), 0.0);
        assertEquals(-0.5, trapezoid.voltage(13e-9), 1e-12);
        assertEquals(0, trapezoid.voltage(30e-9), 0.0);
        double[] c = trapezoid.crossingsSeconds(-0.25);
        assertArrayEquals(new double[] {0.5e-9, 13.5e-9, 50.5e-9, 63.5e-9}, c, 1e-21);
        assertEquals(0, trapezoid.crossingsSeconds(0.25).length);
    }

    @Test
    void validation() {
        assertMessage(() -> Waveform.sine(Double.NaN, 1, 1), "amplitudeVolts", "NaN");
        assertMessage(() -> Waveform.sine(1, -1, 1), "frequencyHertz", "-1.0");
        assertMessage(() -> Waveform.sine(1, 1, 0), "cycles", "0.0");
        assertMessage(() -> Waveform.pulseTrain(1, 10, 10, 1), "periodSeconds", "10.0");
        assertMessage(() -> Waveform.pulseTrain(1, -1, 10, 1), "widthSeconds", "-1.0");
        assertMessage(() -> Waveform.pulseTrain(0, 1, 10, 1), "amplitudeVolts", "0.0");
        assertMessage(() -> Waveform.pulseTrain(1, 1, 10, 0), "count", "0");
        assertMessage(() -> new PulseTrain(1, 1, 10, 1, Double.NaN), "edgeSeconds", "NaN");
        assertMessage(() -> Waveform.piecewiseLinear(new double[] {0, 2, 1}, new double[] {0, 0, 0}),
                "timesSeconds", "1.0");
        assertMessage(() -> Waveform.piecewiseLinear(new double[] {0, 1, 1, 1}, new double[] {0, 0, 0, 0}),
                "three", "1.0");
        assertMessage(() -> Waveform.piecewiseLinear(new double[] {0, 1}, new double[] {0, Double.NaN}),
                "volts[1]", "NaN");
        assertMessage(() -> Waveform.piecewiseLinear(new double[] {0, 1}, new double[] {0}), "length", "1");
        assertMessage(() -> Waveform.sine(1, 1, 1).voltage(2), "tSeconds", "2.0");
    }
}
