package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactCommandsTest {

    private static double[][] rows(String csv, String header) {
        List<String> lines = csv.lines().toList();
        assertEquals(header, lines.get(0));
        return lines.stream().skip(1).map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    /**
     * A memristor's I–V loop is pinched: I = V·G(state), so I = 0 wherever V = 0. And it is a
     * hysteresis loop: VTEAM's positive half-wave (above v_off = 0.02 V) switches the device
     * towards OFF, so the read conductance after the sweep's first half is below the start.
     */
    @Test
    void vteamSweepIsAPinchedHysteresisLoop() {
        CliRun run = CliRun.of("device", "iv-sweep", "--model", "vteam", "--samples", "201");
        assertEquals(0, run.status(), run.err());
        double[][] r = rows(run.out(), IvSweepCommand.HEADER);
        assertTrue(r.length >= 201);
        double gStart = r[0][4];
        double gMid = Double.NaN;
        for (double[] row : r) {
            if (Math.abs(row[1]) < 1e-12) {
                assertEquals(0.0, row[2], 1e-12 * 0.02, "current at V = 0, t = " + row[0]);
            }
            if (Math.abs(row[0] - 1e-8) < 1e-15) {
                gMid = row[4];
            }
        }
        assertTrue(gMid < 0.9 * gStart, "conductance after the positive half-wave " + gMid + " vs start " + gStart);
    }

    /**
     * SET pulses on an OFF Stanford-PKU device shrink its gap: the conductance rises pulse by pulse
     * until the gap reaches its lower bound, where the device reads MemTorch's R_on = 542 Ω at 0.1 V.
     */
    @Test
    void stanfordPkuSetPulsesRaiseConductanceMonotonically() {
        CliRun run = CliRun.of("device", "pulse-train", "--model", "stanford-pku", "--pulses", "20");
        assertEquals(0, run.status(), run.err());
        double[][] r = rows(run.out(), PulseTrainCommand.HEADER);
        assertEquals(21, r.length);
        for (int k = 1; k < r.length; k++) {
            assertEquals(k, (int) r[k][0]);
            assertTrue(r[k][1] >= r[k - 1][1], "pulse " + k + ": " + r[k][1] + " < " + r[k - 1][1]);
            if (k <= 5) {
                assertTrue(r[k][1] > r[k - 1][1], "pulse " + k + " did not move the device");
            }
        }
        assertEquals(1 / 542.0, r[20][1], 1e-3 / 542.0, "saturated at R_on");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "iv-sweep --model memristor9000|--model must be one of [vteam, stanford-pku], got 'memristor9000'",
        "iv-sweep --samples 1|--samples must be at least 2, got 1",
        "iv-sweep --frequency-hz NaN|NaN",
        "pulse-train --pulses 0|--pulses must be positive, got 0",
        "pulse-train --start sideways|--start must be on or off, got 'sideways'",
        "pulse-train --width-s -1e-9|widthSeconds must be positive and finite, got -1.0E-9",
    })
    void badInputExitsTwoWithOneLine(String spec) {
        String[] parts = spec.split("\\|");
        CliRun run = CliRun.of(("device " + parts[0]).split(" "));
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(parts[1]), run.err());
    }
}
