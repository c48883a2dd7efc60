package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;

/**
 * Stanford-PKU metal-oxide RRAM model (Jiang, Li, Huang, Yu, Chen, Gao, Liu, Wong, "A compact
 * model for metal–oxide resistive random access memory with experiment verification", IEEE TED
 * 63 (2016) 1884–1892, doi:10.1109/TED.2016.2545412; Guan, Yu &amp; Wong, IEEE EDL 2012,
 * doi:10.1109/LED.2012.2210856), in the "standard" form of MemTorch's
 * {@code memtorch.bh.memristor.Stanford_PKU}. The state is the tunnelling gap g between the
 * filament tip and the electrode:
 * <pre>
 *   I     = I0·e^(−g/g0)·sinh(V/V0)
 *   dg/dt = −v0·e^(−q·Ea/(k·T))·sinh(γ·a0·q·V/(t_ox·k·T)),   γ = γ0 − β·(g/1 nm)³
 *   dg/dt = 0 when γ·|V|/t_ox &lt; F_min (no field-enhanced migration below the minimum field)
 *   T     = T0 + |V·I|·R_th   (Joule heating of the filament)
 *   g ∈ [g_min, g_max]
 * </pre>
 * Positive V shrinks the gap (SET), negative V grows it (RESET).
 *
 * <p>Choices against MemTorch, all deliberate: the current in the heating term is the present
 * one, I(g, V), where MemTorch's time-stepping uses the current of the previous time step; the
 * constants are the exact SI values (q = 1.602176634e-19 C, k = 1.380649e-23 J/K) where MemTorch
 * writes q = 1.6e-19 and k = 1.3806503e-23, which makes q/k 0.13 % smaller there and the rate
 * at 298 K about 3 % larger. The gap noise is an optional Wiener term (see {@link GapNoise}) where
 * MemTorch adds {@code N(0,1)·δg/(1 + e^((T_crit − T)/T_smth))} to dg/dt (switched off by its
 * default {@code model_switch = 0}).
 *
 * <p>Gap bounds: MemTorch derives them from its resistance window read at 0.1 V,
 * {@code g = g0·ln(I0·sinh(V_r/V0)/(V_r/R))} with R_on = 542 Ω and R_off = 218 586 Ω, which gives
 * g_min = 0.2001 nm and g_max = 1.7000 nm ({@link #gapForResistance}).
 *
 * @param i0Amperes                      I0 &gt; 0
 * @param g0Metres                       g0 &gt; 0
 * @param v0Volts                        V0 &gt; 0
 * @param vel0MetresPerSecond            v0 &gt; 0, the migration velocity prefactor
 * @param activationEnergyEv             Ea &gt; 0 (eV)
 * @param a0Metres                       a0 &gt; 0, the atomic hopping distance
 * @param tOxMetres                      t_ox &gt; 0, the oxide thickness
 * @param gamma0                         γ0, the field-enhancement factor at g = 0, finite
 * @param beta                           β ≥ 0
 * @param ambientKelvin                  T0 &gt; 0
 * @param thermalResistanceKelvinPerWatt R_th ≥ 0 (0: isothermal at T0)
 * @param minFieldVoltsPerMetre          F_min ≥ 0
 * @param gapMinMetres                   g_min ≥ 0
 * @param gapMaxMetres                   g_max &gt; g_min
 * @param gapNoise                       gap noise; {@link GapNoise#NONE} for a deterministic model
 */
