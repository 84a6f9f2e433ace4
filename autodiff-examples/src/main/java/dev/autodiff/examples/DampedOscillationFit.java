package dev.autodiff.examples;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.hipparchus.HipparchusAdapters;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;

/**
 * Fits a damped oscillation {@code y = A exp(-k t) cos(ω t + φ)} to noisy data by
 * Levenberg–Marquardt, with the covariance of the estimates.
 *
 * <p>The residuals {@code r_i(θ) = A exp(-k t_i) cos(ω t_i + φ) - y_i} over θ = (A, k, ω, φ) are
 * expressions compiled once by {@code Reverse.of(residuals, θ)}; Hipparchus'
 * {@link LevenbergMarquardtOptimizer} gets their values and exact m × 4 Jacobian through
 * {@link HipparchusAdapters#leastSquares}. Near the optimum r(θ) ≈ r(θ̂) + J (θ − θ̂), so the
 * estimates' covariance is σ² (JᵀJ)⁻¹ with the residual variance σ² = RSS / (m − n):
 * {@code Optimum.getCovariances} gives (JᵀJ)⁻¹ and the fit scales it.
 */
public final class DampedOscillationFit {
    private DampedOscillationFit() {}

    /** The parameters' names, in the order of θ. */
    public static final List<String> NAMES = List.of("A", "k", "omega", "phi");
    /** The parameters the example's data are drawn from. */
    public static final double[] TRUE = {2.5, 0.3, 2.0, 0.5};
    /** The example's start: each parameter off by 10 to 60 percent. */
    public static final double[] START = {2.0, 0.2, 1.8, 0.2};
    /** The standard deviation of the example's noise. */
    public static final double NOISE = 0.05;
    // QR pivots below this (relative) mark JᵀJ singular: far below any pivot of a well-posed fit
    private static final double SINGULARITY_THRESHOLD = 1e-14;

    /**
     * Observations {@code y[i]} at times {@code t[i]}.
     *
     * @param t the times
     * @param y the observations
     */
    public record Data(double[] t, double[] y) {
        /**
         * {@return {@code m} observations at t = 0, 0.15, … of the model at {@code theta} plus Gaussian noise}
         *
         * @param m the number of observations
         * @param theta the parameters (A, k, ω, φ)
         * @param noise the standard deviation of the noise
         * @param seed the seed of the generator
         */
        public static Data generate(int m, double[] theta, double noise, long seed) {
            Random random = new Random(seed);
            double[] t = new double[m];
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                t[i] = 0.15 * i;
                y[i] = model(theta, t[i]) + noise * random.nextGaussian();
            }
            return new Data(t, y);
        }
    }

    /**
     * {@return the model A exp(-k t) cos(ω t + φ) in plain doubles}
     *
     * @param theta the parameters (A, k, ω, φ)
     * @param t the time
     */
    public static double model(double[] theta, double t) {
        return theta[0] * Math.exp(-theta[1] * t) * Math.cos(theta[2] * t + theta[3]);
    }

    /**
     * {@return the residual expressions r_i(θ), one per observation}
     *
     * @param theta the variables (A, k, omega, phi)
     * @param data the observations
     */
    public static List<Expr> residuals(List<Variable> theta, Data data) {
        Variable a = theta.get(0);
        Variable k = theta.get(1);
        Variable omega = theta.get(2);
        Variable phi = theta.get(3);
        List<Expr> r = new ArrayList<>();
        for (int i = 0; i < data.t().length; i++) {
            double t = data.t()[i];
            r.add(a.times(k.times(-t).exp()).times(omega.times(t).plus(phi).cos()).minus(data.y()[i]));
        }
        return r;
    }

    /** {@return the variables θ = (A, k, omega, phi)} */
    public static List<Variable> parameters() {
        List<Variable> theta = new ArrayList<>();
        for (String name : NAMES) {
            theta.add(Expr.variable(name));
        }
        return theta;
    }

    /**
     * The outcome of a fit.
     *
     * @param estimate θ̂
     * @param standardErrors the square roots of the covariance's diagonal
     * @param covariance σ² (JᵀJ)⁻¹ at θ̂
     * @param sigma the residual standard deviation sqrt(RSS / (m − n))
     * @param iterations the optimizer's iterations
     * @param evaluations the optimizer's evaluations of the residuals and Jacobian
     */
    public record Fit(double[] estimate, double[] standardErrors, double[][] covariance, double sigma, int iterations,
            int evaluations) {}

    /**
     * {@return the least-squares fit of the model to {@code data} from {@code start}}
     *
     * @param data the observations
     * @param start the first estimate of (A, k, ω, φ)
     */
    public static Fit fit(Data data, double[] start) {
        VectorDifferentiable r = Reverse.of(residuals(parameters(), data), parameters());
        Optimum optimum = new LevenbergMarquardtOptimizer().optimize(HipparchusAdapters.leastSquares(r)
                .start(start).maxEvaluations(1000).maxIterations(1000).build());
        RealVector residuals = optimum.getResiduals();
        int m = residuals.getDimension();
        int n = start.length;
        double sigma2 = residuals.dotProduct(residuals) / (m - n);
        RealMatrix covariance = optimum.getCovariances(SINGULARITY_THRESHOLD).scalarMultiply(sigma2);
        double[] se = new double[n];
        for (int j = 0; j < n; j++) {
            se[j] = Math.sqrt(covariance.getEntry(j, j));
        }
        return new Fit(optimum.getPoint().toArray(), se, covariance.getData(), Math.sqrt(sigma2),
                optimum.getIterations(), optimum.getEvaluations());
    }

    /**
     * Prints the fit's estimates, standard errors and distances from the truth as a table.
     *
     * @param fit the fit
     * @param m the number of observations fitted
     * @param out where to print
     */
    public static void print(Fit fit, int m, PrintStream out) {
        out.printf("Levenberg-Marquardt fit of y = A exp(-k t) cos(omega t + phi) to %d points, noise %.3f%n", m, NOISE);
        out.printf("%-9s %9s %10s %10s %10s%n", "parameter", "true", "estimate", "std error", "z");
        for (int j = 0; j < NAMES.size(); j++) {
            out.printf("%-9s %9.4f %10.4f %10.4f %10.2f%n", NAMES.get(j), TRUE[j], fit.estimate()[j],
                    fit.standardErrors()[j], (fit.estimate()[j] - TRUE[j]) / fit.standardErrors()[j]);
        }
        out.printf("residual sigma %.4f; %d iterations, %d evaluations%n", fit.sigma(), fit.iterations(),
                fit.evaluations());
    }

    /**
     * Fits 60 noisy points and prints the table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Data data = Data.generate(60, TRUE, NOISE, 42);
        print(fit(data, START), data.t().length, System.out);
    }
}
