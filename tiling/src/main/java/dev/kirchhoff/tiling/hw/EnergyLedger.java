package dev.kirchhoff.tiling.hw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Energy and latency accounts of a run, per layer and per {@link Component}, priced by a
 * {@link HardwareDescription}. Callers report counts of events (and, for cell reads, the energy
 * Σ V²·G·t they computed from the actual voltages and conductances); the ledger keeps only sums,
 * so reporting is O(1) per call and allocates nothing after a layer's first report.
 *
 * <p>Energy: {@code E = Σ_layers Σ_components E_lc}, with {@code E_lc = n_lc·e_c} for a count of
 * n events of per-event energy e_c ({@link HardwareDescription.Energy#perEvent}), or the energy
 * given with the count.
 *
 * <p>Latency: the run is a sequence of steps (an SNN time step, or a stage of a pipelined
 * network). Within a step every layer works on its own hardware in parallel, and the work
 * reported for one layer runs one after the other on that layer's hardware, so
 * <pre>
 *   T_step = max_l Σ (busy times reported for layer l in the step),   T = Σ_steps T_step
 * </pre>
 * the step's latency is its slowest path. {@link #endStep()} closes a step. A network whose layers
 * run one after the other on one input (no pipelining) calls {@code endStep()} after each layer,
 * so their latencies add.
 *
 * <p>Not thread-safe: report from one thread (e.g. after the parallel part of a layer's work).
 */
public final class EnergyLedger {
    private static final Component[] COMPONENTS = Component.values();
    private static final int NC = COMPONENTS.length;

    private final HardwareDescription hardware;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private long[] counts = new long[0];
    private double[] energies = new double[0];
    private double[] busyInStep = new double[0];
    private double[] busyTotal = new double[0];
    private double latencySeconds;
    private long steps;
    private long inferences;

    /** An empty ledger priced by {@code hardware}. */
    public EnergyLedger(HardwareDescription hardware) {
        this.hardware = Objects.requireNonNull(hardware, "hardware");
    }

    /** The description that prices the events. */
    public HardwareDescription hardware() {
        return hardware;
    }

    /**
     * The index of a layer's account, opened on first use; indices run 0, 1, … in order of first use.
     *
     * @param name the layer's name, not blank
     */
    public int layer(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        int l = names.size();
        names.add(name);
        index.put(name, l);
        counts = Arrays.copyOf(counts, (l + 1) * NC);
        energies = Arrays.copyOf(energies, (l + 1) * NC);
        busyInStep = Arrays.copyOf(busyInStep, l + 1);
        busyTotal = Arrays.copyOf(busyTotal, l + 1);
        return l;
    }

    /** Number of layer accounts. */
    public int layerCount() {
        return names.size();
    }

    /** The name of layer account {@code layer}. */
    public String layerName(int layer) {
        return names.get(checkLayer(layer));
    }

    /**
     * Adds {@code count} events priced at the description's per-event energy.
     *
     * @param layer     a layer index from {@link #layer}
     * @param component any but {@link Component#CELL_READ} (use {@link #add(int, Component, long, double)})
     * @param count     ≥ 0
     */
    public void add(int layer, Component component, long count) {
        double e = hardware.energy().perEvent(component);
        add(layer, component, count, count * e);
    }

    /**
     * Adds {@code count} events with their energy.
     *
     * @param layer        a layer index from {@link #layer}
     * @param component    the component
     * @param count        ≥ 0
     * @param energyJoules ≥ 0 and finite
     */
    public void add(int layer, Component component, long count, double energyJoules) {
        checkLayer(layer);
        Objects.requireNonNull(component, "component");
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, got " + count);
        }
        if (!(energyJoules >= 0 && energyJoules < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("energyJoules must be non-negative and finite, got " + energyJoules);
        }
        int k = layer * NC + component.ordinal();
        counts[k] += count;
        energies[k] += energyJoules;
    }

    /**
     * Adds busy time of a layer's hardware in the current step (see the class comment).
     *
     * @param layer   a layer index from {@link #layer}
     * @param seconds ≥ 0 and finite
     */
    public void addBusy(int layer, double seconds) {
        checkLayer(layer);
        if (!(seconds >= 0 && seconds < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("seconds must be non-negative and finite, got " + seconds);
        }
        busyInStep[layer] += seconds;
        busyTotal[layer] += seconds;
    }

    /** The latency of the open step so far: max over layers of their busy time in it (s). */
    public double currentStepSeconds() {
        double max = 0;
        for (double b : busyInStep) {
            max = Math.max(max, b);
        }
        return max;
    }

    /** Closes the current step: adds its latency (the slowest layer) to the total and returns it (s). */
    public double endStep() {
        double t = currentStepSeconds();
        latencySeconds += t;
        steps++;
        Arrays.fill(busyInStep, 0.0);
        return t;
    }

    /** Counts {@code n ≥ 0} more inferences (the denominator of the per-inference figures). */
    public void addInferences(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        inferences += n;
    }

    /** Inferences counted so far. */
    public long inferences() {
        return inferences;
    }

    /** Steps closed so far. */
    public long steps() {
        return steps;
    }

    /** Events of one component in one layer. */
    public long count(int layer, Component component) {
        return counts[checkLayer(layer) * NC + component.ordinal()];
    }

    /** Energy of one component in one layer (J). */
    public double energyJoules(int layer, Component component) {
        return energies[checkLayer(layer) * NC + component.ordinal()];
    }

    /** Events of one component over all layers. */
    public long count(Component component) {
        long s = 0;
        for (int l = 0; l < names.size(); l++) {
            s += counts[l * NC + component.ordinal()];
        }
        return s;
    }

    /** Energy of one component over all layers (J). */
    public double energyJoules(Component component) {
        double s = 0;
        for (int l = 0; l < names.size(); l++) {
            s += energies[l * NC + component.ordinal()];
        }
        return s;
    }

    /** Energy of one layer over all components (J). */
    public double layerEnergyJoules(int layer) {
        checkLayer(layer);
        double s = 0;
        for (int c = 0; c < NC; c++) {
            s += energies[layer * NC + c];
        }
        return s;
    }

    /** All energy (J). */
    public double totalEnergyJoules() {
        double s = 0;
        for (int l = 0; l < names.size(); l++) {
            s += layerEnergyJoules(l);
        }
        return s;
    }

    /** Total energy over the inferences counted, or NaN before any (J). */
    public double energyPerInferenceJoules() {
        return inferences == 0 ? Double.NaN : totalEnergyJoules() / inferences;
    }

    /** Σ of the closed steps' latencies plus the open step's so far (s). */
    public double latencySeconds() {
        return latencySeconds + currentStepSeconds();
    }

    /** All busy time reported for one layer, over every step (s). */
    public double layerBusySeconds(int layer) {
        return busyTotal[checkLayer(layer)];
    }

    /**
     * The accounts as CSV: header {@code layer,component,count,energyJoules}, one row per layer and
     * component with events or energy, then {@code ALL,<component>} totals and {@code ALL,TOTAL}.
     * Energies in full double precision.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder("layer,component,count,energyJoules\n");
        for (int l = 0; l < names.size(); l++) {
            for (int c = 0; c < NC; c++) {
                int k = l * NC + c;
                if (counts[k] != 0 || energies[k] != 0) {
                    b.append(csvName(names.get(l))).append(',').append(COMPONENTS[c]).append(',').append(counts[k])
                            .append(',').append(energies[k]).append('\n');
                }
            }
        }
        for (Component c : COMPONENTS) {
            long n = count(c);
            double e = energyJoules(c);
            if (n != 0 || e != 0) {
                b.append("ALL,").append(c).append(',').append(n).append(',').append(e).append('\n');
            }
        }
        b.append("ALL,TOTAL,,").append(totalEnergyJoules()).append('\n');
        return b.toString();
    }

    /** A short human-readable summary: totals, per-inference energy, latency, and each layer's share. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "energy %.4g J over %d inference(s) (%.4g J each); latency %.4g s over %d step(s)%n",
                totalEnergyJoules(), inferences, energyPerInferenceJoules(), latencySeconds(), steps));
        for (int l = 0; l < names.size(); l++) {
            b.append(String.format(Locale.ROOT, "  %s: %.4g J, busy %.4g s%n", names.get(l), layerEnergyJoules(l),
                    busyTotal[l]));
            for (int c = 0; c < NC; c++) {
                int k = l * NC + c;
                if (counts[k] != 0 || energies[k] != 0) {
                    b.append(String.format(Locale.ROOT, "    %-16s %14d events %12.4g J%n", COMPONENTS[c], counts[k],
                            energies[k]));
                }
            }
        }
        return b.toString();
    }

    private static String csvName(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= names.size()) {
            throw new IllegalArgumentException("layer must be an index from layer(name), 0.." + (names.size() - 1)
                    + ", got " + layer);
        }
        return layer;
    }
}
