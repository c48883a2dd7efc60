package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MvmCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * Ideal crossbar: I_j = Σ_i V_i·G_ij. With G in whole microsiemens and V in whole tenths of
     * a volt every product and partial sum is exact enough that the result is the correctly
     * rounded value of the decimal expected here; compared to 1 ulp.
     */
    @Test
    void idealProductIsVTransposeG() throws Exception {
        Path g = write("G.csv", "1e-6,2e-6,3e-6\n4e-6,5e-6,6e-6\n");
        Path v = write("V.csv", "0.1,0.2\n-0.3,0.5\n");
        Path out = dir.resolve("I.csv");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        double[][] expected = {{0.9e-6, 1.2e-6, 1.5e-6}, {1.7e-6, 1.9e-6, 2.1e-6}};
        for (int k = 0; k < 2; k++) {
            String[] f = lines.get(k).split(",");
            assertEquals(3, f.length);
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[k][j], Double.parseDouble(f[j]), Math.ulp(expected[k][j]), "I[" + k + "][" + j + "]");
            }
        }
    }

    @Test
    void outputIsFullPrecisionAndGoesToStdoutWithoutOut() throws Exception {
        Path g = write("G.csv", "0.1\n");
        Path v = write("V.csv", "0.3\n");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(0.3 * 0.1, Double.parseDouble(run.out().strip()), 0.0, "round-trips bit for bit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ragged G|1e-6,2e-6\\n3e-6\\n|0.1,0.2\\n|G.csv: line 2: expected 2 values (as on line 1), got 1",
        "non-numeric G|1e-6,abc\\n|0.1\\n|G.csv: line 1, field 2: 'abc' is not a number",
        "NaN in G|1e-6,NaN\\n|0.1\\n|G.csv: line 1, field 2: NaN is not a finite number",
        "infinity in V|1e-6\\n|Infinity\\n|V.csv: line 1, field 1: Infinity is not a finite number",
        "negative G|1e-6,-2e-6\\n|0.1\\n|G.csv: line 1, field 2: negative conductance -2.0E-6",
        "empty V|1e-6\\n|  \\n|V.csv: the file is empty",
        "mismatched|1e-6,2e-6\\n3e-6,4e-6\\n|0.1,0.2,0.3\\n|V.csv: line 1: 3 voltages per line, but",
        "empty field|1e-6,,2e-6\\n|0.1\\n|G.csv: line 1, field 2: '' is not a number",
        "blank line inside|1e-6\\n\\n2e-6\\n|0.1,0.2\\n|G.csv: line 2: blank line inside the data",
    })
    void badInputExitsTwoWithOneLineAndNoOutput(String name, String gText, String vText, String message) throws Exception {
        Path g = write("G.csv", gText.replace("\\n", "\n"));
        Path v = write("V.csv", vText.replace("\\n", "\n"));
        Path out = dir.resolve("I.csv");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().startsWith("kirchhoff mvm: "), run.err());
        assertTrue(run.err().contains(message.replace("G.csv", g.toString()).replace("V.csv", v.toString())), run.err());
        assertFalse(Files.exists(out), "no output file on failure");
    }

    @Test
    void negativeResistanceAndMissingFileExitTwo() throws Exception {
        Path g = write("G.csv", "1e-6\n");
        Path v = write("V.csv", "0.1\n");
        CliRun neg = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--r-row", "-1");
        assertEquals(2, neg.status());
        assertTrue(neg.oneErrorLine(), neg.err());
        assertTrue(neg.err().contains("rRowOhms must be non-negative and finite, got -1.0"), neg.err());
        CliRun missing = CliRun.of("mvm", "--conductance", dir.resolve("nope.csv").toString(), "--voltages", v.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());
        CliRun noArgs = CliRun.of("mvm");
        assertEquals(2, noArgs.status());
        assertTrue(noArgs.oneErrorLine(), noArgs.err());
    }

    /**
     * One cell with wires: the source, the row segment, the device and the column segment are in
     * series, I = V/(r_row + 1/G + r_col) = 1 V/(10 + 1000 + 20) Ω, and the cell sees
     * V·(1/G)/(r_row + 1/G + r_col) = 1000/1030 V. The solver's residual bound is 1e-10.
     */
    @Test
    void wireResistanceIsSolvedExactlyWithAnIrDropMap() throws Exception {
        Path g = write("G.csv", "1e-3\n");
        Path v = write("V.csv", "1.0\n");
        Path map = dir.resolve("map.csv");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--r-row", "10",
                "--r-col", "20", "--ir-map", map.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(1.0 / 1030, Double.parseDouble(run.out().strip()), 1e-10 / 1030);
        assertEquals(1000.0 / 1030, Double.parseDouble(Files.readString(map).strip()), 1e-10);
    }

    /** Nonlinear I-V without wires: every cell sees its row voltage, I = G·V0·sinh(V/V0). */
    @Test
    void sinhDevicesWithoutWires() throws Exception {
        Path g = write("G.csv", "1e-5,2e-5\n");
        Path v = write("V.csv", "0.3\n");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--iv", "sinh:0.25");
        assertEquals(0, run.status(), run.err());
        String[] f = run.out().strip().split(",");
        for (int j = 0; j < 2; j++) {
            double expected = (j + 1) * 1e-5 * 0.25 * Math.sinh(0.3 / 0.25);
            assertEquals(expected, Double.parseDouble(f[j]), 1e-12 * expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--iv|cubic|--iv must be linear, sinh:V0 or poly:NL2,NL3",
        "--iv|sinh:abc|--iv must be linear, sinh:V0 or poly:NL2,NL3",
        "--iv|sinh:-1|--iv sinh:-1: ",
        "--ir-map-vector|3|--ir-map-vector must be in [0, 0]",
    })
    void badOptionsExitTwo(String option, String value, String message) throws Exception {
        Path g = write("G.csv", "1e-6\n");
        Path v = write("V.csv", "0.1\n");
        CliRun run = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), option, value,
                "--ir-map", dir.resolve("m.csv").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(Files.exists(dir.resolve("m.csv")));
    }

    /**
     * DAC and ADC: with 3 bits on [−0.4, 0.4] V the input grid step is 0.8/6 V, so 0.25 V rounds
     * to 2·(0.8/6) = 0.2667 V; with G = 1 S the current is that many amperes, and a 2-bit ADC on
     * [−0.3, 0.3] A has step 0.3 A, so the output is 0.3 A (clipped at the bound).
     */
    @Test
    void converterOptionsQuantiseInputsAndOutputs() throws Exception {
        Path g = write("G.csv", "1.0\n");
        Path v = write("V.csv", "0.25\n");
        CliRun dacOnly = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--dac-bits", "3",
                "--v-max", "0.4");
        assertEquals(0, dacOnly.status(), dacOnly.err());
        assertEquals(2 * 0.8 / 6, Double.parseDouble(dacOnly.out().strip()), 1e-15);
        CliRun both = CliRun.of("mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--dac-bits", "3",
                "--v-max", "0.4", "--adc-bits", "2", "--i-max", "0.3");
        assertEquals(0, both.status(), both.err());
        assertEquals(0.3, Double.parseDouble(both.out().strip()), 1e-15);
    }

    /** Output noise is seeded: the same seed gives the same bytes, another seed other bytes. */
    @Test
    void outputNoiseIsReproducibleFromItsSeed() throws Exception {
        Path g = write("G.csv", "1e-6,2e-6\n3e-6,4e-6\n");
        Path v = write("V.csv", "0.1,0.2\n");
        String[] base = {"mvm", "--conductance", g.toString(), "--voltages", v.toString(), "--output-noise-amperes", "1e-8"};
        String a = CliRun.of(concat(base, "--seed", "5")).out();
        String b = CliRun.of(concat(base, "--seed", "5")).out();
        String c = CliRun.of(concat(base, "--seed", "6")).out();
        assertEquals(a, b);
        assertFalse(a.equals(c));
        CliRun bad = CliRun.of(concat(base, "--adc-bits", "4"));
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--adc-bits needs --i-max"), bad.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
