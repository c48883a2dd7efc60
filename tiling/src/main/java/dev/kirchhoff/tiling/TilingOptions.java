package dev.kirchhoff.tiling;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.CrossbarEngine;
import dev.kirchhoff.crossbar.IdealCrossbar;
import dev.kirchhoff.crossbar.TileConfig;
import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.pulsed.PulsedDeviceModel;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a {@link TiledLayer} cuts a weight matrix over tiles and what each tile is made of.
 *
 * @param tileRows    physical rows (inputs) of a tile, ≥ 1 (default 256)
 * @param tileColumns physical columns of a tile, ≥ 1 (default 256); a tile holds as many outputs
 *                    as {@code mapping.columnsFor} lets fit
 * @param mapping     weights to conductances per tile
 * @param devices     the device model every tile draws its own devices from
 * @param engine      builds a tile's crossbar engine from its conductances (e.g. {@code IdealCrossbar::new})
 * @param tileConfig  periphery (DAC, ADC, noise, management), read voltage, pulse slots of every tile
 * @param accumulator the digital adder of the partial sums
 */
public record TilingOptions(int tileRows, int tileColumns, TileMapping mapping, PulsedDeviceModel devices,
        Function<ConductanceMatrix, CrossbarEngine> engine, TileConfig tileConfig, PartialSumAccumulator accumulator) {
    /** Default tile side, 256 (rows and columns). */
    public static final int DEFAULT_TILE_SIZE = 256;

    public TilingOptions {
        Checks.positive("tileRows", tileRows);
        Checks.positive("tileColumns", tileColumns);
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(tileConfig, "tileConfig");
        Objects.requireNonNull(accumulator, "accumulator");
        if (mapping.columnsFor(1) > tileColumns) {
            throw new IllegalArgumentException("tileColumns must hold at least one output (" + mapping.columnsFor(1)
                    + " columns for " + mapping + "), got " + tileColumns);
        }
    }

    /**
     * 256×256 tiles of {@code devices}, differential pairs over the devices' window, ideal
     * crossbars, ideal periphery ({@link TileConfig#IDEAL}), exact accumulation.
     */
    public static TilingOptions of(PulsedDeviceModel devices) {
        return new TilingOptions(DEFAULT_TILE_SIZE, DEFAULT_TILE_SIZE, TileMapping.differentialPair(devices.range()),
                devices, IdealCrossbar::new, TileConfig.IDEAL, PartialSumAccumulator.EXACT);
    }

    /** Outputs per tile: the largest n ≤ tileColumns with {@code mapping.columnsFor(n) ≤ tileColumns}. */
    public int outputsPerTile() {
        int lo = 1;
        int hi = tileColumns;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (mapping.columnsFor(mid) <= tileColumns) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A copy with tiles of {@code rows × columns} physical cells. */
    public TilingOptions withTileSize(int rows, int columns) {
        return new TilingOptions(rows, columns, mapping, devices, engine, tileConfig, accumulator);
    }

    /** The tile size of a hardware description. */
    public TilingOptions withTileSize(HardwareDescription.Tile tile) {
        return withTileSize(tile.rows(), tile.columns());
    }

    /** A copy with another weight-to-conductance mapping per tile. */
    public TilingOptions withMapping(TileMapping v) {
        return new TilingOptions(tileRows, tileColumns, v, devices, engine, tileConfig, accumulator);
    }

    /** A copy with another device model. */
    public TilingOptions withDevices(PulsedDeviceModel v) {
        return new TilingOptions(tileRows, tileColumns, mapping, v, engine, tileConfig, accumulator);
    }

    /** A copy with another crossbar engine factory (e.g. an IR-drop solver). */
    public TilingOptions withEngine(Function<ConductanceMatrix, CrossbarEngine> v) {
        return new TilingOptions(tileRows, tileColumns, mapping, devices, v, tileConfig, accumulator);
    }

    /** A copy with another periphery and read voltage for every tile. */
    public TilingOptions withTileConfig(TileConfig v) {
        return new TilingOptions(tileRows, tileColumns, mapping, devices, engine, v, accumulator);
    }

    /** A copy with another partial-sum accumulator. */
    public TilingOptions withAccumulator(PartialSumAccumulator v) {
        return new TilingOptions(tileRows, tileColumns, mapping, devices, engine, tileConfig, v);
    }
}
