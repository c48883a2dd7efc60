package dev.kirchhoff.cli;

import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.datasets.Mnist;
import dev.kirchhoff.device.ConductanceRange;
import dev.kirchhoff.device.pulsed.ConstantStep;
import dev.kirchhoff.device.pulsed.PulseVariability;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.tiling.TilingOptions;
import dev.kirchhoff.tiling.chip.SpikingChip;
import dev.kirchhoff.tiling.encode.PoissonRateEncoder;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import dev.kirchhoff.tiling.hw.HardwareDescriptions;
import dev.kirchhoff.tiling.learning.DiehlCookMnist;
import dev.kirchhoff.tiling.learning.DiehlCookNetwork;
import dev.kirchhoff.tiling.learning.IdealSynapses;
import dev.kirchhoff.tiling.learning.MemristiveSynapses;
import dev.kirchhoff.tiling.learning.PlasticSynapses;
import dev.kirchhoff.tiling.learning.PulseRounding;
import dev.kirchhoff.tiling.snn.CubaNetwork;
import dev.kirchhoff.tiling.snn.LifParameters;
import dev.kirchhoff.tiling.snn.SpikingNetwork;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.pipeline.ModelTraining;
import dev.kirchhoff.training.snn.ConvertedNetwork;
import dev.kirchhoff.training.snn.InputCoding;
import dev.kirchhoff.training.snn.Readout;
import dev.kirchhoff.training.snn.SnnOnChip;
import dev.kirchhoff.training.snn.SnnSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kirchhoff snn …}: spiking-network simulations. */
@Command(name = "snn", mixinStandardHelpOptions = true,
        description = "Simulate spiking neural networks (event-driven, exact LIF integration).",
        subcommands = {SnnCommand.Cuba.class, SnnCommand.StdpMnist.class, SnnCommand.Chip.class})
