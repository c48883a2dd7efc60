package dev.kirchhoff.cli;

import dev.kirchhoff.tiling.snn.CubaNetwork;
import dev.kirchhoff.tiling.snn.SpikingNetwork;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.rng.simple.RandomSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kirchhoff snn …}: spiking-network simulations. */
@Command(name = "snn", mixinStandardHelpOptions = true,
        description = "Simulate spiking neural networks (event-driven, exact LIF integration).",
        subcommands = {SnnCommand.Cuba.class})
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
                "Run the CUBA benchmark network (80%% excitatory LIF neurons, exponential",
                "currents, in-degree 80, dt 0.1 ms) and print its rates. The last line is",
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
}
