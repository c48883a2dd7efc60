package dev.kirchhoff.profiles.fit;

import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.inference.DriftModel;
import dev.kirchhoff.device.inference.InferenceDeviceArray;
import dev.kirchhoff.device.inference.InferenceDeviceModel;
import dev.kirchhoff.device.inference.ProgrammingNoise;
import dev.kirchhoff.device.inference.ReadNoise;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Measurement CSVs simulated with the project's own device models ({@link InferenceDeviceArray}),
 * for the recovery tests: what a lab would record from an array with known parameters.
 */
final class InferenceFitData {
    private InferenceFitData() {
    }

    /** Targets spread uniformly over [lo, hi]·g_max, device i at lo + (hi − lo)·(i + ½)/n. */
    static double[] uniformTargets(int devices, double gMax, double lo, double hi) {
        double[] t = new double[devices];
        for (int i = 0; i < devices; i++) {
            t[i] = gMax * (lo + (hi - lo) * (i + 0.5) / devices);
        }
        return t;
    }

    /** Targets spread log-uniformly over [lo, hi]·g_max. */
    static double[] logUniformTargets(int devices, double gMax, double lo, double hi) {
        double[] t = new double[devices];
        for (int i = 0; i < devices; i++) {
            t[i] = gMax * lo * Math.pow(hi / lo, (i + 0.5) / devices);
        }
        return t;
    }

    /**
     * {@code device,read_index,conductance_siemens}: devices programmed exactly to the targets (no
     * programming noise, no drift), each read {@code reads} times at t_inference = 0.
     */
    static MeasurementCsv reads(ReadNoise noise, double gMax, double[] targets, int reads, UniformRandomProvider rng) {
        InferenceDeviceModel model = InferenceDeviceModel.ideal(new ConductanceRange(0, gMax)).withReadNoise(noise);
        InferenceDeviceArray array = new InferenceDeviceArray(model, targets.length);
        array.program(targets, rng);
        double[][] g = new double[reads][targets.length];
        for (int j = 0; j < reads; j++) {
            array.readAt(0, rng, g[j]);
        }
        StringBuilder csv = new StringBuilder("device,read_index,conductance_siemens\n");
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < reads; j++) {
                csv.append('d').append(i).append(',').append(j).append(',').append(g[j][i]).append('\n');
            }
        }
        return MeasurementCsv.parse(csv.toString(), "reads.csv", ReadNoiseFit.DEVICE_COLUMN,
                ReadNoiseFit.READ_INDEX_COLUMN, ReadNoiseFit.CONDUCTANCE_COLUMN);
    }

    /**
     * {@code device,time_seconds,conductance_siemens}: devices programmed exactly to the targets,
     * drawing ν from {@code drift}, read with {@code readNoise} at the times (s since programming,
     * the first equal to the model's t_0, so t_inference = t − t_0).
     */
    static MeasurementCsv drift(DriftModel drift, ReadNoise readNoise, double gMax, double[] targets, double[] times,
            UniformRandomProvider rng) {
        InferenceDeviceModel model = InferenceDeviceModel.ideal(new ConductanceRange(0, gMax)).withDrift(drift)
                .withReadNoise(readNoise);
        InferenceDeviceArray array = new InferenceDeviceArray(model, targets.length);
        array.program(targets, rng);
        double[][] g = new double[times.length][targets.length];
        for (int j = 0; j < times.length; j++) {
            array.readAt(times[j] - drift.t0Seconds(), rng, g[j]);
        }
        StringBuilder csv = new StringBuilder("device,time_seconds,conductance_siemens\n");
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < times.length; j++) {
                csv.append('d').append(i).append(',').append(times[j]).append(',').append(g[j][i]).append('\n');
            }
        }
        return MeasurementCsv.parse(csv.toString(), "drift.csv", DriftFit.DEVICE_COLUMN, DriftFit.TIME_COLUMN,
                DriftFit.CONDUCTANCE_COLUMN);
    }

    /**
     * {@code device,target_siemens,conductance_siemens}: one programming of each target, plus
     * {@code offsetSiemens} on every conductance (a programming bias).
     */
    static MeasurementCsv programming(ProgrammingNoise noise, double gMax, double[] targets, double offsetSiemens,
            UniformRandomProvider rng) {
        InferenceDeviceModel model = InferenceDeviceModel.ideal(new ConductanceRange(0, gMax)).withProgrammingNoise(noise);
        InferenceDeviceArray array = new InferenceDeviceArray(model, targets.length);
        array.program(targets, rng);
        StringBuilder csv = new StringBuilder("device,target_siemens,conductance_siemens\n");
        for (int i = 0; i < targets.length; i++) {
            csv.append('d').append(i).append(',').append(targets[i]).append(',')
                    .append(array.programmed(i) + offsetSiemens).append('\n');
        }
        return MeasurementCsv.parse(csv.toString(), "programming.csv", ProgrammingFit.DEVICE_COLUMN,
                ProgrammingFit.TARGET_COLUMN, ProgrammingFit.CONDUCTANCE_COLUMN);
    }

    /** max over g in [lo, hi]·g_max (201 points) of |fitted(G) − truth(G)|/truth(G). */
    static double maxRelativeError(java.util.function.DoubleUnaryOperator fitted,
            java.util.function.DoubleUnaryOperator truth, double gMax, double lo, double hi) {
        double worst = 0;
        for (int k = 0; k <= 200; k++) {
            double g = gMax * (lo + (hi - lo) * k / 200);
            double t = truth.applyAsDouble(g);
            worst = Math.max(worst, Math.abs(fitted.applyAsDouble(g) - t) / t);
        }
        return worst;
    }
}
