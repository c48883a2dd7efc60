package dev.kirchhoff.profiles.fit;

/**
 * Cycle-to-cycle σ and write noise of pulsed devices by the method of moments on the increments of
 * the residuals around each device's own fitted noise-free trajectory.
 *
 * <p>Model. Let X_n be the state after pulse n, m_n the fitted noise-free trajectory and
 * Y_n = X_n + ε_n the read, with write noise ε_n ~ N(0, σ_w²) drawn afresh at every pulse (so white
 * over the reads, aihwkit's {@code write_noise_std}). Pulse n moves the state by its noise-free step
 * plus a cycle-to-cycle term c·s_n·ξ_n, ξ_n standard normal and independent of everything before:
 * s_n = |m_n − m_{n−1}|, the fitted step, for the models whose step is multiplied by (1 + c·ξ)
 * (aihwkit's {@code dw_min_std}; Gokmen &amp; Vlasov 2016, doi:10.3389/fnins.2016.00333), and
 * s_n = gMax_i − gMin_i for NeuroSim's additive σ·(gMax − gMin)·ξ (Chen et al. 2018,
 * doi:10.1109/TCAD.2018.2789723). With e_n = X_n − m_n the residual is r_n = Y_n − m_n = e_n + ε_n
 * and, to first order in e (the step's slope f′ ≈ step/window ≪ 1 makes f′·e_n negligible),
 * <pre>
 *   Δr_n = r_n − r_{n−1} = c·s_n·ξ_n + ε_n − ε_{n−1}
 * </pre>
 * ξ_n and the ε are independent and zero-mean, so
 * <pre>
 *   E[Δr_n²]          = c²·s_n² + 2σ_w²
 *   E[Δr_n·Δr_{n+1}]  = E[(ε_n − ε_{n−1})(ε_{n+1} − ε_n)] = −σ_w²
 * </pre>
 * (the only shared term is ε_n, with coefficients +1 and −1). Summed over the increments of every
 * device (increments never cross devices):
 * <pre>
 *   σ̂_w² = −Σ Δr_n·Δr_{n+1} / L                  (L lag pairs)
 *   ĉ²   = (Σ_{n∈M} Δr_n² − 2|M|·σ̂_w²) / Σ_{n∈M} s_n²
 * </pre>
 * where M excludes the pulses the caller marks (s_n = NaN: e.g. an additive-noise device whose
 * fitted state sits on a bound, where clipping removes part of the noise). Each estimate is floored
 * at 0 and reported as unresolved when its moment comes out negative. The neglected f′·e_n term adds
 * f′²·Var(e) to the first moment and about f′·c²·s² to the second, below 1% of the estimates for
 * devices with 100 or more pulses across their window.
 *
 * <p>Standard errors are delete-one-device jackknife errors of the two ratio estimators
 * (Efron &amp; Stein, Ann. Stat. 9, 1981, doi:10.1214/aos/1176345462), so they hold however the
 * increments of one device are correlated.
 */
final class PulseNoiseMoments {
    private PulseNoiseMoments() {
    }

    /**
     * The sums one device contributes.
     *
     * @param sumSquares  Σ_{n∈M} Δr_n²
     * @param count       |M|
     * @param sumLag      Σ Δr_n·Δr_{n+1} over all lag pairs
     * @param lagCount    number of lag pairs
     * @param sumScaleSq  Σ_{n∈M} s_n²
     */
    record Sums(double sumSquares, long count, double sumLag, long lagCount, double sumScaleSq) {
    }

    /**
     * The estimates.
     *
     * @param writeNoiseSigma    σ̂_w, in the unit of the reads (≥ 0)
     * @param writeNoiseSe       its jackknife standard error (NaN with one device)
     * @param writeNoiseResolved false when the lag-1 moment came out positive (σ̂_w floored at 0)
     * @param c2c                ĉ, dimensionless (≥ 0)
     * @param c2cSe              its jackknife standard error (NaN with one device)
     * @param c2cResolved        false when the first moment left nothing for c (ĉ floored at 0), or
     *                           no pulse had a non-zero scale
     */
    record Estimate(double writeNoiseSigma, double writeNoiseSe, boolean writeNoiseResolved, double c2c, double c2cSe,
            boolean c2cResolved) {
    }

    /**
     * One device's sums.
     *
     * @param reads  Y_n, not modified
     * @param fitted m_n, not modified
     * @param scale  s_n per pulse (index n is the increment from n−1 to n; index 0 is not used);
     *               NaN excludes pulse n from M; not modified
     */
    static Sums deviceSums(double[] reads, double[] fitted, double[] scale) {
        int n = reads.length;
        double sumSq = 0;
        long count = 0;
        double sumLag = 0;
        long lagCount = 0;
        double sumScale = 0;
        double prevIncrement = Double.NaN;
        for (int i = 1; i < n; i++) {
            double inc = (reads[i] - fitted[i]) - (reads[i - 1] - fitted[i - 1]);
            if (i >= 2) {
                sumLag += prevIncrement * inc;
                lagCount++;
            }
            prevIncrement = inc;
            double s = scale[i];
            if (!Double.isNaN(s)) {
                sumSq += inc * inc;
                count++;
                sumScale += s * s;
            }
        }
        return new Sums(sumSq, count, sumLag, lagCount, sumScale);
    }

    /** Pools devices' sums into the estimates, with jackknife errors over devices. */
    static Estimate estimate(Sums[] devices) {
        double sq = 0;
        long count = 0;
        double lag = 0;
        long lagCount = 0;
        double scale = 0;
        for (Sums s : devices) {
            sq += s.sumSquares();
            count += s.count();
            lag += s.sumLag();
            lagCount += s.lagCount();
            scale += s.sumScaleSq();
        }
        double w2 = lagCount > 0 ? -lag / lagCount : 0;
        double c2 = scale > 0 ? (sq - 2 * count * Math.max(w2, 0)) / scale : -1;
        double w = Math.sqrt(Math.max(w2, 0));
        double c = Math.sqrt(Math.max(c2, 0));
        double seW = Double.NaN;
        double seC = Double.NaN;
        int d = devices.length;
        if (d >= 2) {
            double[] wJ = new double[d];
            double[] cJ = new double[d];
            for (int i = 0; i < d; i++) {
                Sums s = devices[i];
                long lc = lagCount - s.lagCount();
                double w2i = lc > 0 ? -(lag - s.sumLag()) / lc : 0;
                double sc = scale - s.sumScaleSq();
                double c2i = sc > 0 ? (sq - s.sumSquares() - 2 * (count - s.count()) * Math.max(w2i, 0)) / sc : 0;
                wJ[i] = Math.sqrt(Math.max(w2i, 0));
                cJ[i] = Math.sqrt(Math.max(c2i, 0));
            }
            seW = jackknifeError(wJ);
            seC = jackknifeError(cJ);
        }
        return new Estimate(w, seW, w2 > 0, c, seC, c2 > 0);
    }

    /** √((d − 1)/d · Σ (θ_(i) − θ̄_(·))²). */
    private static double jackknifeError(double[] leaveOneOut) {
        int d = leaveOneOut.length;
        double mean = 0;
        for (double v : leaveOneOut) {
            mean += v;
        }
        mean /= d;
        double ss = 0;
        for (double v : leaveOneOut) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((d - 1.0) / d * ss);
    }
}
