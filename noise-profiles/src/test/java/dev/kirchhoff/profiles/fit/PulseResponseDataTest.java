package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pulse-response CSVs: the layout of {@code kirchhoff device pulse-response}, and every bad input. */
class PulseResponseDataTest {
    /** 2 devices × 2 cycles × (3 up + 3 down) = 12 reads per device, with a misspelt header cell inserted by tests. */
    private static String csv(String header, int devices, int cycles, int perDirection) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int d = 0; d < devices; d++) {
            for (int c = 0; c < cycles; c++) {
                for (int p = 0; p < 2 * perDirection; p++) {
                    int pol = p < perDirection ? 1 : -1;
                    b.append(d).append(',').append(c).append(',').append(p).append(',').append(pol).append(',')
                            .append(1e-6 * (1 + d + 0.1 * p)).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static final String HEADER = "device,cycle,pulse_index,polarity,conductance_siemens";

    private static DataFormatException bad(String text) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> PulseResponseData.parse(text, "m.csv"));
        assertTrue(e.getMessage().startsWith("m.csv"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void readsTheCommandsLayoutInAnyColumnOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pulses.csv");
        // Columns permuted and an extra column: the reader goes by name.
        StringBuilder b = new StringBuilder("polarity,conductance_siemens,note,device,pulse_index,cycle\n");
        for (int d = 0; d < 2; d++) {
            for (int c = 0; c < 4; c++) {
                for (int p = 0; p < 12; p++) {
                    b.append(p < 6 ? "1" : "-1").append(',').append(2e-6 + 1e-7 * p).append(",x,dev").append(d)
                            .append(',').append(p).append(',').append(c).append('\n');
                }
            }
        }
        Files.writeString(file, b.toString());
        PulseResponseData data = PulseResponseData.read(file);
        assertEquals(2, data.devices());
        assertEquals(4, data.cycles());
        assertEquals(12, data.pulsesPerCycle());
        assertEquals(48, data.pulses());
        assertEquals(-1, data.polarity(6));
        assertEquals(1, data.polarity(12));
        assertEquals(2e-6 + 1e-7 * 5, data.conductance(1, 12 + 5), 0);
        assertEquals("dev1", data.deviceLabels().get(1));
    }

    @Test
    void missingColumn() {
        String e = bad(csv("device,cycle,pulse_index,conductance_siemens,polarity", 1, 1, 1)
                .replace("device,cycle,pulse_index,conductance_siemens,polarity", "device,cycle,pulse_index,conductance_siemens")
                .lines().map(l -> l.substring(0, l.lastIndexOf(','))).reduce("", (x, y) -> x + y + "\n"))
                .getMessage();
        assertTrue(e.contains("missing column"), e);
    }

    @Test
    void misspelledColumnIsNamedWithAHint() {
        String e = bad(csv("device,cycle,pulse_index,polarity,conductance_S", 2, 2, 10)).getMessage();
        assertTrue(e.contains("missing column 'conductance_siemens'"), e);
    }

    @Test
    void nonNumericCellNamesFileAndLine() {
        String text = csv(HEADER, 2, 2, 10).replaceFirst("\n0,0,2,1,[^\n]*", "\n0,0,2,1,abc");
        String e = bad(text).getMessage();
        assertTrue(e.startsWith("m.csv:4: column 'conductance_siemens': 'abc'"), e);
    }

    @Test
    void polarityMustBePlusOrMinusOne() {
        String text = csv(HEADER, 2, 2, 10).replaceFirst("\n0,0,2,1,", "\n0,0,2,0,");
        String e = bad(text).getMessage();
        assertTrue(e.startsWith("m.csv:4: column 'polarity' must be +1 or -1, got 0"), e);
    }

    @Test
    void cycleMustBeANonNegativeInteger() {
        String e = bad(csv(HEADER, 2, 2, 10).replaceFirst("\n0,0,2,", "\n0,0.5,2,")).getMessage();
        assertTrue(e.startsWith("m.csv:4: column 'cycle' must be an integer >= 0, got 0.5"), e);
    }

    @Test
    void negativeConductance() {
        String e = bad(csv(HEADER, 2, 2, 10).replaceFirst("\n0,0,2,1,[^\n]*", "\n0,0,2,1,-1e-6")).getMessage();
        assertTrue(e.startsWith("m.csv:4: column 'conductance_siemens' must be >= 0"), e);
    }

    @Test
    void raggedGridNamesTheMissingRead() {
        // Device 1 lacks cycle 1, pulse_index 19 (the last line).
        String text = csv(HEADER, 2, 2, 10);
        text = text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1);
        String e = bad(text).getMessage();
        assertTrue(e.contains("ragged grid: device '1' has no read at cycle 1, pulse_index 19"), e);
    }

    @Test
    void duplicateReadNamesBothLines() {
        String text = csv(HEADER, 2, 2, 10) + "0,0,0,1,1e-6\n";
        String e = bad(text).getMessage();
        assertTrue(e.contains("device '0' has a second read at cycle 0, pulse_index 0 (first on line 2)"), e);
    }

    @Test
    void polarityMustAgreeAcrossDevices() {
        // Device 1, cycle 0, pulse 0 is line 2 + 40 = 42.
        String text = csv(HEADER, 2, 2, 10).replaceFirst("\n1,0,0,1,", "\n1,0,0,-1,");
        String e = bad(text).getMessage();
        assertTrue(e.startsWith("m.csv:42: polarity -1 at cycle 0, pulse_index 0 differs from 1 on line 2"), e);
    }

    @Test
    void everyCycleNeedsBothDirections() {
        String text = csv(HEADER, 1, 3, 10).replaceAll("\n0,2,(1\\d),-1,", "\n0,2,$1,1,");
        String e = bad(text).getMessage();
        assertTrue(e.contains("cycle 2 has 20 potentiation and 0 depression pulses"), e);
    }

    @Test
    void tooFewPoints() {
        String e = bad(csv(HEADER, 3, 1, 10)).getMessage();
        assertEquals("m.csv: too few points, 20 reads per device, need at least 40", e);
    }

    @Test
    void missingFile(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PulseResponseData.read(dir.resolve("none.csv")));
        assertTrue(e.getMessage().endsWith("none.csv: no such file"), e.getMessage());
    }
}
