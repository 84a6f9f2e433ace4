package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Counts regressed on covariates by a negative-binomial likelihood: arrays of variables and the
 * special functions {@code lgamma} and {@code softplus}, fitted by Newton's method.
 *
 * <p>A count y has mean μ = exp(η), η = β[0] + β[1]·x[0] + β[2]·x[1], and variance μ + μ²/k: a
 * Poisson count whose rate is itself Gamma-distributed, overdispersed by 1/k. With k = e^α its
 * negative log-likelihood is
 *
 * <pre>
 *   −log P(y) = lgamma(k) − lgamma(y + k) + lgamma(y + 1) − k·α + (k + y)·log(k + μ) − y·η
 * </pre>
 *
 * where log(k + μ) = log(e^α + e^η) = α + softplus(η − α) does not overflow. θ = (β[0], β[1],
 * β[2], α) are the variables and (x[0], x[1], y) the data; the derivatives in α bring in digamma
 * (the derivative of lgamma) and trigamma in the Hessian, each a primitive of the rule table.
 * Standard errors are sqrt(diag(H⁻¹)) at the optimum, as in {@link LogisticMaximumLikelihood}.
 */
public final class NegativeBinomialRegression {
    private NegativeBinomialRegression() {}

    /** The parameters' names, in the order of θ. */
    public static final List<String> NAMES = List.of("beta[0]", "beta[1]", "beta[2]", "alpha");
    /** The parameters the example's counts are drawn from: k = e^α = 2. */
    public static final double[] TRUE = {0.5, 0.8, -0.4, Math.log(2)};
    /** The example's number of records. */
    public static final int RECORDS = 10_000;
    // λ²/2 in units of log-likelihood, as in LogisticMaximumLikelihood
    private static final double TOLERANCE = 1e-12;

    /**
     * {@return {@code m} records (x₁, x₂, y): x₁ standard normal, x₂ 0 or 1 with even odds, y a
     * negative-binomial count drawn as Poisson(λ) with λ ~ Gamma(k, μ/k)}
     *
     * @param m the number of records
     * @param theta the parameters (β₀, β₁, β₂, α)
     * @param seed the seed of the generator
     */
    public static double[][] generate(int m, double[] theta, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        double k = Math.exp(theta[3]);
        double[][] rows = new double[m][];
        for (int r = 0; r < m; r++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextBoolean() ? 1 : 0;
            double mu = Math.exp(theta[0] + theta[1] * x1 + theta[2] * x2);
            rows[r] = new double[] {x1, x2, random.nextPoisson(random.nextGamma(k, mu / k))};
        }
        return rows;
    }

    /**
     * {@return the negative log-likelihood of one record, over θ = (β[0], β[1], β[2], α) and the data
     * (x[0], x[1], y)}
     *
     * @param theta the variables β[0], β[1], β[2], α
     * @param data the data x[0], x[1], y
     */
    public static Expr negativeLogLikelihood(List<Variable> theta, List<Variable> data) {
        Expr eta = theta.get(0).plus(theta.get(1).times(data.get(0))).plus(theta.get(2).times(data.get(1)));
        Variable alpha = theta.get(3);
        Variable y = data.get(2);
        Expr k = alpha.exp();
        Expr logKPlusMu = alpha.plus(eta.minus(alpha).softplus());
        return k.lgamma().minus(y.plus(k).lgamma()).plus(y.plus(1).lgamma()).minus(k.times(alpha))
                .plus(k.plus(y).times(logKPlusMu)).minus(y.times(eta));
    }

    /** {@return the variables θ = (β[0], β[1], β[2], α)} */
    public static List<Variable> parameters() {
        List<Variable> theta = new ArrayList<>(Expr.variables("beta", 3));
        theta.add(Expr.variable("alpha"));
        return List.copyOf(theta);
    }

    /** {@return the data (x[0], x[1], y) of a record} */
    public static List<Variable> data() {
        List<Variable> data = new ArrayList<>(Expr.variables("x", 2));
        data.add(Expr.variable("y"));
        return List.copyOf(data);
    }

    /**
     * {@return the negative log-likelihood of all {@code rows}, a function of θ}
     *
     * @param rows records (x₁, x₂, y)
     */
    public static Differentiable sumOver(double[][] rows) {
        List<Variable> theta = parameters();
        List<Variable> data = data();
        return Reverse.of(negativeLogLikelihood(theta, data), theta, data).sumOver(rows);
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
     * {@return the maximum-likelihood fit to {@code rows}, from β = 0 and k = 1}
     *
     * @param rows records (x₁, x₂, y)
     */
    public static Fit fit(double[][] rows) {
        DampedNewton.Minimum minimum = DampedNewton.minimize(sumOver(rows), new double[4], TOLERANCE, 100);
        double[][] covariance = minimum.inverseHessian();
        double[] se = new double[4];
        for (int j = 0; j < 4; j++) {
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
        out.printf("negative-binomial regression over %d counts, %d Newton steps%n", m, fit.minimum().iterations());
        out.printf("%-9s %9s %10s %10s %8s%n", "parameter", "true", "estimate", "std error", "z");
        for (int j = 0; j < NAMES.size(); j++) {
            out.printf("%-9s %9.4f %10.4f %10.4f %8.2f%n", NAMES.get(j), TRUE[j], fit.estimate()[j],
                    fit.standardErrors()[j], (fit.estimate()[j] - TRUE[j]) / fit.standardErrors()[j]);
        }
        out.printf("dispersion k = exp(alpha) = %.4f (true %.4f)%n", Math.exp(fit.estimate()[3]), Math.exp(TRUE[3]));
    }

    /**
     * Fits {@link #RECORDS} counts and prints the table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        double[][] rows = generate(RECORDS, TRUE, 7);
        print(fit(rows), rows.length, System.out);
    }
}
