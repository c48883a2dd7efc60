package dev.kirchhoff.profiles.fit;

/**
 * Cycle-to-cycle σ and write noise of pulsed devices by the method of moments on residual
 * increments: the increments of the residuals around each device's own fitted noise-free
 * trajectory, or, for a model fitted one step ahead, the one-step residuals themselves.
 *
 * <p>Model. Let X_n be the state after pulse n and Y_n = X_n + ε_n the read, with write noise
 * ε_n ~ N(0, σ_w²) drawn afresh at every pulse (so white over the reads, aihwkit's
 * {@code write_noise_std}). Pulse n moves the state by its noise-free step plus a cycle-to-cycle
 * term c·s_n·ξ_n, ξ_n standard normal and independent of everything before: s_n the fitted step
 * for the models whose step is multiplied by (1 + c·ξ) (aihwkit's {@code dw_min_std}; Gokmen &amp;
 * Vlasov 2016, doi:10.3389/fnins.2016.00333), and s_n = gMax_i − gMin_i for NeuroSim's additive
 * σ·(gMax − gMin)·ξ (Chen et al. 2018, doi:10.1109/TCAD.2018.2789723). Both kinds of increment
 * have the form
 * <pre>
 *   Δ_n = c·s_n·ξ_n + ε_n − k_n·ε_{n−1}
 * </pre>
 * <ul>
 *   <li>Trajectory residuals r_n = Y_n − m_n (m the fitted trajectory), Δ_n = r_n − r_{n−1}, k_n = 1:
 *       to first order in the state's excursion e_n = X_n − m_n, whose term (f′ − 1)·e_{n−1} is
 *       negligible when the step's slope f′ − 1 is small and the state stays near m.</li>
 *   <li>One-step residuals Δ_n = Y_n − μ(Y_{n−1}) of a model predicting each read from the one
 *       before (μ its predictor), k_n = ∂μ/∂Y_{n−1}: μ(Y_{n−1}) = μ(X_{n−1}) + k_n·ε_{n−1} to first
 *       order, and the state's own excursion never enters. On a trajectory NeuroSim's additive noise
 *       makes e a random walk pulled back at rate 1 − f′ ≈ u·ρ, whose lag-1 term
 *       (f′ − 1)·c²·s² + (f′ − 1)²·f′·Var(e) is as large as σ_w² itself and read as write noise.</li>
 * </ul>
 * ξ_n and the ε are independent and zero-mean, so
 * <pre>
 *   E[Δ_n²]          = c²·s_n² + (1 + k_n²)·σ_w²
 *   E[Δ_n·Δ_{n+1}]   = −k_{n+1}·σ_w²
 * </pre>
 * (the only shared term is ε_n, with coefficients +1 and −k_{n+1}). Summed over the increments of
 * every device (increments never cross devices):
 * <pre>
 *   σ̂_w² = −Σ Δ_n·Δ_{n+1} / Σ k_{n+1}
 *   ĉ²   = (Σ_{n∈M} Δ_n² − σ̂_w²·Σ_{n∈M} (1 + k_n²)) / Σ_{n∈M} s_n²
 * </pre>
 * where M excludes the pulses the caller marks (s_n = NaN: e.g. an additive-noise device near a
 * bound, where clipping removes part of the noise). Each estimate is floored at 0 and reported as
 * unresolved when its moment comes out negative.
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
     * @param sumSquares  Σ_{n∈M} Δ_n²
     * @param noiseWeight Σ_{n∈M} (1 + k_n²)
     * @param sumLag      Σ Δ_n·Δ_{n+1} over all lag pairs
     * @param lagWeight   Σ k_{n+1} over all lag pairs
     * @param sumScaleSq  Σ_{n∈M} s_n²
     */
    record Sums(double sumSquares, double noiseWeight, double sumLag, double lagWeight, double sumScaleSq) {
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
     * The increments of trajectory residuals, Δ_n = (Y_n − m_n) − (Y_{n−1} − m_{n−1}), with k_n = 1.
     *
     * @param reads     Y_n, not modified
     * @param fitted    m_n, not modified
     * @param increment modified: Δ_n (index 0 not used)
     * @param carry     modified: k_n = 1
     */
    static void trajectoryIncrements(double[] reads, double[] fitted, double[] increment, double[] carry) {
        increment[0] = Double.NaN;
        carry[0] = 1;
        for (int n = 1; n < reads.length; n++) {
            increment[n] = (reads[n] - fitted[n]) - (reads[n - 1] - fitted[n - 1]);
            carry[n] = 1;
        }
    }

    /**
     * One device's sums.
     *
     * @param increment Δ_n (index n is the increment into read n; index 0 is not used); not modified
     * @param carry     k_n, the weight of ε_{n−1} in Δ_n; not modified
     * @param scale     s_n per pulse (index 0 is not used); NaN excludes pulse n from M; not modified
     */
    static Sums deviceSums(double[] increment, double[] carry, double[] scale) {
        int n = increment.length;
        double sumSq = 0;
        double noiseWeight = 0;
        double sumLag = 0;
        double lagWeight = 0;
        double sumScale = 0;
        for (int i = 1; i < n; i++) {
            double inc = increment[i];
            if (i >= 2) {
                sumLag += increment[i - 1] * inc;
                lagWeight += carry[i];
            }
            double s = scale[i];
            if (!Double.isNaN(s)) {
                sumSq += inc * inc;
                noiseWeight += 1 + carry[i] * carry[i];
                sumScale += s * s;
            }
        }
        return new Sums(sumSq, noiseWeight, sumLag, lagWeight, sumScale);
    }

    /** Pools devices' sums into the estimates, with jackknife errors over devices. */
    static Estimate estimate(Sums[] devices) {
        double sq = 0;
        double noiseWeight = 0;
        double lag = 0;
        double lagWeight = 0;
        double scale = 0;
        for (Sums s : devices) {
            sq += s.sumSquares();
            noiseWeight += s.noiseWeight();
            lag += s.sumLag();
            lagWeight += s.lagWeight();
            scale += s.sumScaleSq();
        }
        double w2 = lagWeight > 0 ? -lag / lagWeight : 0;
        double c2 = scale > 0 ? (sq - noiseWeight * Math.max(w2, 0)) / scale : -1;
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
                double lw = lagWeight - s.lagWeight();
                double w2i = lw > 0 ? -(lag - s.sumLag()) / lw : 0;
                double sc = scale - s.sumScaleSq();
                double c2i = sc > 0 ? (sq - s.sumSquares() - (noiseWeight - s.noiseWeight()) * Math.max(w2i, 0)) / sc : 0;
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
