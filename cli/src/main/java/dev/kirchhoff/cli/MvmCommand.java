package dev.kirchhoff.cli;

import dev.kirchhoff.crossbar.Adc;
import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.CrossbarEngine;
import dev.kirchhoff.crossbar.Dac;
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
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
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

    @Option(names = "--dac-bits", paramLabel = "BITS", defaultValue = "0",
            description = "Quantise the input voltages to 2^BITS − 1 levels on [−V_MAX, V_MAX] (default: 0, exact).")
    int dacBits;

    @Option(names = "--v-max", paramLabel = "V", description = "DAC range (default: max |V| in V.csv).")
    Double vMaxVolts;

    @Option(names = "--adc-bits", paramLabel = "BITS", defaultValue = "0",
            description = "Quantise the output currents to 2^BITS − 1 levels on [−I_MAX, I_MAX] (default: 0, exact).")
    int adcBits;

    @Option(names = "--i-max", paramLabel = "A", description = "ADC range; needed with --adc-bits.")
    Double iMaxAmperes;

    @Option(names = "--output-noise-amperes", paramLabel = "A", defaultValue = "0",
            description = "σ of Gaussian noise added to every output current before the ADC (default: 0).")
    double outputNoiseAmperes;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the output noise (default: ${DEFAULT-VALUE}).")
    long seed;

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
        Dac dac = dac(v);
        Adc adc = adc();
        if (!(outputNoiseAmperes >= 0 && outputNoiseAmperes < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output-noise-amperes must be non-negative and finite, got " + outputNoiseAmperes);
        }
        double[] drive = v.values();
        if (dac != null) {
            drive = drive.clone();
            for (int k = 0; k < drive.length; k++) {
                drive[k] = dac.convert(drive[k]);
            }
        }
        ConductanceMatrix matrix = ConductanceMatrix.of(g.rows(), g.cols(), g.values());
        boolean ideal = wires.ideal() && curve instanceof LinearIv;
        CrossbarEngine engine = ideal ? new IdealCrossbar(matrix)
                : new IrDropCrossbar(matrix, wires, IrDropOptions.DEFAULT.withIv(curve));
        double[] currents = new double[v.rows() * g.cols()];
        engine.forward(drive, v.rows(), currents);
        if (outputNoiseAmperes > 0) {
            ZigguratSampler.NormalizedGaussian gauss =
                    ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(seed));
            for (int k = 0; k < currents.length; k++) {
                currents[k] += outputNoiseAmperes * gauss.sample();
            }
        }
        if (adc != null) {
            for (int k = 0; k < currents.length; k++) {
                currents[k] = adc.convert(currents[k], iMaxAmperes);
            }
        }
        if (irMap != null) {
            IrDropCrossbar circuit = engine instanceof IrDropCrossbar c ? c
                    : new IrDropCrossbar(matrix, wires, IrDropOptions.DEFAULT.withIv(curve));
            double[] one = java.util.Arrays.copyOfRange(drive, irMapVector * g.rows(), (irMapVector + 1) * g.rows());
            double[] map = new double[g.rows() * g.cols()];
            circuit.cellVoltages(one, map);
            AtomicOutput.write(irMap, spec.commandLine().getOut(), w -> writeRows(w, map, g.rows(), g.cols()));
        }
        AtomicOutput.write(out, spec.commandLine().getOut(), w -> writeRows(w, currents, v.rows(), g.cols()));
        return 0;
    }

    /** The input DAC, or null when inputs are exact. */
    private Dac dac(CsvMatrix v) {
        if (dacBits == 0) {
            return null;
        }
        double range = vMaxVolts != null ? vMaxVolts : java.util.Arrays.stream(v.values()).map(Math::abs).max().orElse(0);
        if (range == 0) {
            range = 1; // all inputs are zero: any range represents them exactly
        }
        try {
            return new Dac(dacBits, range, false);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dac-bits/--v-max: " + e.getMessage());
        }
    }

    /** The output ADC, or null when outputs are exact. */
    private Adc adc() {
        if (adcBits == 0) {
            return null;
        }
        if (iMaxAmperes == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--adc-bits needs --i-max");
        }
        try {
            return Adc.fixed(adcBits, iMaxAmperes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--adc-bits/--i-max: " + e.getMessage());
        }
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
