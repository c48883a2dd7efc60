package dev.kirchhoff.tiling.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LifLayerTest {
    private static final double TAU_M = 20e-3;

    /**
     * Smallest n with RI·(1 − e^(−n·h/τ)) &gt; v_th: the step at whose end exact integration from
     * rest first sees v above threshold (the analytic crossing time T* = τ·ln(RI/(RI − v_th))
     * rounded up to the step grid).
     */
    private static int exactCrossingSteps(double ri, double vth, double h) {
        int n = 1;
        while (!(ri * -Math.expm1(-n * h / TAU_M) > vth)) {
            n++;
        }
        return n;
    }

    /** The same crossing for forward Euler, v ← v + h/τ·(RI − v): the wrong integrator. */
    private static int eulerCrossingSteps(double ri, double vth, double h) {
        double v = 0;
        int n = 0;
        do {
            v += h / TAU_M * (ri - v);
            n++;
        } while (!(v > vth));
        return n;
    }

    /**
     * Interspike intervals (steps) of one neuron under constant drive, rest 0, reset to rest: the
     * intervals between consecutive spikes (the first spike, from rest without refractory period,
     * only starts the count).
     */
    private static int[] interspikeSteps(double ri, double vth, double refractory, double h, int spikes) {
        LifLayer layer = new LifLayer(LifParameters.lif(TAU_M, 0, vth, 0).withRefractorySeconds(refractory), 1, h);
        layer.driveVolts()[0] = ri;
        int[] out = new int[1];
        int[] isi = new int[spikes];
        int last = -1;
        int k = 0;
        for (int step = 1; k < spikes; step++) {
            if (layer.step(out) == 1) {
                if (last >= 0) {
                    isi[k++] = step - last;
                }
                last = step;
            }
        }
        return isi;
    }

    /**
     * Under constant drive RI from rest, LIF fires at 1/(t_ref + τ·ln(RI/(RI − v_th))). With steps
     * of h the crossing is seen at the end of the step that contains it, so every interspike interval
     * is exactly round(t_ref/h) + ⌈T* / h⌉ steps (T* / h = 460.5 at h = 0.1 ms, 46.05 at 1 ms: no tie),
     * and the period lies in [t_ref + T*, t_ref + T* + h). Forward Euler at h = 1 ms crosses after
     * 45 steps instead of 47, outside that window: the check below would fail for it.
     */
    @Test
    void constantDriveFiresAtTheAnalyticRateQuantisedToTheStep() {
        double ri = 20e-3;
        double vth = 18e-3;
        double tRef = 2e-3;
        double tStar = TAU_M * Math.log(ri / (ri - vth));
        for (double h : new double[] {1e-4, 1e-3}) {
            int expected = (int) Math.round(tRef / h) + exactCrossingSteps(ri, vth, h);
            assertEquals((int) Math.round(tRef / h) + (int) Math.ceil(tStar / h), expected, "grid crossing of T*");
            for (int isi : interspikeSteps(ri, vth, tRef, h, 5)) {
                assertEquals(expected, isi, "h = " + h);
                double period = isi * h;
                assertTrue(period >= tRef + tStar && period < tRef + tStar + h, "period " + period + " at h = " + h);
            }
        }
        double h = 1e-3;
        double euler = Math.round(tRef / h) * h + eulerCrossingSteps(ri, vth, h) * h;
        assertTrue(euler < tRef + tStar, "forward Euler would fall outside the window: " + euler);
        assertNotEquals(exactCrossingSteps(ri, vth, h), eulerCrossingSteps(ri, vth, h));
        double rate = 1 / (interspikeSteps(ri, vth, tRef, 1e-4, 1)[0] * 1e-4);
        double analytic = 1 / (tRef + tStar);
        assertTrue(rate <= analytic && rate > 1 / (tRef + tStar + 1e-4), rate + " Hz vs " + analytic + " Hz");
    }

    /**
     * Closed form of the linear system from (u0, I_e0, I_i0) with drive I_x:
     * u(t) = u0·e^(−t/τm) + I_x·(1 − e^(−t/τm)) + Σ_s I_s0·τ_s/(τm − τ_s)·(e^(−t/τm) − e^(−t/τ_s)).
     */
    private static double closedForm(double u0, double ie0, double ii0, double ix, double tauE, double tauI, double t) {
        double em = Math.exp(-t / TAU_M);
        return u0 * em + ix * (1 - em) + ie0 * tauE / (TAU_M - tauE) * (em - Math.exp(-t / tauE))
                + ii0 * tauI / (TAU_M - tauI) * (em - Math.exp(-t / tauI));
    }

    /**
     * 137 exact steps compose to the closed-form solution at t = 137·h (a property only the exact
     * propagator has), to 1e-15 V (a few ulps of the ~10 mV values), for two step sizes.
     */
    @Test
    void exactIntegrationMatchesTheClosedFormOfTheThreeVariableSystem() {
        double tauE = 5e-3;
        double tauI = 10e-3;
        double el = -65e-3;
        for (double h : new double[] {1e-4, 1e-3}) {
            LifLayer layer = new LifLayer(LifParameters.lif(TAU_M, el, 1, -1).withSynapticTaus(tauE, tauI), 1, h);
            double u0 = 3e-3;
            double ie0 = 12e-3;
            double ii0 = -7e-3;
            double ix = 4e-3;
            layer.membraneVolts()[0] = el + u0;
            layer.excitatoryCurrentVolts()[0] = ie0;
            layer.inhibitoryCurrentVolts()[0] = ii0;
            layer.driveVolts()[0] = ix;
            int[] out = new int[1];
            for (int k = 0; k < 137; k++) {
                assertEquals(0, layer.step(out));
            }
            double t = 137 * h;
            assertEquals(el + closedForm(u0, ie0, ii0, ix, tauE, tauI, t), layer.membraneVolts()[0], 1e-15, "v at h = " + h);
            assertEquals(ie0 * Math.exp(-t / tauE), layer.excitatoryCurrentVolts()[0], 1e-16);
            assertEquals(ii0 * Math.exp(-t / tauI), layer.inhibitoryCurrentVolts()[0], 1e-16);
        }
    }

    /**
     * τ_e = τ_m: the closed form becomes u(t) = I_e0·(t/τm)·e^(−t/τm) (the limit of the general
     * one); the propagator gives it to 1e-15 V, and for τ_e = τ_m·(1 ± 1e-9) it moves by at most
     * ~1e-9 relative (no 0/0 blow-up, which the naive τ_e/(τm − τ_e)·(…) formula suffers from).
     */
    @Test
    void equalMembraneAndSynapticTimeConstantsAreStable() {
        double h = 1e-4;
        LifLayer layer = new LifLayer(LifParameters.lif(TAU_M, 0, 1, -1).withSynapticTaus(TAU_M, TAU_M), 1, h);
        layer.excitatoryCurrentVolts()[0] = 10e-3;
        int[] out = new int[1];
        for (int k = 0; k < 250; k++) {
            layer.step(out);
        }
        double t = 250 * h;
        assertEquals(10e-3 * t / TAU_M * Math.exp(-t / TAU_M), layer.membraneVolts()[0], 1e-15);
        double p = LifLayer.membraneFromCurrent(h, TAU_M, TAU_M, true);
        assertEquals(h / TAU_M * Math.exp(-h / TAU_M), p, 1e-18);
        for (double d : new double[] {1e-9, -1e-9, 1e-14}) {
            double near = LifLayer.membraneFromCurrent(h, TAU_M, TAU_M * (1 + d), true);
            assertEquals(p, near, 2 * Math.abs(d) * p + 1e-20, "tau_e = tau_m (1 + " + d + ")");
        }
    }

    /**
     * The non-leaky integrate-and-fire variant: τ dv/dt = I_e + I_x gives
     * v(t) = v0 + I_x·t/τ + I_e0·(τ_e/τ)·(1 − e^(−t/τ_e)).
     */
    @Test
    void integrateAndFireIntegratesWithoutLeak() {
        double tau = 1e-3;
        double h = 1e-4;
        LifLayer layer = new LifLayer(LifParameters.integrateAndFire(tau, 1).withSynapticTaus(5e-3, 10e-3), 1, h);
        layer.membraneVolts()[0] = 0.1;
        layer.excitatoryCurrentVolts()[0] = 0.2;
        layer.driveVolts()[0] = 0.05;
        int[] out = new int[1];
        for (int k = 0; k < 30; k++) {
            assertEquals(0, layer.step(out));
        }
        double t = 30 * h;
        assertEquals(0.1 + 0.05 * t / tau + 0.2 * 5e-3 / tau * -Math.expm1(-t / 5e-3), layer.membraneVolts()[0], 1e-14);
    }

    /**
     * Reset by subtraction conserves charge: with τ = h every step adds I_x to v, so after K steps
     * v_K + (spikes)·v_th = K·I_x exactly up to rounding, and the spike count is K·I_x/v_th within
     * one (the rate code of ANN→SNN conversion, Rueckauer et al. 2017). Reset to value (0) loses the
     * excess: with I_x = 0.3 and v &gt; 1 needed, a spike every 4 steps exactly.
     */
    @Test
    void resetBySubtractionKeepsTheExcessAndResetToValueDoesNot() {
        double h = 1e-3;
        LifLayer sub = new LifLayer(LifParameters.integrateAndFire(h, 1), 1, h);
        LifLayer val = new LifLayer(LifParameters.integrateAndFire(h, 1).withResetMode(LifParameters.ResetMode.TO_VALUE), 1, h);
        sub.driveVolts()[0] = 0.3;
        val.driveVolts()[0] = 0.3;
        int[] out = new int[1];
        int spikesSub = 0;
        int spikesVal = 0;
        for (int k = 0; k < 1000; k++) {
            spikesSub += sub.step(out);
            spikesVal += val.step(out);
            if (out[0] == 0 && spikesVal > 0 && (k + 1) % 4 == 0) {
                assertEquals(0.0, val.membraneVolts()[0], "reset to 0 at the spike step");
            }
        }
        assertEquals(300, sub.membraneVolts()[0] + spikesSub, 1e-10);
        assertTrue(Math.abs(spikesSub - 300) <= 1, "spikes " + spikesSub);
        assertEquals(250, spikesVal);
    }

    /**
     * Refractory: after a spike v stays at v_reset for round(t_ref/h) = 20 steps, even when set
     * above threshold, and no spike is seen; the currents keep decaying (I_e·P_e per step). The
     * interspike interval under a huge drive is then 21 steps: 20 held plus one integrating step.
     */
    @Test
    void refractoryHoldsVoltageAndSkipsTheThreshold() {
        double h = 1e-4;
        LifLayer layer = new LifLayer(LifParameters.lif(TAU_M, 0, 10e-3, -5e-3).withRefractorySeconds(2e-3), 1, h);
        assertEquals(20, layer.refractorySteps());
        layer.driveVolts()[0] = 100;
        int[] out = new int[1];
        int first = -1;
        int second = -1;
        for (int k = 0; k < 100 && second < 0; k++) {
            if (layer.step(out) == 1) {
                if (first < 0) {
                    first = k;
                    layer.excitatoryCurrentVolts()[0] = 1e-3;
                    for (int r = 0; r < 20; r++) {
                        layer.membraneVolts()[0] = r == 10 ? 1.0 : layer.membraneVolts()[0];
                        assertEquals(0, layer.step(out), "no spike while refractory");
                        k++;
                        assertEquals(r == 10 ? 1.0 : (r < 10 ? -5e-3 : 1.0), layer.membraneVolts()[0], "v held");
                        assertEquals(1e-3 * Math.pow(Math.exp(-h / 5e-3), r + 1), layer.excitatoryCurrentVolts()[0], 1e-18);
                    }
                    layer.membraneVolts()[0] = -5e-3;
                } else {
                    second = k;
                }
            }
        }
        assertEquals(0, first, "a drive of 100 V crosses in one step");
        assertEquals(21, second - first);
    }

    /**
     * Adaptive threshold (Diehl &amp; Cook 2015): θ jumps by Δθ at each spike and decays as
     * e^(−t/τ_θ), and a spike needs v &gt; v_th + θ. From rest with drive RI and reset to rest, the
     * second spike comes at the first n with RI·(1 − e^(−n·h/τ)) &gt; v_th + Δθ·e^(−n·h/τ_θ).
     */
    @Test
    void adaptiveThresholdJumpsDecaysAndDelaysTheNextSpike() {
        double h = 1e-4;
        double ri = 20e-3;
        double vth = 10e-3;
        double dTheta = 4e-3;
        double tauTheta = 50e-3;
        LifLayer layer = new LifLayer(LifParameters.lif(TAU_M, 0, vth, 0).withAdaptiveThreshold(dTheta, tauTheta), 1, h);
        layer.driveVolts()[0] = ri;
        int[] out = new int[1];
        int step = 0;
        while (layer.step(out) == 0) {
            step++;
        }
        assertEquals(exactCrossingSteps(ri, vth, h), step + 1, "first spike without adaptation");
        assertEquals(dTheta, layer.thresholdAdaptationVolts()[0], 0);
        int n = 0;
        do {
            n++;
        } while (!(ri * -Math.expm1(-n * h / TAU_M) > vth + dTheta * Math.exp(-n * h / tauTheta)));
        int isi = 0;
        while (layer.step(out) == 0) {
            isi++;
            assertEquals(dTheta * Math.exp(-isi * h / tauTheta), layer.thresholdAdaptationVolts()[0], 1e-17);
        }
        assertEquals(n, isi + 1, "second spike delayed by the raised threshold");
        assertTrue(n > exactCrossingSteps(ri, vth, h));
    }
}
