package dev.kirchhoff.profiles.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad measurement files for the three inference fits: each is a {@link DataFormatException}
 * whose message is one line naming the file and, where there is one, the line.
 */
class InferenceFitInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static DataFormatException fails(org.junit.jupiter.api.function.Executable e, String... parts) {
        DataFormatException ex = assertThrows(DataFormatException.class, e);
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String part : parts) {
            assertTrue(m.contains(part), "message lacks '" + part + "': " + m);
        }
        return ex;
    }

    /** Two reads of each of three devices, the smallest valid read-noise file. */
    private static final String READS = "device,read_index,conductance_siemens\n"
            + "a,0,1.00e-6\na,1,1.02e-6\nb,0,5.0e-6\nb,1,5.1e-6\nc,0,9.0e-6\nc,1,8.8e-6\n";

    @Test
    void readNoiseAcceptsTheSmallestValidFile() throws Exception {
        ReadNoiseFit.Result r = ReadNoiseFit.fit(write("reads.csv", READS));
        assertEquals(3, r.summary().points());
    }

    @Test
    void readNoiseMisspelledColumn() throws Exception {
        Path p = write("reads.csv", READS.replace("conductance_siemens", "conductance_siemen"));
        fails(() -> ReadNoiseFit.fit(p), p.toString(), "missing column 'conductance_siemens'", "did you mean 'conductance_siemen'");
    }

    @Test
    void readNoiseMissingColumn() throws Exception {
        Path p = write("reads.csv", "device,conductance_siemens\na,1e-6\n");
        fails(() -> ReadNoiseFit.fit(p), p.toString(), "missing column 'read_index'");
    }

    @Test
    void readNoiseNonNumericCell() throws Exception {
        Path p = write("reads.csv", READS.replace("b,1,5.1e-6", "b,1,5.1uS"));
        fails(() -> ReadNoiseFit.fit(p), p + ":5:", "'5.1uS' is not a number");
    }

    @Test
    void readNoiseOneReadOfADevice() throws Exception {
        Path p = write("reads.csv", READS + "d,0,3e-6\n");
        fails(() -> ReadNoiseFit.fit(p), p + ":8:", "device 'd' has 1 read", "at least 2");
    }

    @Test
    void readNoiseTooFewDevices() throws Exception {
        Path p = write("reads.csv", "device,read_index,conductance_siemens\na,0,1e-6\na,1,1.1e-6\nb,0,2e-6\nb,1,2.1e-6\n");
        fails(() -> ReadNoiseFit.fit(p), p.toString(), "2 device(s)", "at least 3");
    }

    @Test
    void readNoiseWithoutAnyVariation() throws Exception {
        Path p = write("reads.csv", READS.replace("1.02e-6", "1.00e-6").replace("5.1e-6", "5.0e-6").replace("8.8e-6", "9.0e-6"));
        fails(() -> ReadNoiseFit.fit(p), p.toString(), "no read noise to fit");
    }

    @Test
    void readNoiseMissingFile() {
        Path p = dir.resolve("nope.csv");
        fails(() -> ReadNoiseFit.fit(p), p.toString(), "no such file");
    }

    /** Three devices at three times, the smallest valid drift file. */
    private static final String DRIFT = "device,time_seconds,conductance_siemens\n"
            + "a,20,10e-6\na,200,8.9e-6\na,2000,7.9e-6\n"
            + "b,20,5e-6\nb,200,4.4e-6\nb,2000,4.0e-6\n"
            + "c,20,2e-6\nc,200,1.7e-6\nc,2000,1.5e-6\n";

    @Test
    void driftAcceptsTheSmallestValidFile() throws Exception {
        DriftFit.Result r = DriftFit.fit(write("drift.csv", DRIFT));
        assertEquals(9, r.summary().points());
        assertEquals(20, r.model().t0Seconds(), 0);
    }

    @Test
    void driftTimesNotIncreasing() throws Exception {
        Path p = write("drift.csv", DRIFT.replace("b,2000,4.0e-6", "b,150,4.0e-6"));
        fails(() -> DriftFit.fit(p), p + ":7:", "device 'b'", "150.0 s is not after 200.0 s (line 6)", "increase strictly");
    }

    @Test
    void driftRepeatedTime() throws Exception {
        Path p = write("drift.csv", DRIFT.replace("c,200,1.7e-6", "c,20,1.7e-6"));
        fails(() -> DriftFit.fit(p), p + ":9:", "device 'c'", "is not after");
    }

    @Test
    void driftOneTimePerDevice() throws Exception {
        Path p = write("drift.csv", "device,time_seconds,conductance_siemens\na,20,1e-5\nb,20,5e-6\nc,20,2e-6\n");
        fails(() -> DriftFit.fit(p), p + ":2:", "device 'a' has 1 time(s)", "at least 3");
    }

    @Test
    void driftNonPositiveConductance() throws Exception {
        Path p = write("drift.csv", DRIFT.replace("c,2000,1.5e-6", "c,2000,0"));
        fails(() -> DriftFit.fit(p), p + ":10:", "conductance_siemens", "positive conductance", "got 0.0");
        Path q = write("drift2.csv", DRIFT.replace("a,200,8.9e-6", "a,200,-8.9e-6"));
        fails(() -> DriftFit.fit(q), q + ":3:", "got -8.9E-6");
    }

    @Test
    void driftNonPositiveTime() throws Exception {
        Path p = write("drift.csv", DRIFT.replace("a,20,10e-6", "a,0,10e-6"));
        fails(() -> DriftFit.fit(p), p + ":2:", "time_seconds", "must be positive");
    }

    @Test
    void driftMisspelledColumnAndBadCell() throws Exception {
        Path p = write("drift.csv", DRIFT.replace("time_seconds", "time_s"));
        fails(() -> DriftFit.fit(p), p.toString(), "missing column 'time_seconds'", "did you mean 'time_s'");
        Path q = write("drift2.csv", DRIFT.replace("b,200,4.4e-6", "b,2OO,4.4e-6"));
        fails(() -> DriftFit.fit(q), q + ":6:", "column 'time_seconds': '2OO' is not a number");
    }

    @Test
    void driftTooFewDevices() throws Exception {
        Path p = write("drift.csv", "device,time_seconds,conductance_siemens\na,20,1e-5\na,40,0.9e-5\na,80,0.8e-5\n");
        fails(() -> DriftFit.fit(p), p.toString(), "1 device(s)", "at least 3");
    }

    private static final String PROGRAMMING = "device,target_siemens,conductance_siemens\n"
            + "a,1e-6,1.1e-6\nb,5e-6,4.8e-6\nc,10e-6,10.3e-6\nd,20e-6,19.5e-6\n";

    @Test
    void programmingAcceptsASmallFile() throws Exception {
        ProgrammingFit.Result r = ProgrammingFit.fit(write("prog.csv", PROGRAMMING));
        assertEquals(4, r.summary().points());
        assertEquals(20e-6, r.model().gMaxSiemens(), 0);
    }

    @Test
    void programmingBadInput() throws Exception {
        Path missing = write("prog.csv", PROGRAMMING.replace("target_siemens", "targets"));
        fails(() -> ProgrammingFit.fit(missing), missing.toString(), "missing column 'target_siemens'");
        Path cell = write("prog2.csv", PROGRAMMING.replace("4.8e-6", "NaN"));
        fails(() -> ProgrammingFit.fit(cell), cell + ":3:", "'NaN' is not a finite number");
        Path negative = write("prog3.csv", PROGRAMMING.replace("4.8e-6", "-4.8e-6"));
        fails(() -> ProgrammingFit.fit(negative), negative + ":3:", "must not be negative");
        Path few = write("prog4.csv", "device,target_siemens,conductance_siemens\na,1e-6,1.1e-6\nb,2e-6,2.2e-6\n");
        fails(() -> ProgrammingFit.fit(few), few.toString(), "2 point(s)", "at least 3");
        Path exact = write("prog5.csv", "device,target_siemens,conductance_siemens\na,1e-6,1e-6\nb,2e-6,2e-6\nc,3e-6,3e-6\n");
        fails(() -> ProgrammingFit.fit(exact), exact.toString(), "no programming error to fit");
        Path empty = write("prog6.csv", "");
        fails(() -> ProgrammingFit.fit(empty), empty.toString(), "empty");
    }
}