final class SnnCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an snn command is required");
    }

    /**
     * {@code kirchhoff snn cuba}: the CUBA benchmark network (Vogels &amp; Abbott 2005; Brette et
     * al. 2007 benchmark 2). Prints the set-up, the mean rates and, as its last stdout line,
     * {@code spikes=N synaptic_events=N wall_seconds=X} (wall time of the simulation loop alone).
     */
    @Command(name = "cuba", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Run the CUBA benchmark network and print its rates.",
                "80%% excitatory LIF neurons with exponential currents, in-degree 80, dt 0.1 ms",
                "(Vogels & Abbott 2005). The last line is",
                "  spikes=N synaptic_events=N wall_seconds=X",
                "with X the wall time of the simulation loop (network set-up excluded)."})
    static final class Cuba implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--neurons", paramLabel = "N", description = "Number of neurons (default: ${DEFAULT-VALUE}).",
                defaultValue = "4000")
        int neurons;

        @Option(names = "--duration-s", paramLabel = "SECONDS", description = "Simulated time (default: ${DEFAULT-VALUE}).",
                defaultValue = "1")
        double durationSeconds;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).",
                defaultValue = "42")
        long seed;

        @Option(names = "--threads", paramLabel = "1|2",
                description = "Threads of the neuron update (default: 2 for N >= " + SpikingNetwork.PARALLEL_MIN_NEURONS
                        + " on 2+ cores, else 1); same results either way.")
        Integer threads;

        @Override
        public Integer call() {
            if (neurons < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--neurons must be at least 2, got " + neurons);
            }
            if (!(durationSeconds > 0 && durationSeconds < Double.POSITIVE_INFINITY)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--duration-s must be positive and finite, got " + durationSeconds);
            }
            double stepsExact = Math.rint(durationSeconds / CubaNetwork.DT_SECONDS);
            if (stepsExact < 1 || stepsExact > Integer.MAX_VALUE) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--duration-s must give between 1 and "
                        + Integer.MAX_VALUE + " steps of " + CubaNetwork.DT_SECONDS + " s, got " + durationSeconds);
            }
            if (threads != null && threads != 1 && threads != 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or 2, got " + threads);
            }
            int steps = (int) stepsExact;
            int nThreads = threads != null ? threads : SpikingNetwork.defaultThreads(neurons);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SpikingNetwork net = CubaNetwork.create(neurons, RandomSource.XO_SHI_RO_256_PP.create(seed)).threads(nThreads);
            out.printf(Locale.ROOT, "network=cuba neurons=%d excitatory=%d synapses=%d seed=%d dt_seconds=%s steps=%d threads=%d%n",
                    neurons, CubaNetwork.excitatoryCount(neurons), net.recurrent().synapseCount(), seed,
                    CubaNetwork.DT_SECONDS, steps, nThreads);
            ProgressLine progress = new ProgressLine(err, "snn cuba: step");
            long t0 = System.nanoTime();
            int done = net.run(steps, null, progress::update);
            double wallSeconds = (System.nanoTime() - t0) * 1e-9;
            int nE = CubaNetwork.excitatoryCount(neurons);
            long spikesE = 0;
            for (int i = 0; i < nE; i++) {
                spikesE += net.spikeCount(i);
            }
            double t = net.timeSeconds();
            double rateE = spikesE / (nE * t);
            double rateI = neurons > nE ? (net.spikeCount() - spikesE) / ((neurons - nE) * t) : 0;
            out.printf(Locale.ROOT, "simulated_seconds=%s mean_rate_hz=%.4f excitatory_rate_hz=%.4f inhibitory_rate_hz=%.4f%n",
                    t, net.meanRateHz(), rateE, rateI);
            out.printf(Locale.ROOT, "synaptic_events_per_second=%.4e%n", net.synapticEvents() / wallSeconds);
            out.printf(Locale.ROOT, "spikes=%d synaptic_events=%d wall_seconds=%.6f%n", net.spikeCount(), net.synapticEvents(),
                    wallSeconds);
            out.flush();
            return done == steps ? 0 : 1;
        }
    }

    /**
     * {@code kirchhoff snn stdp-mnist}: unsupervised STDP learning of MNIST-10k digits in the style
     * of Diehl &amp; Cook 2015 ({@link DiehlCookNetwork}), with ideal synapses or memristive ones
     * programmed by a device profile's own pulses. Prints the accuracy; its last stdout line is
     * {@code synapses=S accuracy=A correct=C tested=T wall_seconds=X}.
     */
    @Command(name = "stdp-mnist", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Learn MNIST-10k digits without labels by STDP and report the accuracy.",
                "Diehl & Cook 2015 style: Poisson pixels, excitatory LIF neurons with adaptive",
                "thresholds, lateral inhibition; the neurons are labelled on further training",
                "images, then test images are classified. The last line is",
                "  synapses=S accuracy=A correct=C tested=T wall_seconds=X"})
    static final class StdpMnist implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--synapses", paramLabel = "ideal|NAME|FILE",
                description = "ideal, or a noise profile with a pulsed-update model: a bundled name (kirchhoff profiles) "
                        + "or a JSON file (default: ${DEFAULT-VALUE}).", defaultValue = "ideal")
        String synapses;

        @Option(names = "--neurons", paramLabel = "N", description = "Excitatory neurons (default: ${DEFAULT-VALUE}).",
                defaultValue = "100")
        int neurons;

        @Option(names = "--train", paramLabel = "N", description = "Training images to learn from (default: ${DEFAULT-VALUE}).",
                defaultValue = "1000")
        int train;

        @Option(names = "--label", paramLabel = "N",
                description = "Further training images to label the neurons with (default: ${DEFAULT-VALUE}).",
                defaultValue = "1000")
        int label;

        @Option(names = "--test", paramLabel = "N", description = "Test images to classify (default: ${DEFAULT-VALUE}).",
                defaultValue = "1000")
        int test;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).",
                defaultValue = "42")
        long seed;

        @Override
        public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            if (neurons < 1) {
                throw new CommandLine.ParameterException(cl, "--neurons must be at least 1, got " + neurons);
            }
            if (train < 1 || label < 1 || train + label > Mnist.TRAIN_SIZE) {
                throw new CommandLine.ParameterException(cl, "--train and --label must be at least 1 and add up to at most "
                        + Mnist.TRAIN_SIZE + ", got " + train + " and " + label);
            }
            if (test < 1 || test > Mnist.TEST_SIZE) {
                throw new CommandLine.ParameterException(cl, "--test must be between 1 and " + Mnist.TEST_SIZE + ", got " + test);
            }
            PulsedDeviceModel model = "ideal".equals(synapses) ? null : Presets.resolve(synapses).requirePulsedUpdate();
            PrintWriter out = cl.getOut();
            PrintWriter err = cl.getErr();
            Mnist.Split split = Mnist.split();
            UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
            int inputs = split.train().pixelsPerImage();
            PlasticSynapses plastic = model == null ? new IdealSynapses(inputs, neurons, 0, 1)
                    : new MemristiveSynapses(inputs, neurons, model, 0, 1, PulseRounding.STOCHASTIC, 16, rng);
            double[] w = new double[inputs * neurons];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.3 * rng.nextDouble(); // Diehl & Cook's initial weights, uniform in [0, 0.3]
            }
            plastic.setWeights(w);
            DiehlCookNetwork network = new DiehlCookNetwork(DiehlCookNetwork.Config.diehlCook(neurons), plastic);
            out.printf(Locale.ROOT, "network=diehl-cook data=MNIST-10k neurons=%d synapses=%s train=%d label=%d test=%d seed=%d%n",
                    neurons, synapses, train, label, test, seed);
            out.flush();
            ProgressLine[] line = {null};
            String[] phase = {""};
            long t0 = System.nanoTime();
            DiehlCookMnist.Result r = DiehlCookMnist.run(network, split.train(), split.test(), train, label, test, rng,
                    (p, done, total) -> {
                        if (!p.equals(phase[0])) {
                            phase[0] = p;
                            line[0] = new ProgressLine(err, "snn stdp-mnist: " + p + " image");
                        }
                        line[0].update(done, total);
                    }, null);
            double wallSeconds = (System.nanoTime() - t0) * 1e-9;
            out.printf(Locale.ROOT, "mean_train_spikes_per_image=%.3f unlabelled_neurons=%d mean_weight=%.4f%n",
                    r.meanTrainSpikes(), r.unlabelled(), r.meanWeight());
            out.printf(Locale.ROOT, "synapses=%s accuracy=%.4f correct=%d tested=%d wall_seconds=%.3f%n", synapses, r.accuracy(),
                    r.correct(), r.tested(), wallSeconds);
            out.flush();
            return 0;
        }
    }

    /**
     * {@code kirchhoff snn chip}: a feed-forward spiking network on the tiled chip
     * ({@link SpikingChip}) driven by Poisson-coded MNIST-10k test images, printing the energy and
     * latency ledger per layer and component. The weights are random (uniform, a slight positive
     * bias so that activity propagates): the command measures what the hardware costs for a
     * given activity, not what a trained network computes.
     */
    @Command(name = "chip", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Print the energy and latency of a spiking network on the tiled chip.",
                "Random weights, crossbar synapses, LIF neurons, X-Y routed spike and partial-sum",
                "packets, Poisson-coded MNIST-10k test images; energy and latency per layer and",
                "component. The last line is",
                "  energy_per_inference_joules=E latency_per_inference_seconds=T"})
    static final class Chip implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--layers", paramLabel = "N,N,...", split = ",",
                description = "Layer sizes, input (784) first (default: 784,256,128,10).", defaultValue = "784,256,128,10")
        int[] sizes;

        @Option(names = "--hardware", paramLabel = "FILE",
                description = "Hardware description (JSON, docs/hardware.md); default: the bundled one.")
        Path hardware;

        @Option(names = "--images", paramLabel = "N", description = "Test images (inferences) (default: ${DEFAULT-VALUE}).",
                defaultValue = "10")
        int images;

        @Option(names = "--steps", paramLabel = "N", description = "Time steps of 1 ms per image (default: ${DEFAULT-VALUE}).",
                defaultValue = "50")
        int steps;

        @Option(names = "--max-rate-hz", paramLabel = "HZ", description = "Input rate of a white pixel (default: ${DEFAULT-VALUE}).",
                defaultValue = "100")
        double maxRateHz;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).",
                defaultValue = "42")
        long seed;

        @Option(names = "--model", paramLabel = "MODEL",
                description = "A snn model from kirchhoff train --mode snn: run the trained, converted network "
                        + "(Bernoulli-coded input, ideal tiles) and report its accuracy too; --layers and "
                        + "--max-rate-hz do not apply.")
        Path model;

        @Override
        public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            if (model != null) {
                return runModel(cl);
            }
            if (sizes.length < 2 || sizes[0] != Mnist.SIDE * Mnist.SIDE) {
                throw new CommandLine.ParameterException(cl, "--layers must start with 784 (the MNIST pixels) and have at "
                        + "least two sizes, got " + java.util.Arrays.toString(sizes));
            }
            for (int n : sizes) {
                if (n < 1) {
                    throw new CommandLine.ParameterException(cl, "--layers sizes must be at least 1, got " + n);
                }
            }
            checkImagesAndSteps(cl);
            if (!(maxRateHz > 0 && maxRateHz <= 1000)) {
                throw new CommandLine.ParameterException(cl, "--max-rate-hz must be in (0, 1000], got " + maxRateHz);
            }
            HardwareDescription hw = hardware == null ? HardwareDescriptions.defaultDescription()
                    : HardwareDescriptions.read(hardware);
            UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
            ConductanceRange range = new ConductanceRange(1e-6, 25e-6);
            TilingOptions options = TilingOptions.of(ConstantStep.of(range, range.widthSiemens() / 100, PulseVariability.NONE))
                    .withTileConfig(TileConfig.AIHWKIT_DEFAULT);
            LifParameters lif = LifParameters.lif(0.020, 0, 1.0, 0).withSynapticTaus(0.002, 0.002);
            List<SpikingChip.Layer> layers = new ArrayList<>();
            for (int l = 1; l < sizes.length; l++) {
                double[] w = new double[sizes[l] * sizes[l - 1]];
                double scale = 3.0 / Math.sqrt(sizes[l - 1]);
                for (int i = 0; i < w.length; i++) {
                    w[i] = scale * (2 * rng.nextDouble() - 0.8);
                }
                layers.add(new SpikingChip.Layer("fc" + l, w, sizes[l - 1], sizes[l], lif, 1.0));
            }
            SpikingChip chip = SpikingChip.create(hw, options, layers, 1e-3, rng);
            PrintWriter out = cl.getOut();
            out.printf(Locale.ROOT, "network=random-weights layers=%s hardware=%s tiles=%d mesh=%dx%d images=%d steps=%d seed=%d%n",
                    java.util.Arrays.toString(sizes).replace(" ", ""), hw.name(), tileCount(chip), hw.mesh().width(),
                    hw.mesh().height(), images, steps, seed);
            Mnist.Split split = Mnist.split();
            PoissonRateEncoder encoder = new PoissonRateEncoder(sizes[0], maxRateHz, 1e-3);
            double[] x = new double[sizes[0]];
            int[] spikes = new int[sizes[0]];
            ProgressLine progress = new ProgressLine(cl.getErr(), "snn chip: image");
            for (int img = 0; img < images; img++) {
                split.test().image(img, x);
                for (int s = 0; s < steps; s++) {
                    chip.step(spikes, encoder.encode(x, s, rng, spikes), rng);
                }
                chip.ledger().addInferences(1);
                progress.update(img + 1, images);
            }
            out.print(chip.ledger().summary());
            for (int l = 0; l < chip.layerCount(); l++) {
                out.printf(Locale.ROOT, "  %s: %d spikes, utilisation %.3f%n", chip.synapses(l).name(), chip.spikeCount(l),
                        chip.synapses(l).utilisation());
            }
            out.printf(Locale.ROOT, "energy_per_inference_joules=%.6e latency_per_inference_seconds=%.6e%n",
                    chip.ledger().energyPerInferenceJoules(), chip.ledger().latencySeconds() / images);
            out.flush();
            return 0;
        }

        /** The trained network of a snn model on the chip: accuracy, energy and latency per inference. */
        private int runModel(CommandLine cl) throws IOException {
            checkImagesAndSteps(cl);
            ModelFile.Contents contents = ModelFile.read(model);
            if (contents.header().mode() != ModelHeader.Mode.SNN) {
                throw new IllegalArgumentException(model + ": --model needs a snn model (kirchhoff train --mode snn), got a "
                        + contents.header().mode().label() + " model");
            }
            Mlp net = contents.network();
            float[][] w = new float[net.layers()][];
            float[][] b = new float[net.layers()][];
            for (int l = 0; l < w.length; l++) {
                w[l] = net.weights(l);
                b[l] = net.biases(l);
            }
            ConvertedNetwork snn = ModelTraining.spikingNetwork(contents.header(), w, b);
            HardwareDescription hw = hardware == null ? HardwareDescriptions.defaultDescription()
                    : HardwareDescriptions.read(hardware);
            SnnOnChip chip = new SnnOnChip(snn, InputCoding.bernoulli(1), Readout.MEMBRANE_POTENTIAL, hw,
                    SnnOnChip.idealTiles(), seed);
            PrintWriter out = cl.getOut();
            out.printf(Locale.ROOT, "network=%s layers=%s hardware=%s mesh=%dx%d images=%d steps=%d seed=%d%n",
                    model.getFileName(), java.util.Arrays.toString(net.sizes()).replace(" ", ""), hw.name(),
                    hw.mesh().width(), hw.mesh().height(), images, steps, seed);
            Mnist.Split split = Mnist.split();
            double[] x = new double[net.inputs()];
            int correct = 0;
            double energy = 0;
            double latency = 0;
            ProgressLine progress = new ProgressLine(cl.getErr(), "snn chip: image");
            for (int img = 0; img < images; img++) {
                split.test().image(img, x);
                SnnOnChip.Inference r = chip.infer(x, steps, SnnSimulator.imageRng(seed, img), null);
                correct += r.predictedClass() == split.test().label(img) ? 1 : 0;
                energy += r.energyJoules();
                latency += r.latencySeconds();
                progress.update(img + 1, images);
            }
            out.printf(Locale.ROOT, "accuracy=%.4f correct=%d tested=%d%n", (double) correct / images, correct, images);
            out.printf(Locale.ROOT, "energy_per_inference_joules=%.6e latency_per_inference_seconds=%.6e%n",
                    energy / images, latency / images);
            out.flush();
            return 0;
        }

        private void checkImagesAndSteps(CommandLine cl) {
            if (images < 1 || images > Mnist.TEST_SIZE) {
                throw new CommandLine.ParameterException(cl, "--images must be between 1 and " + Mnist.TEST_SIZE + ", got " + images);
            }
            if (steps < 1) {
                throw new CommandLine.ParameterException(cl, "--steps must be at least 1, got " + steps);
            }
        }

        private static int tileCount(SpikingChip chip) {
            int n = 0;
            for (int l = 0; l < chip.layerCount(); l++) {
                n += chip.synapses(l).tileCount();
            }
            return n;
        }
    }
}
