package dev.kirchhoff.device.iv;

/** Ohmic cell: {@code I = G·V}, {@code dI/dV = G}. */
public record LinearIv() implements IvCurve {

    /** The one instance needed. */
    public static final LinearIv INSTANCE = new LinearIv();

    @Override
    public double currentAmperes(double gSiemens, double vVolts) {
        return gSiemens * vVolts;
    }

    @Override
    public double differentialConductanceSiemens(double gSiemens, double vVolts) {
        return gSiemens;
    }

    @Override
    public void evaluate(double[] gSiemens, double[] vVolts, double[] currentOut, double[] conductanceOut) {
        int n = gSiemens.length;
        if (vVolts.length != n || currentOut.length != n || conductanceOut.length != n) {
            IvCurve.super.evaluate(gSiemens, vVolts, currentOut, conductanceOut); // throws with the message
        }
        for (int i = 0; i < n; i++) {
            currentOut[i] = gSiemens[i] * vVolts[i];
            conductanceOut[i] = gSiemens[i];
        }
    }
}
