package dev.kirchhoff.device.pulsed;

import dev.kirchhoff.device.Checks;
import dev.kirchhoff.device.ConductanceRange;
import java.util.Objects;

/**
 * The seven measured synaptic devices benchmarked by NeuroSim (NeuroSim MLP V3.0 user manual,
 * Table II, 32 nm; P.-Y. Chen, X. Peng, S. Yu, IEEE TCAD 2018, doi:10.1109/TCAD.2018.2789723),
 * as {@link NeuroSimNonlinear} models.
 *
 * <p>Per device: P_LTP = P_LTD = the number of states; gMax = 1/R_on; gMin = gMax/(on/off ratio);
 * the labels map to A through {@link NeuroSimNonlinear#normalizedAOnNeuroSimGrid} as NeuroSim does;
 * {@link PulseVariability#c2cStd()} = the C2C σ as a fraction of gMax − gMin, added once per pulse.
 *
 * <p>Choices where the table is not a single number: GST PCM's "100–120" states are taken as 100;
 * PCMO's "&lt;1%" C2C σ as 1% and HZO FeFET's "&lt;0.5%" as 0.5% (the stated upper bounds; the
 * NeuroSim source used here sets only Ag:a-Si, at 3.5%). GST PCM's LTP label 0.105 falls on
 * NeuroSim's 0.01 grid at 0.10. NeuroSim's own default device (Ag:a-Si in {@code Cell.cpp}) uses
 * 97 LTP and 100 LTD levels; the table's single count, 97, is used for both here.
 */
public enum NeuroSimDevices {
    /** Ag:a-Si RRAM; Jo et al., "Nanoscale memristor device as synapse in neuromorphic systems", Nano Lett. 2010. */
    AG_A_SI("Ag:a-Si", 97, 2.4, -4.88, 26e6, 12.5, 0.035,
            "Jo et al., Nano Letters 10, 1297 (2010)"),
    /** TaOx/HfOx RRAM; Wu et al. (Tsinghua), VLSI Technology 2018. */
    TAOX_HFOX("TaOx/HfOx", 128, 0.04, -0.63, 100e3, 10, 0.037,
            "Wu et al., VLSI Technology Symposium (2018)"),
    /** Pr0.7Ca0.3MnO3 RRAM; Park et al. (POSTECH), IEDM 2013. */
    PCMO("PCMO", 50, 3.68, -6.76, 23e6, 6.84, 0.01,
            "Park et al., IEDM (2013)"),
    /** AlOx/HfO2 bilayer RRAM; Woo et al., IEEE Electron Device Letters 2016. */
    ALOX_HFO2("AlOx/HfO2", 40, 1.94, -0.61, 16.9e3, 4.43, 0.05,
            "Woo et al., IEEE Electron Device Letters 37 (2016)"),
    /** Ge2Sb2Te5 phase-change memory; Kuzum et al., Nano Lett. 2012. */
    GST_PCM("GST PCM", 100, 0.105, 2.4, 4.71e3, 19.8, 0.015,
            "Kuzum et al., Nano Letters 12, 2179 (2012)"),
    /** SiGe epitaxial RAM; Choi et al., Nature Materials 2018. */
    EPIRAM("EpiRAM", 64, 0.5, -0.5, 81e3, 50.2, 0.02,
            "Choi et al., Nature Materials 17, 335 (2018)"),
    /** Hf0.5Zr0.5O2 ferroelectric FET; Jerry et al., IEDM 2017. */
    HZO_FEFET("HZO FeFET", 32, 1.75, 1.46, 559e3, 45, 0.005,
            "Jerry et al., IEDM (2017)");

    /** Where every row's numbers were read. */
    public static final String TABLE_SOURCE = "NeuroSim MLP V3.0 user manual, Table II (32 nm)";

    private final String displayName;
    private final int states;
    private final double nlLtp;
    private final double nlLtd;
    private final double rOnOhm;
    private final double onOffRatio;
    private final double c2cStd;
    private final String devicePaper;

