package dev.kirchhoff.training.hwa;

import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.Wires;
import dev.kirchhoff.crossbar.ir.IrDropCrossbar;
import java.util.Objects;

/**
 * The weights a layer actually computes with when its differential pairs sit in crossbar tiles
 * with resistive wires (IR drop). A layer of {@code in} inputs and {@code out} outputs is cut into
 * tiles of at most {@link #tileRows} inputs (word lines) and {@link #tileColumns}/2 outputs, each
 * output's G⁺ on column 2j and G⁻ on column 2j + 1 of its tile (the layout of
 * {@code TileMapping.differentialPair}); the tiles' digital partial sums add.
 *
 * <p>The equation. With linear (ohmic) devices Kirchhoff's laws are linear in the drive, so a
 * tile's column currents are exactly {@code I = Tᵀ·V} for one transfer matrix T that depends only
 * on the conductances and the wires: {@code T_ic} is the current into column c's virtual ground
 * when row i alone is driven at 1 V and the others at 0 V. T is computed by {@code tileRows}
 * exact solves of the tile's circuit ({@link IrDropCrossbar}, the crossbar convention of
 * ARCHITECTURE.md), and the effective weight is
 *
 * <pre>  W_eff[j][i] = s_j·(T_{i,2j} − T_{i,2j+1})/g_max,</pre>
 *
 * which equals {@code s_j·(G⁺_ji − G⁻_ji)/g_max} for ideal wires (r = 0) and reproduces every
 * input's IR-drop currents to rounding (tested). Superposition is what makes this exact and
 * cheap: a tile costs {@code tileRows} solves however many inputs are later read through it.
 * Wire resistance is what limits the size of such arrays in practice (Li et al., "Analogue signal
 * and image processing with large memristor crossbars", Nat. Electron. 1, 52–59, 2018,
 * doi:10.1038/s41928-017-0002-z); the circuit solved here is the full one, not a first-order
 * correction.
 *
 * <p>Cost: about 1 s per 256 × 256 tile on two cores (5 conjugate-gradient iterations per solve
 * at 2.5 Ω and PCM conductances); results do not depend on the thread count. Instances are
 * immutable and thread-safe.
 */
public final class IrDropTiles {
    /** Default tile: 256 word lines × 256 bit lines (128 differential pairs). */
    public static final int DEFAULT_TILE = 256;

    private final Wires wires;
    private final int tileRows;
    private final int tileColumns;

    /**
     * @param wires       the wire (and driver/sense) resistances of every tile
     * @param tileRows    word lines per tile, ≥ 1
     * @param tileColumns bit lines per tile, even and ≥ 2
     */
    public IrDropTiles(Wires wires, int tileRows, int tileColumns) {
        this.wires = Objects.requireNonNull(wires, "wires");
        if (tileRows < 1) {
            throw new IllegalArgumentException("tileRows must be at least 1, got " + tileRows);
        }
        if (tileColumns < 2 || tileColumns % 2 != 0) {
            throw new IllegalArgumentException("tileColumns must be even and at least 2, got " + tileColumns);
        }
        this.tileRows = tileRows;
        this.tileColumns = tileColumns;
    }

    /** Default 256 × 256 tiles whose row and column segments are {@code wireOhms} each. */
    public static IrDropTiles of(double wireOhms) {
        return new IrDropTiles(Wires.of(wireOhms, wireOhms), DEFAULT_TILE, DEFAULT_TILE);
    }

    /** The wires. */
    public Wires wires() {
        return wires;
    }

    /**
     * Writes a layer's effective weights.
     *
     * @param g           not modified: 2n conductances (S), G⁺ of weight e = j·in + i at index e, its
     *                    G⁻ at n + e (the layout of {@link ProgrammedNetwork}), each finite and ≥ 0
     * @param in          inputs, ≥ 1
     * @param out         outputs, ≥ 1; n = in·out
     * @param columnScale not modified: s_j per output
     * @param gMax        the conductance of weight s_j (S), > 0
     * @param wEffOut     modified: the n effective weights, row-major [out][in]
     */
    public void effectiveWeights(double[] g, int in, int out, float[] columnScale, double gMax, float[] wEffOut) {
        int n = in * out;
        if (g.length < 2 * n || wEffOut.length < n || columnScale.length < out) {
            throw new IllegalArgumentException("g needs 2·in·out = " + 2 * n + " entries, wEffOut " + n + " and columnScale "
                    + out + ", got " + g.length + ", " + wEffOut.length + " and " + columnScale.length);
        }
        if (!(gMax > 0 && gMax < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gMax must be positive and finite, got " + gMax);
        }
        int pairs = tileColumns / 2;
        for (int r0 = 0; r0 < in; r0 += tileRows) {
            int mt = Math.min(tileRows, in - r0);
            double[] drive = new double[mt * mt];
            for (int i = 0; i < mt; i++) {
                drive[i * mt + i] = 1;
            }
            for (int c0 = 0; c0 < out; c0 += pairs) {
                int nt = Math.min(pairs, out - c0);
                int cols = 2 * nt;
                double[] tile = new double[mt * cols];
                for (int i = 0; i < mt; i++) {
                    for (int j = 0; j < nt; j++) {
                        int e = (c0 + j) * in + r0 + i;
                        tile[i * cols + 2 * j] = g[e];
                        tile[i * cols + 2 * j + 1] = g[n + e];
                    }
                }
                double[] transfer = new double[mt * cols];
                new IrDropCrossbar(ConductanceMatrix.of(mt, cols, tile), wires).forward(drive, mt, transfer);
                for (int j = 0; j < nt; j++) {
                    double scale = columnScale[c0 + j] / gMax;
                    for (int i = 0; i < mt; i++) {
                        wEffOut[(c0 + j) * in + r0 + i] = (float) (scale
                                * (transfer[i * cols + 2 * j] - transfer[i * cols + 2 * j + 1]));
                    }
                }
            }
        }
    }
}
