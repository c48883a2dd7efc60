package dev.kirchhoff.tiling.hw;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the chip is made of and what its events cost: the crossbar tile size, the mesh of cores,
 * where each tile of each layer sits, and the energy and latency of every {@link Component}.
 * Read and written as strict JSON by {@link HardwareDescriptions}; documented field by field,
 * with the source of every default, in docs/hardware.md. Immutable; every value is checked in the
 * compact constructors and a bad one throws {@link InvalidFieldException} naming the field.
 *
 * <p>Defaults ({@link HardwareDescriptions#defaultDescription()}): ISAAC's periphery (Shafiee et
 * al., ISCA 2016, doi:10.1145/3007787.3001139; 32 nm), a 32-bit integer add from Horowitz
 * (ISSCC 2014, doi:10.1109/ISSCC.2014.6757323; 45 nm), and Loihi's network and neuron costs
 * (Davies et al., IEEE Micro 2018, doi:10.1109/MM.2018.112130359, as modelled by SANA-FE,
 * github.com/SLAM-Lab/SANA-FE {@code arch/loihi.yaml}).
 *
 * @param schemaVersion format version, {@value #SCHEMA_VERSION}
 * @param name          short name
 * @param source        where the numbers come from (papers with DOIs)
 * @param tile          the crossbar tile every layer is cut into
 * @param mesh          the 2-D mesh of cores
 * @param placements    which core holds each tile of each layer (may be empty); each (layer, tile)
 *                      at most once, each core inside the mesh
 * @param energy        energy per event
 * @param latency       latency per event
 */
@JsonPropertyOrder({"schemaVersion", "name", "source", "tile", "mesh", "placements", "energy", "latency"})
public record HardwareDescription(int schemaVersion, String name, String source, Tile tile, Mesh mesh,
        List<Placement> placements, Energy energy, Latency latency) {
    /** The version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public HardwareDescription {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidFieldException("schemaVersion", "must be " + SCHEMA_VERSION + ", got " + schemaVersion);
        }
        InvalidFieldException.text("name", name);
        if (source == null) {
            throw new InvalidFieldException("source", "must be given (papers with DOIs), got null");
        }
        requirePresent("tile", tile);
        requirePresent("mesh", mesh);
        requirePresent("placements", placements);
        requirePresent("energy", energy);
        requirePresent("latency", latency);
        placements = List.copyOf(placements);
        Map<String, Integer> seen = new HashMap<>();
        for (int p = 0; p < placements.size(); p++) {
            Placement pl = placements.get(p);
            String at = "placements[" + p + "]";
            requirePresent(at, pl);
            if (pl.x() >= mesh.width() || pl.y() >= mesh.height()) {
                throw new InvalidFieldException(at + (pl.x() >= mesh.width() ? ".x" : ".y"), "places tile ("
                        + pl.tileRow() + ", " + pl.tileColumn() + ") of layer '" + pl.layer() + "' on core (" + pl.x()
                        + ", " + pl.y() + "), outside the " + mesh.width() + "×" + mesh.height()
                        + " mesh: it would route to a missing core");
            }
            String key = pl.layer() + "\u0000" + pl.tileRow() + "\u0000" + pl.tileColumn();
            Integer before = seen.putIfAbsent(key, p);
            if (before != null) {
                throw new InvalidFieldException(at, "places tile (" + pl.tileRow() + ", " + pl.tileColumn()
                        + ") of layer '" + pl.layer() + "' again (already placed by placements[" + before + "])");
            }
        }
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new InvalidFieldException(field, "must be given, got null");
        }
    }

    /** The core (x, y) holding tile (tileRow, tileColumn) of a layer, as {@code {x, y}}, or null if not placed. */
    public int[] coreOf(String layer, int tileRow, int tileColumn) {
        Objects.requireNonNull(layer, "layer");
        for (Placement p : placements) {
            if (p.tileRow() == tileRow && p.tileColumn() == tileColumn && p.layer().equals(layer)) {
                return new int[] {p.x(), p.y()};
            }
        }
        return null;
    }

    /** A copy with other placements (checked against the mesh). */
    public HardwareDescription withPlacements(List<Placement> v) {
        return new HardwareDescription(schemaVersion, name, source, tile, mesh, v, energy, latency);
    }

    /** A copy with another tile. */
    public HardwareDescription withTile(Tile v) {
        return new HardwareDescription(schemaVersion, name, source, v, mesh, placements, energy, latency);
    }

    /** A copy with another mesh (the placements are checked against it). */
    public HardwareDescription withMesh(Mesh v) {
        return new HardwareDescription(schemaVersion, name, source, tile, v, placements, energy, latency);
    }

    /** A copy with other energies. */
    public HardwareDescription withEnergy(Energy v) {
        return new HardwareDescription(schemaVersion, name, source, tile, mesh, placements, v, latency);
    }

    /** A copy with other latencies. */
    public HardwareDescription withLatency(Latency v) {
        return new HardwareDescription(schemaVersion, name, source, tile, mesh, placements, energy, v);
    }

    /**
     * A crossbar tile: {@code rows × columns} physical cells (rows are inputs; a differential
     * pair spends two columns per output) and the ADCs that digitise its outputs, shared by
     * time multiplexing (ISAAC: one 8-bit ADC per 128-column crossbar).
     *
     * @param rows    word lines, ≥ 1
     * @param columns bit lines, ≥ 1
     * @param adcs    ADCs per tile, ≥ 1
     */
    @JsonPropertyOrder({"rows", "columns", "adcs"})
    public record Tile(int rows, int columns, int adcs) {
        public Tile {
            InvalidFieldException.atLeast("rows", rows, 1);
            InvalidFieldException.atLeast("columns", columns, 1);
            InvalidFieldException.atLeast("adcs", adcs, 1);
        }

        /** rows × columns, the provisioned cells. */
        public long cells() {
            return (long) rows * columns;
        }
    }

    /**
     * The mesh of cores, {@code width × height}; core (x, y) with 0 ≤ x &lt; width (east–west)
     * and 0 ≤ y &lt; height (north–south).
     *
     * @param width  cores along x, ≥ 1
     * @param height cores along y, ≥ 1
     */
    @JsonPropertyOrder({"width", "height"})
    public record Mesh(int width, int height) {
        public Mesh {
            InvalidFieldException.atLeast("width", width, 1);
            InvalidFieldException.atLeast("height", height, 1);
        }
    }

    /**
     * Tile (tileRow, tileColumn) of a layer sits on core (x, y). Tile (r, c) of a layer holds the
     * inputs of row block r and the outputs of column block c (see {@code TiledLayer}).
     *
     * @param layer      the layer's name, not blank
     * @param tileRow    ≥ 0
     * @param tileColumn ≥ 0
     * @param x          core column, 0 ≤ x &lt; mesh width (checked by the description)
     * @param y          core row, 0 ≤ y &lt; mesh height (checked by the description)
     */
    @JsonPropertyOrder({"layer", "tileRow", "tileColumn", "x", "y"})
    public record Placement(String layer, int tileRow, int tileColumn, int x, int y) {
        public Placement {
            InvalidFieldException.text("layer", layer);
            InvalidFieldException.atLeast("tileRow", tileRow, 0);
            InvalidFieldException.atLeast("tileColumn", tileColumn, 0);
            InvalidFieldException.atLeast("x", x, 0);
            InvalidFieldException.atLeast("y", y, 0);
        }
    }

    /**
     * Energy per event (J), each finite and ≥ 0. A cell read has none here: its energy is
     * {@code V²·G·t_read} from the actual voltages and conductances, with
     * {@link Latency#readPulseSeconds()}.
     *
     * @param dacConversionJoules   one input conversion (ISAAC 1-bit DAC: 0.39 pJ per row per 100 ns read)
     * @param adcConversionJoules   one output conversion (ISAAC 8-bit SAR ADC: 1.67 pJ)
     * @param accumulationJoules    one digital add of partial sums (Horowitz 2014, 32-bit integer add: 0.1 pJ)
     * @param hopEastWestJoules     one router hop east or west (Loihi: 3.0 pJ)
     * @param hopNorthSouthJoules   one router hop north or south (Loihi: 4.2 pJ)
     * @param packetJoules          one spike packet sent by a core (SANA-FE Loihi axon out: 76.8 pJ)
     * @param synapticOpJoules      one synaptic operation (Loihi: 23.6 pJ, pre-silicon)
     * @param neuronUpdateJoules    one neuron update (Loihi active compartment: 81 pJ)
     * @param spikeJoules           one neuron firing (SANA-FE Loihi soma spiking: 69.3 pJ)
     */
    @JsonPropertyOrder({"dacConversionJoules", "adcConversionJoules", "accumulationJoules", "hopEastWestJoules",
        "hopNorthSouthJoules", "packetJoules", "synapticOpJoules", "neuronUpdateJoules", "spikeJoules"})
    public record Energy(double dacConversionJoules, double adcConversionJoules, double accumulationJoules,
            double hopEastWestJoules, double hopNorthSouthJoules, double packetJoules, double synapticOpJoules,
            double neuronUpdateJoules, double spikeJoules) {
        public Energy {
            InvalidFieldException.nonNegative("dacConversionJoules", dacConversionJoules);
            InvalidFieldException.nonNegative("adcConversionJoules", adcConversionJoules);
            InvalidFieldException.nonNegative("accumulationJoules", accumulationJoules);
            InvalidFieldException.nonNegative("hopEastWestJoules", hopEastWestJoules);
            InvalidFieldException.nonNegative("hopNorthSouthJoules", hopNorthSouthJoules);
            InvalidFieldException.nonNegative("packetJoules", packetJoules);
            InvalidFieldException.nonNegative("synapticOpJoules", synapticOpJoules);
            InvalidFieldException.nonNegative("neuronUpdateJoules", neuronUpdateJoules);
            InvalidFieldException.nonNegative("spikeJoules", spikeJoules);
        }

        /**
         * The energy of one event of a component (J).
         *
         * @throws IllegalArgumentException for {@link Component#CELL_READ}, whose energy is V²·G·t
         */
        public double perEvent(Component component) {
            switch (component) {
                case DAC_CONVERSION: return dacConversionJoules;
                case ADC_CONVERSION: return adcConversionJoules;
                case ACCUMULATION: return accumulationJoules;
                case HOP_EAST_WEST: return hopEastWestJoules;
                case HOP_NORTH_SOUTH: return hopNorthSouthJoules;
                case PACKET: return packetJoules;
                case SYNAPTIC_OP: return synapticOpJoules;
                case NEURON_UPDATE: return neuronUpdateJoules;
                case SPIKE: return spikeJoules;
                default:
                    throw new IllegalArgumentException("component must have a per-event energy, got " + component
                            + " (its energy is Σ V²·G·t from the actual voltages and conductances)");
            }
        }
    }

    /**
     * Latency per event (s), each finite and ≥ 0 (the read pulse &gt; 0).
     *
     * @param readPulseSeconds      t_read, the crossbar read pulse; also the t of a cell's V²·G·t (ISAAC: 100 ns)
     * @param dacConversionSeconds  one input conversion, all rows in parallel (ISAAC: within the read cycle, 0)
     * @param adcConversionSeconds  one output conversion (ISAAC: 1/1.2 GS/s ≈ 0.83 ns)
     * @param accumulationSeconds   one digital add (one cycle at 1 GHz, 1 ns, an assumption)
     * @param hopEastWestSeconds    one router hop east or west (Loihi: 4.1 ns)
     * @param hopNorthSouthSeconds  one router hop north or south (Loihi: 6.5 ns)
     * @param packetSeconds         sending one spike packet (SANA-FE Loihi axon out: 7.6 ns)
     * @param synapticOpSeconds     one synaptic operation (Loihi: 3.5 ns)
     * @param neuronUpdateSeconds   one neuron update (Loihi active compartment: 8.4 ns)
     * @param spikeSeconds          one neuron firing (SANA-FE Loihi soma spiking: 30 ns)
     */
    @JsonPropertyOrder({"readPulseSeconds", "dacConversionSeconds", "adcConversionSeconds", "accumulationSeconds",
        "hopEastWestSeconds", "hopNorthSouthSeconds", "packetSeconds", "synapticOpSeconds", "neuronUpdateSeconds",
        "spikeSeconds"})
    public record Latency(double readPulseSeconds, double dacConversionSeconds, double adcConversionSeconds,
            double accumulationSeconds, double hopEastWestSeconds, double hopNorthSouthSeconds, double packetSeconds,
            double synapticOpSeconds, double neuronUpdateSeconds, double spikeSeconds) {
        public Latency {
            InvalidFieldException.positive("readPulseSeconds", readPulseSeconds);
            InvalidFieldException.nonNegative("dacConversionSeconds", dacConversionSeconds);
            InvalidFieldException.nonNegative("adcConversionSeconds", adcConversionSeconds);
            InvalidFieldException.nonNegative("accumulationSeconds", accumulationSeconds);
            InvalidFieldException.nonNegative("hopEastWestSeconds", hopEastWestSeconds);
            InvalidFieldException.nonNegative("hopNorthSouthSeconds", hopNorthSouthSeconds);
            InvalidFieldException.nonNegative("packetSeconds", packetSeconds);
            InvalidFieldException.nonNegative("synapticOpSeconds", synapticOpSeconds);
            InvalidFieldException.nonNegative("neuronUpdateSeconds", neuronUpdateSeconds);
            InvalidFieldException.nonNegative("spikeSeconds", spikeSeconds);
        }

        /** The latency of one event of a component (s); a cell read is one read pulse. */
        public double perEvent(Component component) {
            switch (component) {
                case CELL_READ: return readPulseSeconds;
                case DAC_CONVERSION: return dacConversionSeconds;
                case ADC_CONVERSION: return adcConversionSeconds;
                case ACCUMULATION: return accumulationSeconds;
                case HOP_EAST_WEST: return hopEastWestSeconds;
                case HOP_NORTH_SOUTH: return hopNorthSouthSeconds;
                case PACKET: return packetSeconds;
                case SYNAPTIC_OP: return synapticOpSeconds;
                case NEURON_UPDATE: return neuronUpdateSeconds;
                case SPIKE: return spikeSeconds;
                default: throw new IllegalArgumentException("unknown component " + component);
            }
        }
    }
}
