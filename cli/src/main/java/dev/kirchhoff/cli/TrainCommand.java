package dev.kirchhoff.cli;

import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.profiles.NoiseProfile;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.analog.AnalogSgdConfig;
import dev.kirchhoff.training.pipeline.ModelTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kirchhoff train}: trains a dense network on the bundled MNIST-10k (8,000 training
 * images) in one of the modes of {@link ModelTraining} and writes it as one model file
 * ({@link ModelFile}: JSON header, CRC-checked float32 weights), atomically.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network on MNIST-10k and save it as a model file.",
            "Modes: fp (floating point), hwa (noise in the loop on a profile's devices),",
            "analog (in-situ: every update pulses the profile's devices, e.g. rram-soft-bounds),",
            "snn (a spiking network: converted from a trained ANN, or trained through time with",
            "--snn-training surrogate). One line per epoch on",
            "stderr; the last line on stdout is",
            "  model=FILE mode=M test_accuracy=A epochs=E seconds=S"})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", required = true,
            description = "Layer sizes, input first, e.g. 784,256,128,10.")
    int[] layers;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fp",
            description = "fp, hwa, analog or snn (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--snn-training", paramLabel = "HOW", defaultValue = "conversion",
            description = "For --mode snn: conversion (train an ANN, convert by threshold balancing) or "
                    + "surrogate (train the spiking network through time) (default: ${DEFAULT-VALUE}).")
    String snnTraining;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Noise profile, a preset name or a JSON file; required for hwa and analog.")
    String profile;

    @Option(names = "--devices-per-cell", paramLabel = "D",
            defaultValue = "" + ModelTraining.ANALOG_DEVICES_PER_CELL,
            description = "For --mode analog: devices per weight, 1 to " + AnalogSgdConfig.MAX_DEVICES_PER_CELL
                    + "; more than 1 is aihwkit's VectorUnitCell, each update pulsing one device of the cell chosen"
                    + " at random; the cell's weight span is 0.4·√D (default: ${DEFAULT-VALUE}, as aihwkit's"
                    + " ReRamSB4Preset).")
    int devicesPerCell;

    @Option(names = "--ir-drop-ohms", paramLabel = "OHMS", defaultValue = "0",
            description = "For --mode hwa: put the IR drop of 256×256 tiles with this resistance per wire segment in the"
                    + " loop (exact circuit, recomputed every epoch, about 7 s per epoch for 784-256-128-10;"
                    + " default: ${DEFAULT-VALUE}, ideal wires).")
    double irDropOhms;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "15", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of initialisation, shuffling and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "Threads (results do not depend on it; default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "The model file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        ModelHeader.Mode m = parseMode(cl, mode);
        if (epochs < 1) {
            throw new CommandLine.ParameterException(cl, "--epochs must be at least 1, got " + epochs);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1, got " + threads);
        }
        ModelTraining.Options options;
        try {
            options = new ModelTraining.Options(devicesPerCell, irDropOhms);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage().replace("analogDevicesPerCell", "--devices-per-cell")
                    .replace("hwaIrDropWireOhms", "--ir-drop-ohms"));
        }
        if (irDropOhms > 0 && m != ModelHeader.Mode.HWA) {
            throw new CommandLine.ParameterException(cl, "--ir-drop-ohms is for --mode hwa, got --mode " + m.label());
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(out + ": the folder does not exist");
        }
        NoiseProfile p = null;
        if (profile != null) {
            p = Presets.resolve(profile);
            if (m == ModelHeader.Mode.ANALOG) {
                p.requirePulsedUpdate();
            }
        } else if (m == ModelHeader.Mode.HWA || m == ModelHeader.Mode.ANALOG) {
            throw new CommandLine.ParameterException(cl, "--mode " + m.label() + " needs --profile NAME|FILE");
        }
        ModelTraining.SpikingMethod spiking;
        if ("conversion".equals(snnTraining)) {
            spiking = ModelTraining.SpikingMethod.CONVERSION;
        } else if ("surrogate".equals(snnTraining)) {
            spiking = ModelTraining.SpikingMethod.SURROGATE;
        } else {
            throw new CommandLine.ParameterException(cl, "--snn-training must be conversion or surrogate, got '"
                    + snnTraining + "'");
        }
        Mnist.Split data = Mnist.split();
        ModelTraining.checkSizes(layers, data);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withSeed(seed).withThreads(threads);
        PrintWriter err = cl.getErr();
        long t0 = System.nanoTime();
        ModelTraining.Result r = ModelTraining.train(m, layers, p, config, spiking, options, data, e -> {
            err.printf(Locale.ROOT, "train: epoch %d/%d loss=%.4f train_accuracy=%.4f (%.1f s)%n", e.epoch(), epochs,
                    e.loss(), e.trainAccuracy(), e.seconds());
            err.flush();
        }, () -> Thread.currentThread().isInterrupted());
        double seconds = (System.nanoTime() - t0) * 1e-9;
        ModelFile.write(out, r.header(), r.network());
        PrintWriter o = cl.getOut();
        o.printf(Locale.ROOT, "model=%s mode=%s test_accuracy=%.4f epochs=%d seconds=%.1f%n", out, m.label(),
                r.testAccuracy(), r.epochs().size(), seconds);
        o.flush();
        return 0;
    }

    static ModelHeader.Mode parseMode(CommandLine cl, String label) {
        try {
            return ModelHeader.Mode.of(label);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--mode must be one of fp, hwa, analog, snn, got '" + label + "'");
        }
    }
}
