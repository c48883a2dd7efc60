package dev.kirchhoff.crossbar;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Objects;

/** What every mapping holds: its shape, its conductance window and the weight mapped to the full window. */
abstract class MappingBase implements ConductanceMapping {
    /** M, the inputs (crossbar rows). */
    protected final int m;
    /** N, the outputs. */
    protected final int n;
    /** The devices' conductance window. */
    protected final ConductanceRange range;
    /** w_max, the |W| mapped to the full window. */
    protected final double weightMax;

    MappingBase(int inputs, int outputs, ConductanceRange range, double weightMax) {
        this.m = Checks.positive("inputs", inputs);
        this.n = Checks.positive("outputs", outputs);
        this.range = Objects.requireNonNull(range, "range");
        this.weightMax = Checks.positive("weightMax", weightMax);
    }

    @Override
    public final int inputs() {
        return m;
    }

    @Override
    public final int outputs() {
        return n;
    }

    @Override
    public final ConductanceRange range() {
        return range;
    }

    @Override
    public final double weightMax() {
        return weightMax;
    }
}
