package dev.kirchhoff.tiling;

import dev.kirchhoff.crossbar.AnalogTile;
import dev.kirchhoff.crossbar.ConductanceMapping;
import dev.kirchhoff.crossbar.ConductanceMatrix;
import dev.kirchhoff.crossbar.CrossbarEngine;
import dev.kirchhoff.device.Checks;
import dev.kirchhoff.tiling.hw.Component;
import dev.kirchhoff.tiling.hw.EnergyLedger;
import dev.kirchhoff.tiling.hw.HardwareDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * A weight matrix too large for one crossbar, cut into a grid of {@link AnalogTile}s whose
 * partial outputs are summed digitally, as in ISAAC (Shafiee et al., ISCA 2016,
 * doi:10.1145/3007787.3001139) and aihwkit's tiled analog layers (Rasch et al., AICAS 2021,
 * doi:10.1109/AICAS51828.2021.9458494; MODELS.md §4).
 *
 * <p>Shapes (the crossbar module's convention): W is N×M (outputs × inputs), row-major,
 * {@code y = W·x}; crossbar rows are inputs. With tiles of R_t rows and C_t physical columns and a
 * mapping that fits n_t = {@link TilingOptions#outputsPerTile()} outputs in C_t columns, the
 * inputs are cut into {@code ⌈M/R_t⌉} row blocks and the outputs into {@code ⌈N/n_t⌉} column
 * blocks; tile (r, c) holds W[c-block][r-block] (the last blocks may be smaller). Then
 * <pre>
 *   y_j = A( y_j^(0), y_j^(1), …, y_j^(R−1) ),   y^(r) = tile (r, c(j)) forward of x[r-block]
 * </pre>
 * where each tile's forward goes through its own periphery (DAC, noise, ADC; see
 * {@code dev.kirchhoff.crossbar.Periphery}) and A is the {@link PartialSumAccumulator}, exact or a
 * saturating B-bit fixed-point sum over r = 0 … R−1 in order. Every tile uses the layer's
 * weightMax = max|W|, so its conductance steps and its ADC's output unit are the same weights
 * everywhere. With an ideal periphery and ideal crossbars the result is W·x up to rounding.
 * {@link #backward} is the transposed read {@code z = Wᵀ·d}, the partial sums of the column
 * blocks added by the same accumulator.
 *
 * <p>Utilisation: tile t uses {@code m_t·c_t} of its {@code R_t·C_t} cells (c_t = the mapping's
 * columns for its outputs); overall, Σ used / (tiles · R_t·C_t).
 *
 * <p>Randomness: {@link #create} draws four longs per tile, tiles in row-major order, from the
 * caller's provider and seeds each tile's device draws with its own {@code XoShiRo256PlusPlus}
 * (Blackman &amp; Vigna 2018, doi:10.1145/3460772); {@link #forward} does the same for each tile's
 * periphery noise when the periphery draws anything. Tiles then run in parallel on the
 * ForkJoinPool of the calling thread (the common pool from outside a pool) when the layer is large;
 * each tile touches only its own data and stream, and the partial sums are added in a fixed order,
 * so a seed gives the same bits on any number of threads.
 *
 * <p>Accounting: each tile's engine is wrapped by a meter that sees the actual row voltages V of
 * every vector read (after the DAC, input noise and bound-management scaling) and the tile's read
 * conductances G, and sums {@code Σ_i V_i²·(Σ_c G_ic)}; the cell-read energy of a forward is that
 * sum times the read pulse t_read of the {@link HardwareDescription} (E = Σ V²·G·t, the ideal-wire
 * estimate: with IR drop the cells see less than V). See {@link #forward} for the counts reported.
 *
 * <p>Not thread-safe: a layer owns its tiles and scratch buffers.
 */
public final class TiledLayer {
    /** Below this many multiply-adds per forward (K·M·N) the tiles run one after the other. */
    private static final long PARALLEL_MIN_WORK = 1L << 18;

    private final String name;
    private final int m;
    private final int n;
    private final TilingOptions options;
    private final int rowTiles;
    private final int colTiles;
    private final int[] rowStart;
    private final int[] colStart;
    private final AnalogTile[] tiles;
    private final Meter[] meters;
    private final int[] tileColumnsUsed;

    private int capacity;
    private double[][] slices;
    private double[][] partials;
    private int backCapacity;
    private double[][] backSlices;
    private double[][] backPartials;

    /**
     * What a tile's engine saw since the last reset: vectors read and Σ_k Σ_i V_ki²·(Σ_c G_ic)
     * (forward) or Σ_k Σ_c V_kc²·(Σ_i G_ic) (transposed read).
     */
    private static final class Meter {
        double[] rowConductanceSums;
        double[] columnConductanceSums;
        long vectors;
        double sumV2G;
    }

    /** An engine that meters the reads of another. */
    private static final class MeteredEngine implements CrossbarEngine {
        private final CrossbarEngine inner;
        private final Meter meter;
        private final int rows;
        private final int cols;

        MeteredEngine(CrossbarEngine inner, ConductanceMatrix g, Meter meter) {
            this.inner = inner;
            this.meter = meter;
            this.rows = g.rows();
            this.cols = g.cols();
            double[] all = new double[rows * cols];
            g.copyTo(all);
            double[] rowSums = new double[rows];
            double[] colSums = new double[cols];
            for (int i = 0; i < rows; i++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += all[i * cols + c];
                    colSums[c] += all[i * cols + c];
                }
                rowSums[i] = s;
            }
            meter.rowConductanceSums = rowSums;
            meter.columnConductanceSums = colSums;
        }

        @Override
        public int rows() {
            return inner.rows();
        }

        @Override
        public int cols() {
            return inner.cols();
        }

        @Override
        public void forward(double[] voltages, int batch, double[] currentsOut) {
            inner.forward(voltages, batch, currentsOut);
            double[] sums = meter.rowConductanceSums;
            double s = 0;
            for (int k = 0; k < batch; k++) {
                int o = k * rows;
                for (int i = 0; i < rows; i++) {
                    double v = voltages[o + i];
                    s += v * v * sums[i];
                }
            }
            meter.vectors += batch;
            meter.sumV2G += s;
        }

        @Override
        public void backward(double[] voltages, int batch, double[] currentsOut) {
            inner.backward(voltages, batch, currentsOut);
            double[] sums = meter.columnConductanceSums;
            double s = 0;
            for (int k = 0; k < batch; k++) {
                int o = k * cols;
                for (int c = 0; c < cols; c++) {
                    double v = voltages[o + c];
                    s += v * v * sums[c];
                }
            }
            meter.vectors += batch;
            meter.sumV2G += s;
        }
    }

    private TiledLayer(String name, int m, int n, TilingOptions options) {
        this.name = name;
        this.m = m;
        this.n = n;
        this.options = options;
        int perTile = options.outputsPerTile();
        this.rowTiles = (m + options.tileRows() - 1) / options.tileRows();
        this.colTiles = (n + perTile - 1) / perTile;
        this.rowStart = new int[rowTiles + 1];
        this.colStart = new int[colTiles + 1];
        for (int r = 0; r <= rowTiles; r++) {
            rowStart[r] = Math.min(m, r * options.tileRows());
        }
        for (int c = 0; c <= colTiles; c++) {
            colStart[c] = Math.min(n, c * perTile);
        }
        this.tiles = new AnalogTile[rowTiles * colTiles];
        this.meters = new Meter[tiles.length];
        this.tileColumnsUsed = new int[tiles.length];
    }

    /**
     * Builds the tiles and programs W into them (ideal write-verify, each device clipped to its
     * own bounds).
     *
     * @param name    the layer's name in an {@link EnergyLedger}, not blank
     * @param weights not modified: N×M row-major, finite
     * @param inputs  M ≥ 1
     * @param outputs N ≥ 1
     * @param options tile size, mapping, devices, engine, periphery, accumulator
     * @param rng     source of the tiles' device-to-device draws: advanced by 4 longs per tile
     */
    public static TiledLayer create(String name, double[] weights, int inputs, int outputs, TilingOptions options,
            UniformRandomProvider rng) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        Checks.positive("inputs", inputs);
        Checks.positive("outputs", outputs);
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(rng, "rng");
        if (weights.length != (long) inputs * outputs) {
            throw new IllegalArgumentException("weights.length must be outputs·inputs = " + (long) inputs * outputs
                    + ", got " + weights.length);
        }
        double max = ConductanceMapping.maxAbs(weights);
        double weightMax = max > 0 ? max : 1;
        TiledLayer layer = new TiledLayer(name, inputs, outputs, options);
        for (int r = 0; r < layer.rowTiles; r++) {
            for (int c = 0; c < layer.colTiles; c++) {
                int t = r * layer.colTiles + c;
                int r0 = layer.rowStart[r];
                int mt = layer.rowStart[r + 1] - r0;
                int c0 = layer.colStart[c];
                int nt = layer.colStart[c + 1] - c0;
                double[] block = new double[nt * mt];
                for (int j = 0; j < nt; j++) {
                    System.arraycopy(weights, (c0 + j) * inputs + r0, block, j * mt, mt);
                }
                ConductanceMapping mapping = options.mapping().create(mt, nt, weightMax);
                if (mapping.columns() > options.tileColumns()) {
                    throw new IllegalStateException("the mapping needs " + mapping.columns() + " columns for " + nt
                            + " outputs, more than tileColumns " + options.tileColumns()
                            + ": its columnsFor disagrees with its mappings");
                }
                Meter meter = new Meter();
                Function<ConductanceMatrix, CrossbarEngine> inner = options.engine();
                Function<ConductanceMatrix, CrossbarEngine> metered = g -> new MeteredEngine(inner.apply(g), g, meter);
                AnalogTile tile = AnalogTile.create(mapping, options.devices(), metered, options.tileConfig(), split(rng));
                tile.programWeights(block);
                layer.tiles[t] = tile;
                layer.meters[t] = meter;
                layer.tileColumnsUsed[t] = mapping.columns();
            }
        }
        return layer;
    }

    /** A stream seeded from four longs of {@code rng}. */
    private static UniformRandomProvider split(UniformRandomProvider rng) {
        long[] seed = {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong()};
        if ((seed[0] | seed[1] | seed[2] | seed[3]) == 0) {
            seed[0] = 0x9E3779B97F4A7C15L; // xoshiro's all-zero state is forbidden
        }
        return new XoShiRo256PlusPlus(seed);
    }

    /** The layer's name. */
    public String name() {
        return name;
    }

    /** M, the number of inputs. */
    public int inputs() {
        return m;
    }

    /** N, the number of outputs. */
    public int outputs() {
        return n;
    }

    /** The options the layer was built with. */
    public TilingOptions options() {
        return options;
    }

    /** Number of tiles, row blocks × column blocks. */
    public int tileCount() {
        return tiles.length;
    }

    /** Row blocks ⌈M/R_t⌉ (tiles along the input dimension). */
    public int tileRowCount() {
        return rowTiles;
    }

    /** Column blocks ⌈N/n_t⌉ (tiles along the output dimension). */
    public int tileColumnCount() {
        return colTiles;
    }

    /** The first input of row block r, 0 ≤ r ≤ R (r = R gives M). */
    public int rowBlockStart(int r) {
        return rowStart[r];
    }

    /** The first output of column block c, 0 ≤ c ≤ C (c = C gives N). */
    public int columnBlockStart(int c) {
        return colStart[c];
    }

    /** The live tile (r, c): reading it is safe; programming or updating it changes this layer. */
    public AnalogTile tile(int tileRow, int tileColumn) {
        return tiles[index(tileRow, tileColumn)];
    }

    /** Cells used by tile (r, c): its inputs × the mapping's physical columns. */
    public long usedCells(int tileRow, int tileColumn) {
        int t = index(tileRow, tileColumn);
        return (long) tiles[t].inputs() * tileColumnsUsed[t];
    }

    /** Cells provisioned per tile, R_t·C_t. */
    public long provisionedCellsPerTile() {
        return (long) options.tileRows() * options.tileColumns();
    }

    /** Used / provisioned cells of tile (r, c). */
    public double utilisation(int tileRow, int tileColumn) {
        return (double) usedCells(tileRow, tileColumn) / provisionedCellsPerTile();
    }

    /** Used / provisioned cells over all tiles. */
    public double utilisation() {
        long used = 0;
        for (int t = 0; t < tiles.length; t++) {
            used += (long) tiles[t].inputs() * tileColumnsUsed[t];
        }
        return (double) used / (provisionedCellsPerTile() * tiles.length);
    }

    private int index(int tileRow, int tileColumn) {
        if (tileRow < 0 || tileRow >= rowTiles || tileColumn < 0 || tileColumn >= colTiles) {
            throw new IllegalArgumentException("tile (" + tileRow + ", " + tileColumn + ") must be within the "
                    + rowTiles + "×" + colTiles + " grid");
        }
        return tileRow * colTiles + tileColumn;
    }

    /** {@link #forward(double[], int, double[], UniformRandomProvider, EnergyLedger)} without accounting. */
    public void forward(double[] x, int batch, double[] yOut, UniformRandomProvider rng) {
        forward(x, batch, yOut, rng, null);
    }

    /**
     * Forward read of a batch, {@code y_k ≈ W·x_k} (see the class comment).
     *
     * <p>Reported to {@code ledger} (when not null) under this layer's name, with v_t the vectors
     * tile t actually read (batch rows, less all-zero rows skipped by noise management, plus
     * bound-management re-reads), m_t its rows, c_t its physical columns, n_t its outputs:
     * <ul>
     *   <li>CELL_READ: Σ_t v_t·m_t·c_t cells, energy t_read·Σ V²·G (actual voltages and conductances);
     *   <li>DAC_CONVERSION: Σ_t v_t·m_t; ADC_CONVERSION: Σ_t v_t·n_t (one per digitised output);
     *   <li>ACCUMULATION: K·N·(R − 1) adds (R row blocks);
     *   <li>busy time: {@code max_t v_t·(t_dac + t_read + ⌈n_t/adcs⌉·t_adc) + K·⌈log₂R⌉·t_add}: tiles in
     *       parallel, each reading its vectors one after the other (DACs of all rows at once, its
     *       ADCs shared by time multiplexing), then an adder tree per output.
     * </ul>
     *
     * @param x      not modified: K×M inputs, finite
     * @param batch  K ≥ 1
     * @param yOut   modified: K×N outputs
     * @param rng    source of the periphery noise, advanced by 4 longs per tile when the periphery
     *               draws anything; may be null when it draws nothing
     * @param ledger where to report counts, energy and busy time; may be null
     * @throws IllegalStateException when the ADC is PERCENTILE-calibrated and
     *                               {@link #calibrateOutputBounds} was not called
     */
    public void forward(double[] x, int batch, double[] yOut, UniformRandomProvider rng, EnergyLedger ledger) {
        read(true, x, batch, yOut, rng, ledger);
    }

    /**
     * Transposed read of a batch, {@code z_k ≈ Wᵀ·d_k}, through each tile's backward periphery:
     * tile (r, c) reads the column block c of d and the partial sums of the C column blocks are
     * added by the accumulator, c = 0 … C−1 in order. Randomness as {@link #forward}.
     *
     * <p>Reported to {@code ledger} as for {@link #forward} with the roles of the dimensions
     * swapped: DAC conversions Σ_t v_t·n_t, ADC conversions Σ_t v_t·m_t, cell reads Σ_t v_t·m_t·c_t
     * with energy t_read·Σ_c V_c²·Σ_i G_ic from the actual column voltages, K·M·(C − 1) adds, busy
     * time {@code max_t v_t·(t_dac + t_read + ⌈m_t/adcs⌉·t_adc) + K·⌈log₂C⌉·t_add}.
     *
     * @param d      not modified: K×N inputs (e.g. output errors), finite
     * @param batch  K ≥ 1
     * @param zOut   modified: K×M outputs
     * @param rng    source of the periphery noise, advanced by 4 longs per tile when the backward
     *               periphery draws anything; may be null when it draws nothing
     * @param ledger where to report counts, energy and busy time; may be null
     */
    public void backward(double[] d, int batch, double[] zOut, UniformRandomProvider rng, EnergyLedger ledger) {
        read(false, d, batch, zOut, rng, ledger);
    }

    /**
     * Calibrates every tile's forward ADC bounds for a PERCENTILE-calibrated ADC
     * ({@link AnalogTile#calibrateOutputBounds}): each tile takes the percentile of its own
     * analog outputs for its slice of {@code x}, tiles in row-major order, each with its own
     * stream. Not reported to any ledger (a set-up step).
     *
     * @param x     not modified: K×M calibration inputs, finite
     * @param batch K ≥ 1
     * @param rng   source of the periphery noise, advanced by 4 longs per tile when the periphery
     *              draws anything; may be null when it draws nothing
     */
    public void calibrateOutputBounds(double[] x, int batch, UniformRandomProvider rng) {
        prepare(true, x, batch, rng);
        boolean random = options.tileConfig().forward().random();
        for (int t = 0; t < tiles.length; t++) {
            tiles[t].calibrateOutputBounds(slices[t / colTiles], batch, random ? split(rng) : null);
        }
    }

    private void read(boolean fwd, double[] in, int batch, double[] out, UniformRandomProvider rng,
            EnergyLedger ledger) {
        Checks.positive("batch", batch);
        ConductanceMapping.requireLength(fwd ? "yOut" : "zOut", out, (long) batch * (fwd ? n : m));
        prepare(fwd, in, batch, rng);
        boolean random = (fwd ? options.tileConfig().forward() : options.tileConfig().backward()).random();
        UniformRandomProvider[] streams = new UniformRandomProvider[tiles.length];
        for (int t = 0; t < tiles.length; t++) {
            streams[t] = random ? split(rng) : null;
            meters[t].vectors = 0;
            meters[t].sumV2G = 0;
        }
        if (tiles.length > 1 && (long) batch * m * n >= PARALLEL_MIN_WORK) {
            List<RecursiveAction> work = new ArrayList<>(tiles.length);
            for (int t = 0; t < tiles.length; t++) {
                int tt = t;
                work.add(new RecursiveAction() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void compute() {
                        runTile(fwd, tt, batch, streams[tt]);
                    }
                });
            }
            ForkJoinTask.invokeAll(work);
        } else {
            for (int t = 0; t < tiles.length; t++) {
                runTile(fwd, t, batch, streams[t]);
            }
        }
        accumulate(fwd, batch, out);
        if (ledger != null) {
            report(fwd, batch, ledger);
        }
    }

    /** Checks the inputs and copies each block of the input dimension into its slice. */
    private void prepare(boolean fwd, double[] in, int batch, UniformRandomProvider rng) {
        Checks.positive("batch", batch);
        int len = fwd ? m : n;
        String what = fwd ? "x" : "d";
        ConductanceMapping.requireLength(what, in, (long) batch * len);
        for (int k = 0; k < batch * len; k++) {
            if (!Double.isFinite(in[k])) {
                throw new IllegalArgumentException(what + "[" + k + "] must be finite, got " + in[k]);
            }
        }
        if ((fwd ? options.tileConfig().forward() : options.tileConfig().backward()).random()) {
            Objects.requireNonNull(rng, "rng");
        }
        ensureCapacity(fwd, batch);
        int[] start = fwd ? rowStart : colStart;
        double[][] dst = fwd ? slices : backSlices;
        for (int b = 0; b < dst.length; b++) {
            int b0 = start[b];
            int w = start[b + 1] - b0;
            double[] s = dst[b];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(in, k * len + b0, s, k * w, w);
            }
        }
    }

    private void runTile(boolean fwd, int t, int batch, UniformRandomProvider stream) {
        if (fwd) {
            tiles[t].forward(slices[t / colTiles], batch, partials[t], stream);
        } else {
            tiles[t].backward(backSlices[t % colTiles], batch, backPartials[t], stream);
        }
    }

    /**
     * Forward: y[k][c0 + j] = A over r of partials[(r, c)][k][j], r in order. Backward:
     * z[k][r0 + i] = A over c of backPartials[(r, c)][k][i], c in order.
     */
    private void accumulate(boolean fwd, int batch, double[] out) {
        PartialSumAccumulator acc = options.accumulator();
        boolean exact = acc.exact();
        double lsb = acc.lsb();
        int[] outStart = fwd ? colStart : rowStart;
        int outBlocks = fwd ? colTiles : rowTiles;
        int summed = fwd ? rowTiles : colTiles;
        int outLen = fwd ? n : m;
        double[][] parts = fwd ? partials : backPartials;
        for (int b = 0; b < outBlocks; b++) {
            int b0 = outStart[b];
            int w = outStart[b + 1] - b0;
            for (int k = 0; k < batch; k++) {
                int o = k * outLen + b0;
                int p = k * w;
                if (exact) {
                    double[] first = parts[fwd ? b : b * colTiles];
                    for (int j = 0; j < w; j++) {
                        out[o + j] = first[p + j];
                    }
                    for (int s = 1; s < summed; s++) {
                        double[] part = parts[fwd ? s * colTiles + b : b * colTiles + s];
                        for (int j = 0; j < w; j++) {
                            out[o + j] += part[p + j];
                        }
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        long a = 0;
                        for (int s = 0; s < summed; s++) {
                            a = acc.add(a, acc.code(parts[fwd ? s * colTiles + b : b * colTiles + s][p + j]));
                        }
                        out[o + j] = a * lsb;
                    }
                }
            }
        }
    }

    private void report(boolean fwd, int batch, EnergyLedger ledger) {
        HardwareDescription hw = ledger.hardware();
        HardwareDescription.Latency lat = hw.latency();
        int l = ledger.layer(name);
        int adcs = hw.tile().adcs();
        long cells = 0;
        long dac = 0;
        long adc = 0;
        double sumV2G = 0;
        double slowest = 0;
        for (int t = 0; t < tiles.length; t++) {
            long v = meters[t].vectors;
            int mt = tiles[t].inputs();
            int nt = tiles[t].outputs();
            int inT = fwd ? mt : nt;
            int outT = fwd ? nt : mt;
            cells += v * mt * tileColumnsUsed[t];
            dac += v * inT;
            adc += v * outT;
            sumV2G += meters[t].sumV2G;
            double time = v * (lat.dacConversionSeconds() + lat.readPulseSeconds()
                    + ((outT + adcs - 1) / adcs) * lat.adcConversionSeconds());
            slowest = Math.max(slowest, time);
        }
        int summed = fwd ? rowTiles : colTiles;
        ledger.add(l, Component.CELL_READ, cells, lat.readPulseSeconds() * sumV2G);
        ledger.add(l, Component.DAC_CONVERSION, dac);
        ledger.add(l, Component.ADC_CONVERSION, adc);
        ledger.add(l, Component.ACCUMULATION, (long) batch * (fwd ? n : m) * (summed - 1));
        int levels = 32 - Integer.numberOfLeadingZeros(summed - 1); // ⌈log₂S⌉, 0 for S = 1
        ledger.addBusy(l, slowest + (double) batch * levels * lat.accumulationSeconds());
    }

    private void ensureCapacity(boolean fwd, int batch) {
        if (fwd && batch > capacity) {
            capacity = batch;
            slices = new double[rowTiles][];
            for (int r = 0; r < rowTiles; r++) {
                slices[r] = new double[batch * (rowStart[r + 1] - rowStart[r])];
            }
            partials = new double[tiles.length][];
            for (int t = 0; t < tiles.length; t++) {
                partials[t] = new double[batch * tiles[t].outputs()];
            }
        } else if (!fwd && batch > backCapacity) {
            backCapacity = batch;
            backSlices = new double[colTiles][];
            for (int c = 0; c < colTiles; c++) {
                backSlices[c] = new double[batch * (colStart[c + 1] - colStart[c])];
            }
            backPartials = new double[tiles.length][];
            for (int t = 0; t < tiles.length; t++) {
                backPartials[t] = new double[batch * tiles[t].inputs()];
            }
        }
    }
}