    NeuroSimDevices(String displayName, int states, double nlLtp, double nlLtd, double rOnOhm, double onOffRatio,
            double c2cStd, String devicePaper) {
        this.displayName = displayName;
        this.states = states;
        this.nlLtp = nlLtp;
        this.nlLtd = nlLtd;
        this.rOnOhm = rOnOhm;
        this.onOffRatio = onOffRatio;
        this.c2cStd = c2cStd;
        this.devicePaper = devicePaper;
    }

    /** The name as the table spells it, e.g. {@code Ag:a-Si}. */
    public String displayName() {
        return displayName;
    }

    /** Number of pulses from gMin to gMax (and back): P_LTP = P_LTD. */
    public int states() {
        return states;
    }

    /** Nonlinearity label of potentiation. */
    public double nlLtp() {
        return nlLtp;
    }

    /** Nonlinearity label of depression (negative: depression saturating towards gMin, see {@link NeuroSimNonlinear}). */
    public double nlLtd() {
        return nlLtd;
    }

    /** On-state resistance R_on (Ω). */
    public double rOnOhm() {
        return rOnOhm;
    }

    /** R_off/R_on. */
    public double onOffRatio() {
        return onOffRatio;
    }

    /** Cycle-to-cycle σ as a fraction of gMax − gMin. */
    public double c2cStd() {
        return c2cStd;
    }

    /** The paper the device's measurements come from (as NeuroSim's table attributes them), plus the table. */
    public String source() {
        return devicePaper + "; numbers from " + TABLE_SOURCE;
    }

    /** Window: gMax = 1/R_on, gMin = gMax/(on/off). */
    public ConductanceRange range() {
        double gMax = 1 / rOnOhm;
        return new ConductanceRange(gMax / onOffRatio, gMax);
    }

    /** The device with its own cycle-to-cycle σ and no other spread. */
    public NeuroSimNonlinear model() {
        return model(PulseVariability.NONE.withC2cStd(c2cStd));
    }

    /** The device's curves and window with the given variability (its c2cStd replaces the device's). */
    public NeuroSimNonlinear model(PulseVariability variability) {
        return NeuroSimNonlinear.fromLabels(range(), states, states, nlLtp, nlLtd, variability);
    }

    /**
     * The device named {@code name}: its display name ({@code "Ag:a-Si"}, {@code "GST PCM"}) or its
     * constant name ({@code "AG_A_SI"}), ignoring case.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static NeuroSimDevices byName(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.trim();
        for (NeuroSimDevices d : values()) {
            if (d.displayName.equalsIgnoreCase(key) || d.name().equalsIgnoreCase(key)) {
                return d;
            }
        }
        StringBuilder known = new StringBuilder();
        for (NeuroSimDevices d : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(d.displayName);
        }
        throw new IllegalArgumentException("name must be one of " + known + ", got '" + name + "'");
    }

    /** {@code byName(name).model()}. */
    public static NeuroSimNonlinear of(String name) {
        return byName(name).model();
    }

    /**
     * A NeuroSim device from its datasheet numbers, in the table's units.
     *
     * @param states     pulses from gMin to gMax, ≥ 1
     * @param nlLtp      potentiation label
     * @param nlLtd      depression label
     * @param rOnOhm     R_on (Ω), positive
     * @param onOffRatio R_off/R_on, &gt; 1
     * @param c2cStd     cycle-to-cycle σ as a fraction of the window, ≥ 0
     */
    public static NeuroSimNonlinear fromDatasheet(int states, double nlLtp, double nlLtd, double rOnOhm,
            double onOffRatio, double c2cStd) {
        Checks.positive("rOnOhm", rOnOhm);
        if (!(onOffRatio > 1 && onOffRatio < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("onOffRatio must be finite and above 1, got " + onOffRatio);
        }
        double gMax = 1 / rOnOhm;
        return NeuroSimNonlinear.fromLabels(new ConductanceRange(gMax / onOffRatio, gMax), states, states, nlLtp, nlLtd,
                PulseVariability.NONE.withC2cStd(c2cStd));
    }
}
