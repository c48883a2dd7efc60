package dev.kirchhoff.profiles.fit;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Maximum likelihood for Gaussian noise whose mean and variance both depend on the parameters,
 * the one engine behind {@link ReadNoiseFit}, {@link DriftFit} and {@link ProgrammingFit}. Unit i
 * contributes
 * <pre>
 *   ℓ_i(θ) = −(w_i/2)·ln(2π·v_i(θ)) − (S_i + (y_i − m_i(θ))²) / (2·v_i(θ))
 * </pre>
 * which covers one observation y_i ~ N(m_i, v_i) ({@code w_i = 1, S_i = 0}) and a group of
 * n_i reads summarised by its sum of squares about the group mean, {@code S_i/v_i ~ χ²_{n_i−1}}
 * ({@code w_i = n_i − 1}, {@code y_i = m_i = 0}: the restricted likelihood, Patterson &amp;
 * Thompson, Biometrika 58, 1971, doi:10.1093/biomet/58.3.545, which makes the variance estimate
 * unbiased where profiling the group means would shrink it by (n−1)/n).
 *
 * <p>The maximum is found by Fisher scoring (Jennrich &amp; Sampson, "Newton-Raphson and related
 * algorithms for maximum likelihood variance component estimation", Technometrics 18(1), 1976)
 * with step halving and projection onto box bounds:
 * <pre>
 *   U_k  = Σ_i (y_i − m_i)·∂_k m_i / v_i + (Q_i − w_i·v_i)·∂_k v_i / (2 v_i²),   Q_i = S_i + (y_i − m_i)²
 *   I_kl = Σ_i ∂_k m_i·∂_l m_i / v_i + w_i·∂_k v_i·∂_l v_i / (2 v_i²)
 *   θ ← θ + α·I⁻¹U,   α = 1, ½, ¼, … until ℓ does not fall
 * </pre>
 * with the derivatives by central differences. It stops when the predicted gain UᵀI⁻¹U/2 falls
 * below 1e−9 (ℓ is in nats, so this is far below any change that matters), or when no step along
 * the scoring direction raises ℓ (a parameter held on a bound). The covariance is I⁻¹ at the optimum (expected information), restricted to the
 * parameters not on a bound; parameters on a bound get NaN errors. Intervals are the Wald
 * intervals θ̂ ± 1.96·se.
 */
final class NoiseLikelihoodFit {
    /** z_{0.975}, for Wald 95% intervals. */
    static final double Z_975 = 1.959963984540054;

    /** The model: mean and variance of every unit for parameters θ. */
    @FunctionalInterface
    interface Model {
        /**
         * @param theta    not modified
         * @param mean     modified: m_i(θ)
         * @param variance modified: v_i(θ)
         * @return false when θ is outside the model's domain (e.g. a σ that is not positive at some unit)
         */
        boolean evaluate(double[] theta, double[] mean, double[] variance);
    }

    /**
     * The optimum.
     *
     * @param theta         fitted parameters
     * @param covariance    Cov(θ̂) = I⁻¹, p×p row-major; NaN rows/columns for parameters on a bound
     * @param mean          m_i(θ̂)
     * @param variance      v_i(θ̂)
     * @param logLikelihood ℓ(θ̂)
     * @param observations  N = Σ w_i, the sample size in BIC
     * @param iterations    scoring steps taken
     */
    record Result(double[] theta, double[] covariance, double[] mean, double[] variance, double logLikelihood,
            double observations, int iterations) {
        double standardError(int k) {
            return Math.sqrt(covariance[k * theta.length + k]);
        }

        /** BIC = −2ℓ + p·ln N (Schwarz 1978, doi:10.1214/aos/1176344136). */
        double bic() {
            return -2 * logLikelihood + theta.length * Math.log(observations);
        }

        /** Parameter k times {@code scale} (to convert internal units), with its Wald interval. */
        FitParameter parameter(int k, String name, String unit, double scale) {
            return FitParameter.withError(name, unit, theta[k] * scale, standardError(k) * Math.abs(scale), Z_975);
        }
    }

    private NoiseLikelihoodFit() {
    }

    /**
     * Maximises ℓ.
     *
     * @param what          names the fit in error messages
     * @param model         the model
     * @param y             observations (0 for grouped units), not modified
     * @param sumSquares    S_i ≥ 0 (0 for single observations), not modified
     * @param weight        w_i &gt; 0, not modified
     * @param start         starting point, inside the model's domain and the bounds
     * @param lower         lower bounds (−∞ allowed)
     * @param upper         upper bounds (+∞ allowed)
     * @param scale         typical magnitude of each parameter (finite-difference step 1e−6·max(|θ|, scale)), &gt; 0
     * @throws FitException when the start is outside the domain or scoring does not converge in 500 steps
     */
    static Result fit(String what, Model model, double[] y, double[] sumSquares, double[] weight, double[] start,
            double[] lower, double[] upper, double[] scale) {
        int n = y.length;
        int p = start.length;
        double[] theta = start.clone();
        double[] mean = new double[n];
        double[] variance = new double[n];
        if (!model.evaluate(theta, mean, variance) || !allFinitePositive(variance)) {
            throw new FitException(what + ": the starting point is outside the model's domain");
        }
        double ll = logLikelihood(y, sumSquares, weight, mean, variance);
        double[][] jm = new double[n][p];
        double[][] jv = new double[n][p];
        double[] info = new double[p * p];
        double[] score = new double[p];
        double[] trial = new double[p];
        double[] tm = new double[n];
        double[] tv = new double[n];
        int maxIterations = 500;
        for (int it = 1; it <= maxIterations; it++) {
            derivatives(model, theta, lower, upper, scale, jm, jv, tm, tv);
            scoreAndInformation(y, sumSquares, weight, mean, variance, jm, jv, score, info);
            double[] step = solve(info, score, p);
            double decrement = 0;
            for (int k = 0; k < p; k++) {
                decrement += score[k] * step[k];
            }
            boolean moved = false;
            if (decrement > 2e-9) {
                double alpha = 1;
                for (int halving = 0; halving < 50 && !moved; halving++, alpha *= 0.5) {
                    for (int k = 0; k < p; k++) {
                        trial[k] = Math.min(Math.max(theta[k] + alpha * step[k], lower[k]), upper[k]);
                    }
                    if (model.evaluate(trial, tm, tv) && allFinitePositive(tv)) {
                        double tll = logLikelihood(y, sumSquares, weight, tm, tv);
                        if (tll > ll) {
                            System.arraycopy(trial, 0, theta, 0, p);
                            System.arraycopy(tm, 0, mean, 0, n);
                            System.arraycopy(tv, 0, variance, 0, n);
                            ll = tll;
                            moved = true;
                        }
                    }
                }
            }
            if (!moved) {
                double observations = 0;
                for (double w : weight) {
                    observations += w;
                }
                return new Result(theta, covariance(info, theta, lower, upper, scale), mean, variance, ll,
                        observations, it);
            }
        }
        throw new FitException(what + ": Fisher scoring did not converge in " + maxIterations + " iterations");
    }

    private static boolean allFinitePositive(double[] v) {
        for (double x : v) {
            if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
                return false;
            }
        }
        return true;
    }

    static double logLikelihood(double[] y, double[] sumSquares, double[] weight, double[] mean, double[] variance) {
        double ll = 0;
        double ln2pi = Math.log(2 * Math.PI);
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - mean[i];
            ll -= 0.5 * weight[i] * (ln2pi + Math.log(variance[i])) + (sumSquares[i] + r * r) / (2 * variance[i]);
        }
        return ll;
    }

    /** Central-difference Jacobians of m and v; one-sided where a side leaves the bounds or the domain. */
    private static void derivatives(Model model, double[] theta, double[] lower, double[] upper, double[] scale,
            double[][] jm, double[][] jv, double[] tm, double[] tv) {
        int n = jm.length;
        int p = theta.length;
        double[] t = theta.clone();
        double[] pm = new double[n];
        double[] pv = new double[n];
        for (int k = 0; k < p; k++) {
            double h = 1e-6 * Math.max(Math.abs(theta[k]), scale[k]);
            double hi = Math.min(theta[k] + h, upper[k]);
            double lo = Math.max(theta[k] - h, lower[k]);
            t[k] = hi;
            if (!model.evaluate(t, pm, pv)) {
                hi = theta[k];
                t[k] = hi;
                model.evaluate(t, pm, pv);
            }
            t[k] = lo;
            if (!model.evaluate(t, tm, tv)) {
                lo = theta[k];
                t[k] = lo;
                model.evaluate(t, tm, tv);
            }
            t[k] = theta[k];
            double inv = hi > lo ? 1 / (hi - lo) : 0;
            for (int i = 0; i < n; i++) {
                jm[i][k] = (pm[i] - tm[i]) * inv;
                jv[i][k] = (pv[i] - tv[i]) * inv;
            }
        }
    }

    private static void scoreAndInformation(double[] y, double[] sumSquares, double[] weight, double[] mean,
            double[] variance, double[][] jm, double[][] jv, double[] score, double[] info) {
        int p = score.length;
        Arrays.fill(score, 0);
        Arrays.fill(info, 0);
        for (int i = 0; i < y.length; i++) {
            double v = variance[i];
            double r = y[i] - mean[i];
            double q = sumSquares[i] + r * r;
            double a = r / v;
            double b = (q - weight[i] * v) / (2 * v * v);
            double cm = 1 / v;
            double cv = weight[i] / (2 * v * v);
            for (int k = 0; k < p; k++) {
                score[k] += a * jm[i][k] + b * jv[i][k];
                for (int l = 0; l <= k; l++) {
                    info[k * p + l] += cm * jm[i][k] * jm[i][l] + cv * jv[i][k] * jv[i][l];
                }
            }
        }
        for (int k = 0; k < p; k++) {
            for (int l = 0; l < k; l++) {
                info[l * p + k] = info[k * p + l];
            }
        }
    }

    /** I⁻¹U, with a ridge of 1e−12·max I_kk on the diagonal so that a parameter with no information does not move. */
    private static double[] solve(double[] info, double[] score, int p) {
        double[][] a = new double[p][p];
        double maxDiagonal = 0;
        for (int k = 0; k < p; k++) {
            maxDiagonal = Math.max(maxDiagonal, info[k * p + k]);
        }
        double ridge = 1e-12 * maxDiagonal + Double.MIN_NORMAL;
        for (int k = 0; k < p; k++) {
            for (int l = 0; l < p; l++) {
                a[k][l] = info[k * p + l];
            }
            a[k][k] += ridge;
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(a, false), 0);
        double[] step = lu.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(score, false)).toArray();
        for (double s : step) {
            if (!Double.isFinite(s)) {
                Arrays.fill(step, 0);
                break;
            }
        }
        return step;
    }

    /** I⁻¹ over the parameters off their bounds and with information; NaN elsewhere. */
    private static double[] covariance(double[] info, double[] theta, double[] lower, double[] upper, double[] scale) {
        int p = theta.length;
        int[] free = new int[p];
        int f = 0;
        for (int k = 0; k < p; k++) {
            double tol = 1e-9 * Math.max(Math.abs(theta[k]), scale[k]);
            if (theta[k] - lower[k] > tol && upper[k] - theta[k] > tol && info[k * p + k] > 0) {
                free[f++] = k;
            }
        }
        double[] cov = new double[p * p];
        Arrays.fill(cov, Double.NaN);
        if (f == 0) {
            return cov;
        }
        double[][] a = new double[f][f];
        for (int r = 0; r < f; r++) {
            for (int c = 0; c < f; c++) {
                a[r][c] = info[free[r] * p + free[c]];
            }
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            return cov;
        }
        RealMatrix inv = lu.getSolver().getInverse();
        for (int r = 0; r < f; r++) {
            for (int c = 0; c < f; c++) {
                cov[free[r] * p + free[c]] = inv.getEntry(r, c);
            }
        }
        return cov;
    }
}
