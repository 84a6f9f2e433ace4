package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Logistic regression by maximum likelihood over many records, with standard errors from the
 * Hessian.
 *
 * <p>A record (x₁, x₂, y) has y = 1 with probability σ(z), z = w₁x₁ + w₂x₂ + b. Its negative
 * log-likelihood −y log σ(z) − (1 − y) log(1 − σ(z)) is written stably as {@code softplus(z) − y·z}
 * (softplus(z) = log(1 + eᶻ) = −log(1 − σ(z))), which stays finite however large |z| is. It is
 * compiled once with θ = (w[0], w[1], b) as variables and (x[0], x[1], y) as data,
 * {@code Reverse.of(nll, θ, data)}, and summed over the records by {@code sumOver(rows)}: one
 * compiled program for all records. Damped Newton on the exact gradient and Hessian of the sum finds
 * θ̂; the Hessian there is the observed Fisher information, whose inverse estimates the covariance of
 * θ̂, so the standard errors are sqrt(diag(H⁻¹)).
 */
public final class LogisticMaximumLikelihood {
    private LogisticMaximumLikelihood() {}

    /** The coefficients' names, in the order of θ. */
    public static final List<String> NAMES = List.of("w[0]", "w[1]", "b");
    /** The coefficients the example's records are drawn from. */
    public static final double[] TRUE = {1.5, -2.0, 0.5};
    /** The example's number of records. */
    public static final int RECORDS = 100_000;
    // λ²/2 = 1e-12 estimates f − f* in units of log-likelihood, and λ is the step's length in
    // standard errors: below 1e-6 of one, far below anything statistical; one more full step follows
    private static final double TOLERANCE = 1e-12;

    /**
     * {@return {@code m} records (x₁, x₂, y): x₁ standard normal, x₂ uniform on [−2, 2], y drawn from
     * the logistic model at {@code theta}}
     *
     * @param m the number of records
     * @param theta the coefficients (w₁, w₂, b)
     * @param seed the seed of the generator
     */
    public static double[][] generate(int m, double[] theta, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[m][];
        for (int r = 0; r < m; r++) {
            double x1 = random.nextGaussian();
            double x2 = 4 * random.nextDouble() - 2;
            double p = 1 / (1 + Math.exp(-(theta[0] * x1 + theta[1] * x2 + theta[2])));
            rows[r] = new double[] {x1, x2, random.nextDouble() < p ? 1 : 0};
        }
        return rows;
    }

    /**
     * The variables and data of the model, and its per-record negative log-likelihood.
     *
     * @param theta the coefficients (w[0], w[1], b), differentiated
     * @param data the columns of a record (x[0], x[1], y), bound per record
     * @param nll softplus(z) − y·z with z = w·x + b
     */
    public record Model(List<Variable> theta, List<Variable> data, Expr nll) {

        /** {@return the model built from arrays of variables} */
        public static Model build() {
            List<Variable> w = Expr.variables("w", 2);
            Variable b = Expr.variable("b");
            List<Variable> x = Expr.variables("x", 2);
            Variable y = Expr.variable("y");
            Expr z = w.get(0).times(x.get(0)).plus(w.get(1).times(x.get(1))).plus(b);
            List<Variable> theta = new ArrayList<>(w);
            theta.add(b);
            List<Variable> data = new ArrayList<>(x);
            data.add(y);
            return new Model(List.copyOf(theta), List.copyOf(data), z.softplus().minus(y.times(z)));
        }

        /**
         * {@return the negative log-likelihood of all {@code rows}, a function of θ}
         *
         * @param rows records (x₁, x₂, y)
         */
        public Differentiable sumOver(double[][] rows) {
            ParametricDifferentiable perRecord = Reverse.of(nll, theta, data);
            return perRecord.sumOver(rows);
        }
    }

    /**
     * The maximum-likelihood fit.
     *
     * @param minimum the minimum of the negative log-likelihood: θ̂, its value, gradient and Hessian
     * @param standardErrors sqrt(diag(H⁻¹)) at θ̂
     */
    public record Fit(DampedNewton.Minimum minimum, double[] standardErrors) {

        /** {@return θ̂} */
        public double[] estimate() {
            return minimum.point();
        }
    }

    /**
     * {@return the maximum-likelihood fit to {@code rows}, from θ = 0}
     *
     * @param rows records (x₁, x₂, y)
     */
    public static Fit fit(double[][] rows) {
        Differentiable nll = Model.build().sumOver(rows);
        DampedNewton.Minimum minimum = DampedNewton.minimize(nll, new double[3], TOLERANCE, 50);
        double[][] covariance = minimum.inverseHessian();
        double[] se = new double[3];
        for (int j = 0; j < 3; j++) {
            se[j] = Math.sqrt(covariance[j][j]);
        }
        return new Fit(minimum, se);
    }

    /**
     * Prints the estimates, standard errors and distances from the truth as a table.
     *
     * @param fit the fit
     * @param m the number of records fitted
     * @param out where to print
     */
    public static void print(Fit fit, int m, PrintStream out) {
        out.printf("logistic regression by maximum likelihood over %d records, %d Newton steps%n", m,
                fit.minimum().iterations());
        out.printf("%-9s %9s %10s %10s %8s%n", "parameter", "true", "estimate", "std error", "z");
        for (int j = 0; j < NAMES.size(); j++) {
            out.printf("%-9s %9.4f %10.4f %10.4f %8.2f%n", NAMES.get(j), TRUE[j], fit.estimate()[j],
                    fit.standardErrors()[j], (fit.estimate()[j] - TRUE[j]) / fit.standardErrors()[j]);
        }
        out.printf("negative log-likelihood %.6f%n", fit.minimum().value());
    }

    /**
     * Fits {@link #RECORDS} records and prints the table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        double[][] rows = generate(RECORDS, TRUE, 2024);
        print(fit(rows), rows.length, System.out);
    }
}
