package dev.kirchhoff.device.iv;

import dev.kirchhoff.device.Checks;

/**
 * Hyperbolic-sine read nonlinearity, the form of tunnelling/hopping conduction used by the
 * Stanford-PKU RRAM model ({@code I = I0·e^(−g/g0)·sinh(V/V0)}, Jiang et al., IEEE TED 2016,
 * doi:10.1109/TED.2016.2545412) normalised so that G is the zero-bias conductance:
 * <pre>
 *   I = G·V0·sinh(V/V0),   dI/dV = G·cosh(V/V0)
 * </pre>
 * Odd in V; tends to the linear {@code I = G·V} as {@code V0 → ∞}. The current at V exceeds the
 * linear one by the factor {@code sinh(V/V0)/(V/V0) ≈ 1 + V²/(6V0²)}.
 *
 * @param v0Volts V0 &gt; 0, the voltage scale of the nonlinearity (V)
 */
public record SinhIv(double v0Volts) implements IvCurve {

    /** Stanford-PKU / MemTorch default V0 = 0.25 V. */
    public static final SinhIv STANFORD_PKU = new SinhIv(0.25);

    public SinhIv {
        Checks.positive("v0Volts", v0Volts);
    }

    @Override
    public double currentAmperes(double gSiemens, double vVolts) {
        return gSiemens * v0Volts * Math.sinh(vVolts / v0Volts);
    }

    @Override
    public double differentialConductanceSiemens(double gSiemens, double vVolts) {
        return gSiemens * Math.cosh(vVolts / v0Volts);
    }
}
