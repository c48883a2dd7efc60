package dev.kirchhoff.cli;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.CrossbarEngine;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.crossbar.ir.IrDropCrossbar;
import dev.kirchhoff.crossbar.ir.IrDropOptions;
import dev.kirchhoff.device.iv.IvCurve;
import dev.kirchhoff.device.iv.LinearIv;
import dev.kirchhoff.device.iv.PolynomialIv;
import dev.kirchhoff.device.iv.SinhIv;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kirchhoff mvm}: the crossbar's matrix-vector product, ideal or with IR drop solved
 * exactly (ARCHITECTURE.md, "the crossbar circuit convention").
 */
@Command(name = "mvm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Column currents of a crossbar for a batch of row-voltage vectors.",
            "G.csv: M lines of N conductances (S). V.csv: K lines of M voltages (V).",
            "Output: K lines of N currents (A), full double precision. With no wire resistance and",
            "linear devices the product is ideal, I = V^T G; otherwise the circuit (rows driven at",
            "column 0, columns sensed at row M-1) is solved exactly: relative residual <= 1e-10,",
            "Newton for nonlinear I-V (KCL residual <= 1e-9 of the source current)."})
final class MvmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--conductance", paramLabel = "G.csv", required = true, description = "M×N conductances (S).")
    Path conductance;

    @Option(names = "--voltages", paramLabel = "V.csv", required = true, description = "K×M input voltages (V).")
    Path voltages;

    @Option(names = "--r-row", paramLabel = "OHMS", defaultValue = "0", description = "Row wire segment resistance (default: 0).")
    double rRowOhms;

    @Option(names = "--r-col", paramLabel = "OHMS", defaultValue = "0", description = "Column wire segment resistance (default: 0).")
    double rColOhms;

    @Option(names = "--r-driver", paramLabel = "OHMS", defaultValue = "0", description = "Row driver output resistance (default: 0).")
    double rDriverOhms;

    @Option(names = "--r-sense", paramLabel = "OHMS", defaultValue = "0", description = "Column sense input resistance (default: 0).")
    double rSenseOhms;

    @Option(names = "--iv", paramLabel = "SPEC", defaultValue = "linear",
            description = "Device I-V: linear (I = G·V), sinh:V0 (I = G·V0·sinh(V/V0)), poly:NL2,NL3 "
                    + "(I = G·V + NL2·V² + NL3·V³) (default: ${DEFAULT-VALUE}).")
    String iv;

    @Option(names = "--ir-map", paramLabel = "FILE",
            description = "Also write the voltage across every cell (V), M lines of N, for one input vector.")
    Path irMap;

    @Option(names = "--ir-map-vector", paramLabel = "K", defaultValue = "0",
            description = "Which input vector (0-based line of V.csv) the IR-drop map is for (default: ${DEFAULT-VALUE}).")
    int irMapVector;

    @Option(names = "--out", paramLabel = "I.csv", description = "Output CSV (default: stdout). Written whole or not at all.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Wires wires;
        try {
            wires = new Wires(rRowOhms, rColOhms, rDriverOhms, rSenseOhms);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "wire resistance: " + e.getMessage());
        }
        CsvMatrix g = CsvMatrix.read(conductance);
        requireConductances(g);
        CsvMatrix v = CsvMatrix.read(voltages);
        if (v.cols() != g.rows()) {
            throw new IllegalArgumentException(voltages + ": line 1: " + v.cols() + " voltages per line, but "
                    + conductance + " has " + g.rows() + " rows");
        }
        if (irMapVector < 0 || irMapVector >= v.rows()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ir-map-vector must be in [0, "
                    + (v.rows() - 1) + "] for " + voltages + ", got " + irMapVector);
        }
        IvCurve curve = parseIv(iv);
        ConductanceMatrix matrix = ConductanceMatrix.of(g.rows(), g.cols(), g.values());
        boolean ideal = wires.ideal() && curve instanceof LinearIv;
        CrossbarEngine engine = ideal ? new IdealCrossbar(matrix)
                : new IrDropCrossbar(matrix, wires, IrDropOptions.DEFAULT.withIv(curve));
        double[] currents = new double[v.rows() * g.cols()];
        engine.forward(v.values(), v.rows(), currents);
        if (irMap != null) {
            IrDropCrossbar circuit = engine instanceof IrDropCrossbar c ? c
                    : new IrDropCrossbar(matrix, wires, IrDropOptions.DEFAULT.withIv(curve));
            double[] one = java.util.Arrays.copyOfRange(v.values(), irMapVector * g.rows(), (irMapVector + 1) * g.rows());
            double[] map = new double[g.rows() * g.cols()];
            circuit.cellVoltages(one, map);
            AtomicOutput.write(irMap, spec.commandLine().getOut(), w -> writeRows(w, map, g.rows(), g.cols()));
        }
        AtomicOutput.write(out, spec.commandLine().getOut(), w -> writeRows(w, currents, v.rows(), g.cols()));
        return 0;
    }

    /** {@code linear}, {@code sinh:V0} or {@code poly:NL2,NL3}. */
    private IvCurve parseIv(String text) {
        try {
            if (text.equals("linear")) {
                return LinearIv.INSTANCE;
            }
            if (text.startsWith("sinh:")) {
                return new SinhIv(Double.parseDouble(text.substring(5)));
            }
            if (text.startsWith("poly:")) {
                String[] c = text.substring(5).split(",", -1);
                if (c.length == 2) {
                    return PolynomialIv.of(Double.parseDouble(c[0]), Double.parseDouble(c[1]));
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iv " + text + ": " + e.getMessage());
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--iv must be linear, sinh:V0 or poly:NL2,NL3 (numbers), got '" + text + "'");
    }

    private static void requireConductances(CsvMatrix g) {
        double[] a = g.values();
        for (int k = 0; k < a.length; k++) {
            if (a[k] < 0) {
                throw new IllegalArgumentException(g.file() + ": line " + (k / g.cols() + 1) + ", field "
                        + (k % g.cols() + 1) + ": negative conductance " + a[k]);
            }
        }
    }

    static void writeRows(Writer w, double[] values, int rows, int cols) throws IOException {
        StringBuilder line = new StringBuilder(cols * 24);
        for (int r = 0; r < rows; r++) {
            line.setLength(0);
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(values[r * cols + c]);
            }
            line.append('\n');
            w.append(line);
        }
    }
}
