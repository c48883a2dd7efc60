package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementCsvTest {
    private static MeasurementCsv parse(String text) {
        return MeasurementCsv.parse(text, "d.csv", "device", "time_seconds", "conductance_siemens");
    }

    private static String error(String text) {
        return assertThrows(DataFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsColumnsInAnyOrderAndNumbersDevicesByFirstAppearance() {
        MeasurementCsv csv = parse("""
                # a comment
                conductance_siemens,extra,device,time_seconds
                1e-6,x,B7,1

                2e-6,y,A1,2
                3e-6,z,B7,4
                """);
        assertEquals(3, csv.rows());
        assertEquals(2, csv.deviceCount());
        assertEquals(List.of("B7", "A1"), csv.deviceLabels());
        assertArrayEquals(new int[] {0, 1, 0}, csv.device());
        assertArrayEquals(new double[] {1, 2, 4}, csv.column("time_seconds"));
        assertArrayEquals(new double[] {1e-6, 2e-6, 3e-6}, csv.column("conductance_siemens"));
        assertEquals(6, csv.lineOf(2));
    }

    @Test
    void aMisspelledColumnIsNamedWithAHint() {
        String msg = error("device,time_second,conductance_siemens\n0,1,1e-6\n");
        assertEquals("d.csv: missing column 'time_seconds' (header: device,time_second,conductance_siemens; "
                + "did you mean 'time_second'?)", msg);
        String far = error("device,zzz,conductance_siemens\n0,1,1e-6\n");
        assertTrue(far.endsWith("(header: device,zzz,conductance_siemens)"), far);
    }

    @Test
    void badCellsAreNamedWithFileLineAndColumn() {
        assertEquals("d.csv:3: column 'conductance_siemens': 'abc' is not a number",
                error("device,time_seconds,conductance_siemens\n0,1,1e-6\n0,2,abc\n"));
        assertEquals("d.csv:2: column 'time_seconds': 'NaN' is not a finite number",
                error("device,time_seconds,conductance_siemens\n0,NaN,1e-6\n"));
        assertEquals("d.csv:2: column 'conductance_siemens': 'Infinity' is not a finite number",
                error("device,time_seconds,conductance_siemens\n0,1,Infinity\n"));
        assertEquals("d.csv:3: expected 3 cells as in the header (line 1), got 2",
                error("device,time_seconds,conductance_siemens\n0,1,1e-6\n0,2\n"));
        assertEquals("d.csv:2: column 'device' is empty", error("device,time_seconds,conductance_siemens\n,1,1e-6\n"));
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRejected(@TempDir Path dir) {
        assertTrue(error("").startsWith("d.csv: the file is empty"));
        assertTrue(error("# only a comment\n\n").startsWith("d.csv: the file is empty"));
        assertEquals("d.csv: no data rows after the header", error("device,time_seconds,conductance_siemens\n"));
        Path missing = dir.resolve("none.csv");
        String msg = assertThrows(DataFormatException.class,
                () -> MeasurementCsv.read(missing, "device", "time_seconds")).getMessage();
        assertEquals(missing + ": no such file", msg);
    }
}
