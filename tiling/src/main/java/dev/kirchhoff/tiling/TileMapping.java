package dev.kirchhoff.tiling;

import dev.kirchhoff.crossbar.ConductanceMapping;
import dev.kirchhoff.crossbar.DifferentialPairMapping;
import dev.kirchhoff.crossbar.ReferenceColumnMapping;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Objects;

/**
 * How each tile of a {@link TiledLayer} maps its block of weights to conductances: the
 * {@link ConductanceMapping} of a tile, and how many physical columns a number of outputs needs
 * (which fixes how many outputs fit a tile). Every tile of a layer uses the layer's weightMax, so
 * one conductance step means the same weight in every tile and the tiles' partial sums are on one
 * scale.
 */
public interface TileMapping {
    /**
     * Physical columns needed for {@code outputs} outputs; must increase with {@code outputs}.
     *
     * @param outputs ≥ 1
     */
    int columnsFor(int outputs);

    /**
     * The mapping of one tile.
     *
     * @param inputs    rows of the tile, ≥ 1
     * @param outputs   outputs of the tile, ≥ 1
     * @param weightMax the layer's |W| mapped to the full window, positive
     */
    ConductanceMapping create(int inputs, int outputs, double weightMax);

    /** Differential pairs, two columns per output ({@link DifferentialPairMapping}). */
    static TileMapping differentialPair(ConductanceRange range) {
        Objects.requireNonNull(range, "range");
        return new TileMapping() {
            @Override
            public int columnsFor(int outputs) {
                return 2 * outputs;
            }

            @Override
            public ConductanceMapping create(int inputs, int outputs, double weightMax) {
                return DifferentialPairMapping.of(inputs, outputs, range, weightMax);
            }

            @Override
            public String toString() {
                return "differentialPair(" + range + ")";
            }
        };
    }

    /** One device per weight and one shared reference column ({@link ReferenceColumnMapping}). */
    static TileMapping referenceColumn(ConductanceRange range) {
        Objects.requireNonNull(range, "range");
        return new TileMapping() {
            @Override
            public int columnsFor(int outputs) {
                return outputs + 1;
            }

            @Override
            public ConductanceMapping create(int inputs, int outputs, double weightMax) {
                return ReferenceColumnMapping.of(inputs, outputs, range, weightMax);
            }

            @Override
            public String toString() {
                return "referenceColumn(" + range + ")";
            }
        };
    }
}