public record StanfordPku(double i0Amperes, double g0Metres, double v0Volts, double vel0MetresPerSecond,
        double activationEnergyEv, double a0Metres, double tOxMetres, double gamma0, double beta,
        double ambientKelvin, double thermalResistanceKelvinPerWatt, double minFieldVoltsPerMetre,
        double gapMinMetres, double gapMaxMetres, GapNoise gapNoise) implements CompactModel {

    public static final String NAME = "stanford-pku";
    /** Elementary charge (C), exact in the 2019 SI. */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** Boltzmann constant (J/K), exact in the 2019 SI. */
    public static final double BOLTZMANN = 1.380649e-23;
    private static final double NANOMETRE = 1e-9;

    /**
     * Temperature-activated gap noise, {@code σ(T) = σ0 / (1 + e^((T_crit − T)/T_smth))} in m/√s:
     * the simulator adds {@code σ·√Δt·N(0,1)} to g over each smooth interval Δt of the waveform
     * (Euler–Maruyama splitting), so the spread grows with the time spent hot, not with the
     * integrator's step count.
     *
     * @param sigmaMetresPerRootSecond σ0 ≥ 0 (0: no noise)
     * @param criticalKelvin           T_crit &gt; 0 (MemTorch 450 K)
     * @param smoothingKelvin          T_smth &gt; 0 (MemTorch 500 K)
     */
    public record GapNoise(double sigmaMetresPerRootSecond, double criticalKelvin, double smoothingKelvin) {
        /** No noise. */
        public static final GapNoise NONE = new GapNoise(0, 450, 500);

        public GapNoise {
            Checks.nonNegative("sigmaMetresPerRootSecond", sigmaMetresPerRootSecond);
            Checks.positive("criticalKelvin", criticalKelvin);
            Checks.positive("smoothingKelvin", smoothingKelvin);
        }

        /** σ0 with MemTorch's T_crit = 450 K and T_smth = 500 K. */
        public static GapNoise of(double sigmaMetresPerRootSecond) {
            return new GapNoise(sigmaMetresPerRootSecond, 450, 500);
        }

        /** σ(T) (m/√s). */
        public double intensity(double kelvin) {
            return sigmaMetresPerRootSecond / (1 + Math.exp((criticalKelvin - kelvin) / smoothingKelvin));
        }
    }

    public StanfordPku {
        Checks.positive("i0Amperes", i0Amperes);
        Checks.positive("g0Metres", g0Metres);
        Checks.positive("v0Volts", v0Volts);
        Checks.positive("vel0MetresPerSecond", vel0MetresPerSecond);
        Checks.positive("activationEnergyEv", activationEnergyEv);
        Checks.positive("a0Metres", a0Metres);
        Checks.positive("tOxMetres", tOxMetres);
        Checks.finite("gamma0", gamma0);
        Checks.nonNegative("beta", beta);
        Checks.positive("ambientKelvin", ambientKelvin);
        Checks.nonNegative("thermalResistanceKelvinPerWatt", thermalResistanceKelvinPerWatt);
        Checks.nonNegative("minFieldVoltsPerMetre", minFieldVoltsPerMetre);
        Checks.nonNegative("gapMinMetres", gapMinMetres);
        Checks.positive("gapMaxMetres", gapMaxMetres);
        if (!(gapMaxMetres > gapMinMetres)) {
            throw new IllegalArgumentException("gapMaxMetres must exceed gapMinMetres=" + gapMinMetres + ", got "
                    + gapMaxMetres);
        }
        if (gapNoise == null) {
            throw new IllegalArgumentException("gapNoise must not be null (use GapNoise.NONE), got null");
        }
    }

    /**
     * MemTorch's defaults: I0 1 mA, g0 0.25 nm, V0 0.25 V, v0 10 m/s, Ea 0.6 eV, a0 0.25 nm,
     * t_ox 12 nm, γ0 16, β 0.8, T0 298 K, R_th 2.1 kK/W, F_min 1.4 GV/m, gap bounds from
     * R_on 542 Ω and R_off 218 586 Ω at 0.1 V, no noise.
     */
    public static StanfordPku memTorchDefaults() {
        double i0 = 1e-3;
        double g0 = 0.25e-9;
        double v0 = 0.25;
        double read = 0.1;
        return new StanfordPku(i0, g0, v0, 10, 0.6, 0.25e-9, 12e-9, 16, 0.8, 298, 2.1e3, 1.4e9,
                gapForResistance(i0, g0, v0, 542, read), gapForResistance(i0, g0, v0, 218586, read), GapNoise.NONE);
    }

    /**
     * The gap whose read conductance at {@code readVolts} is {@code 1/resistanceOhms}:
     * {@code g = g0·ln(I0·sinh(V_r/V0)·R/V_r)} (MemTorch's bound and {@code set_conductance} formula).
     */
    public static double gapForResistance(double i0Amperes, double g0Metres, double v0Volts, double resistanceOhms,
            double readVolts) {
        Checks.positive("resistanceOhms", resistanceOhms);
        Checks.positive("readVolts", readVolts);
        return g0Metres * Math.log(i0Amperes * Math.sinh(readVolts / v0Volts) * resistanceOhms / readVolts);
    }

    /** A copy with R_th replaced (0 gives the isothermal model at T0). */
    public StanfordPku withThermalResistance(double kelvinPerWatt) {
        return new StanfordPku(i0Amperes, g0Metres, v0Volts, vel0MetresPerSecond, activationEnergyEv, a0Metres, tOxMetres,
                gamma0, beta, ambientKelvin, kelvinPerWatt, minFieldVoltsPerMetre, gapMinMetres, gapMaxMetres, gapNoise);
    }

    /** A copy with T0 replaced. */
    public StanfordPku withAmbientTemperature(double kelvin) {
        return new StanfordPku(i0Amperes, g0Metres, v0Volts, vel0MetresPerSecond, activationEnergyEv, a0Metres, tOxMetres,
                gamma0, beta, kelvin, thermalResistanceKelvinPerWatt, minFieldVoltsPerMetre, gapMinMetres, gapMaxMetres,
                gapNoise);
    }

    /** A copy with F_min replaced (0 removes the minimum-field cut). */
    public StanfordPku withMinField(double voltsPerMetre) {
        return new StanfordPku(i0Amperes, g0Metres, v0Volts, vel0MetresPerSecond, activationEnergyEv, a0Metres, tOxMetres,
                gamma0, beta, ambientKelvin, thermalResistanceKelvinPerWatt, voltsPerMetre, gapMinMetres, gapMaxMetres,
                gapNoise);
    }

    /** A copy with the gap noise replaced. */
    public StanfordPku withGapNoise(GapNoise noise) {
        return new StanfordPku(i0Amperes, g0Metres, v0Volts, vel0MetresPerSecond, activationEnergyEv, a0Metres, tOxMetres,
                gamma0, beta, ambientKelvin, thermalResistanceKelvinPerWatt, minFieldVoltsPerMetre, gapMinMetres,
                gapMaxMetres, noise);
    }

    @Override
    public String modelName() {
        return NAME;
    }

    @Override
    public double stateLowerBound() {
        return gapMinMetres;
    }

    @Override
    public double stateUpperBound() {
        return gapMaxMetres;
    }

    /** MemTorch's gap_init = 0.2 nm, clamped to the bounds. */
    @Override
    public double initialState() {
        return Math.min(Math.max(0.2e-9, gapMinMetres), gapMaxMetres);
    }

    @Override
    public double currentAmperes(double gapMetres, double vVolts) {
        return i0Amperes * Math.exp(-gapMetres / g0Metres) * Math.sinh(vVolts / v0Volts);
    }

    /** {@code I(g, V_r)/V_r}; at V_r = 0 the limit {@code I0·e^(−g/g0)/V0}. */
    @Override
    public double readConductanceSiemens(double gapMetres, double readVolts) {
        if (readVolts == 0) {
            return i0Amperes * Math.exp(-gapMetres / g0Metres) / v0Volts;
        }
        return currentAmperes(gapMetres, readVolts) / readVolts;
    }

    /** Filament temperature {@code T0 + |V·I(g, V)|·R_th} (K). */
    public double temperatureKelvin(double gapMetres, double vVolts) {
        return ambientKelvin + Math.abs(vVolts * currentAmperes(gapMetres, vVolts)) * thermalResistanceKelvinPerWatt;
    }

    /** γ = γ0 − β·(g/1 nm)³. */
    public double gamma(double gapMetres) {
        double gNm = gapMetres / NANOMETRE;
        return gamma0 - beta * gNm * gNm * gNm;
    }

    /**
     * The largest gap that still moves at voltage V: the minimum-field condition
     * {@code γ(g)·|V|/t_ox ≥ F_min} holds exactly for {@code g ≤ g*(V) = ((γ0 − F_min·t_ox/|V|)/β)^(1/3)·1 nm}
     * (γ decreases with g). {@code +∞} when F_min = 0, {@code −∞} when nothing moves (V = 0).
     */
    public double movingGapLimitMetres(double vVolts) {
        if (minFieldVoltsPerMetre == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double a = Math.abs(vVolts);
        if (a == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double room = gamma0 - minFieldVoltsPerMetre * tOxMetres / a;
        if (beta == 0) {
            return room >= 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return NANOMETRE * Math.cbrt(room / beta);
    }

    /**
     * Under RESET (V &lt; 0) the gap grows until it reaches {@link #movingGapLimitMetres}, above
     * which the field is below F_min and nothing moves: the gap then follows g*(V(t)) as |V|
     * rises. Under SET the gap shrinks away from g*, so there is no ceiling.
     */
    @Override
    public double slidingCeiling(double vVolts) {
        return vVolts < 0 ? movingGapLimitMetres(vVolts) : Double.POSITIVE_INFINITY;
    }

    @Override
    public double stateRate(double gapMetres, double vVolts) {
        double gamma = gamma(gapMetres);
        if (gapMetres > movingGapLimitMetres(vVolts)) { // γ·|V|/t_ox < F_min, decided on g so that g = g* moves
            return 0;
        }
        double thermalVolts = BOLTZMANN * temperatureKelvin(gapMetres, vVolts) / ELEMENTARY_CHARGE;
        return -vel0MetresPerSecond * Math.exp(-activationEnergyEv / thermalVolts)
                * Math.sinh(gamma * a0Metres * vVolts / (tOxMetres * thermalVolts));
    }

    @Override
    public double stateNoiseIntensity(double gapMetres, double vVolts) {
        if (gapNoise.sigmaMetresPerRootSecond() == 0) {
            return 0;
        }
        return gapNoise.intensity(temperatureKelvin(gapMetres, vVolts));
    }

    /** MemTorch's {@code set_conductance}: the gap reading conductance G at {@code readVolts}, clamped. */
    public double stateForConductance(double gSiemens, double readVolts) {
        Checks.positive("gSiemens", gSiemens);
        double g = gapForResistance(i0Amperes, g0Metres, v0Volts, 1 / gSiemens, readVolts);
        return Math.min(Math.max(g, gapMinMetres), gapMaxMetres);
    }
}
