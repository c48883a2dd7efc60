package dev.kirchhoff.profiles.fit;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * Bounded nonlinear least squares by Levenberg–Marquardt (Commons Math 3,
 * {@link LevenbergMarquardtOptimizer}; Moré, "The Levenberg-Marquardt algorithm: implementation
 * and theory", Lecture Notes in Mathematics 630, 1978, doi:10.1007/BFb0067700), minimising
 * <pre>
 *   S(θ) = Σ_i (y_i − f_i(θ))²,   lower_k ≤ θ_k ≤ upper_k
 * </pre>
 * Bounds are kept by projecting every trial point onto the box (Commons Math's parameter
 * validator). The Jacobian is the model's own when it gives one, else central differences with
 * step {@code h_k = 1e−6·max(|θ_k|, typicalScale_k)}.
 *
 * <p>Uncertainty (Seber &amp; Wild, Nonlinear Regression, Wiley 1989, §2.1): with n points and p
 * parameters, {@code σ̂² = S(θ̂)/(n − p)}, {@code Cov(θ̂) = σ̂²·(JᵀJ)⁻¹}, standard errors the
 * roots of its diagonal, 95% intervals {@code θ̂ ± t_{0.975, n−p}·se}. A parameter that sits on
 * a bound gets its interval from the same formula (a linearisation; reported as such).
 *
 * <p>Model selection: for Gaussian residuals, {@code AIC = n·ln(S/n) + 2p} and
 * {@code BIC = n·ln(S/n) + p·ln n} (Schwarz, Ann. Stat. 6, 1978, doi:10.1214/aos/1176344136).
 */
public final class LeastSquaresFit {
    /** The model: predictions for parameters θ. */
    @FunctionalInterface
    public interface Model {
        /**
         * Writes f_i(θ) for every point into {@code out}.
         *
         * @param theta the parameters, not modified
         * @param out   modified: one prediction per point
         */
        void predict(double[] theta, double[] out);
    }

    /**
     * The optimum.
     *
     * @param theta           fitted parameters
     * @param standardErrors  standard error of each (NaN when JᵀJ is singular)
     * @param covariance      Cov(θ̂), p×p row-major (NaN when singular)
     * @param fitted          f_i(θ̂)
     * @param residualSumSquares S(θ̂)
     * @param points          n
     * @param iterations      LM iterations used
     * @param tQuantile       t_{0.975, n−p}
     */
    public record Result(double[] theta, double[] standardErrors, double[] covariance, double[] fitted,
            double residualSumSquares, int points, int iterations, double tQuantile) {
        public int parameterCount() {
            return theta.length;
        }

        /** Root-mean-square residual √(S/n). */
        public double rmse() {
            return Math.sqrt(residualSumSquares / points);
        }

        /** AIC = n·ln(S/n) + 2p. */
        public double aic() {
            return points * Math.log(Math.max(residualSumSquares, Double.MIN_NORMAL) / points) + 2.0 * theta.length;
        }

        /** BIC = n·ln(S/n) + p·ln n. */
        public double bic() {
            return points * Math.log(Math.max(residualSumSquares, Double.MIN_NORMAL) / points)
                    + theta.length * Math.log(points);
        }

        /** 1 − S/SS_tot for observations y. */
        public double rSquared(double[] y) {
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= y.length;
            double tot = 0;
            for (double v : y) {
                tot += (v - mean) * (v - mean);
            }
            return tot > 0 ? 1 - residualSumSquares / tot : (residualSumSquares == 0 ? 1 : 0);
        }

        /** Parameter k as a {@link FitParameter} with its 95% interval. */
        public FitParameter parameter(int k, String name, String unit) {
            return FitParameter.withError(name, unit, theta[k], standardErrors[k], tQuantile);
        }
    }

    private LeastSquaresFit() {
    }

    /**
     * Fits a model.
     *
     * @param what          names the fit in error messages, e.g. {@code "soft-bounds, device 3"}
     * @param model         the model
     * @param y             observations, finite; length n &gt; p
     * @param start         initial guess, inside the bounds
     * @param lower         lower bounds (−∞ allowed)
     * @param upper         upper bounds (+∞ allowed)
     * @param typicalScale  typical magnitude of each parameter (sets the finite-difference step), &gt; 0
     * @param maxIterations LM iteration limit
     * @throws FitException when LM does not converge within the limit or the model yields non-finite values
     */
    public static Result fit(String what, Model model, double[] y, double[] start, double[] lower, double[] upper,
            double[] typicalScale, int maxIterations) {
        return fit(what, model, y, start, lower, upper, typicalScale, maxIterations, 1e-10);
    }

    /**
     * {@link #fit(String, Model, double[], double[], double[], double[], double[], int)} with the
     * convergence tolerance given: LM stops when the relative reduction of S(θ) or the relative
     * change of θ falls below it (Commons Math's cost and parameter relative tolerances; the
     * other overload uses 1e−10).
     *
     * @param relativeTolerance in (0, 1)
     */
    public static Result fit(String what, Model model, double[] y, double[] start, double[] lower, double[] upper,
            double[] typicalScale, int maxIterations, double relativeTolerance) {
        Objects.requireNonNull(model, "model");
        if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance must be in (0, 1), got " + relativeTolerance);
        }
        int n = y.length;
        int p = start.length;
        if (lower.length != p || upper.length != p || typicalScale.length != p) {
            throw new IllegalArgumentException("start, lower, upper and typicalScale must have the same length " + p);
        }
        if (n <= p) {
            throw new DataFormatException(what + ": too few points to fit " + p + " parameters, got " + n);
        }
        double[] x0 = start.clone();
        for (int k = 0; k < p; k++) {
            if (!(lower[k] <= upper[k])) {
                throw new IllegalArgumentException("lower[" + k + "] must not exceed upper[" + k + "], got " + lower[k]
                        + " > " + upper[k]);
            }
            x0[k] = Math.min(Math.max(x0[k], lower[k]), upper[k]);
        }
        MultivariateJacobianFunction f = point -> {
            double[] theta = point.toArray();
            double[] value = new double[n];
            model.predict(theta, value);
            double[][] jac = new double[n][p];
            double[] plus = new double[n];
            double[] minus = new double[n];
            for (int k = 0; k < p; k++) {
                double h = 1e-6 * Math.max(Math.abs(theta[k]), typicalScale[k]);
                double saved = theta[k];
                double hi = Math.min(saved + h, upper[k]);
                double lo = Math.max(saved - h, lower[k]);
                theta[k] = hi;
                model.predict(theta, plus);
                theta[k] = lo;
                model.predict(theta, minus);
                theta[k] = saved;
                double inv = 1 / (hi - lo);
                for (int i = 0; i < n; i++) {
                    jac[i][k] = (plus[i] - minus[i]) * inv;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(value[i])) {
                    throw new ConvergenceException();
                }
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(value, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(relativeTolerance)
                    .withParameterRelativeTolerance(relativeTolerance).optimize(new LeastSquaresBuilder()
                    .start(x0)
                    .model(f)
                    .target(y)
                    .parameterValidator(v -> {
                        for (int k = 0; k < p; k++) {
                            v.setEntry(k, Math.min(Math.max(v.getEntry(k), lower[k]), upper[k]));
                        }
                        return v;
                    })
                    .maxEvaluations(maxIterations * 4 + 100)
                    .maxIterations(maxIterations)
                    .lazyEvaluation(false)
                    .build());
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            throw new FitException(what + ": Levenberg–Marquardt did not converge in " + maxIterations + " iterations");
        } catch (ConvergenceException e) {
            throw new FitException(what + ": the model gave a non-finite value during the fit");
        }
        double[] theta = optimum.getPoint().toArray();
        double[] fitted = new double[n];
        model.predict(theta, fitted);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - fitted[i];
            ss += r * r;
        }
        double[] se = new double[p];
        double[] cov = new double[p * p];
        int dof = n - p;
        double sigma2 = ss / dof;
        try {
            RealMatrix c = optimum.getCovariances(1e-14);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    cov[a * p + b] = c.getEntry(a, b) * sigma2;
                }
                se[a] = Math.sqrt(Math.max(cov[a * p + a], 0));
            }
        } catch (SingularMatrixException e) {
            Arrays.fill(se, Double.NaN);
            Arrays.fill(cov, Double.NaN);
        }
        double t = new TDistribution(null, dof).inverseCumulativeProbability(0.975);
        return new Result(theta, se, cov, fitted, ss, n, optimum.getIterations(), t);
    }
}
