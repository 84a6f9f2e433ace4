package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.hipparchus.HipparchusAdapters;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * A straight line fitted to data with outliers by Huber's robust loss, beside ordinary least squares.
 *
 * <p>Huber's loss of a residual r is r²/2 where |r| &lt; δ and δ(|r| − δ/2) beyond: quadratic near
 * the line, linear for outliers, so that a far point pulls the line with a bounded force δ instead of
 * one that grows with its distance. It is written as a branch,
 * {@code Expr.ifElse(r.abs().lessThan(δ), r²/2, δ(|r| − δ/2))}, whose derivatives are those of the
 * branch taken; with r = y − (a + b·x), θ = (a, b) as variables and (x, y) as data, the per-record
 * loss is compiled once and summed over the records by {@code sumOver}. Hipparchus' nonlinear
 * conjugate-gradient optimizer minimizes the sum from the least-squares line on our gradients.
 *
 * <p>The data: y = 2 + 0.5·x plus Gaussian noise, x uniform on [0, 10], and one record in ten an
 * outlier far below the line at the right end, x in [8, 10] — the kind of points that tilt a
 * least-squares line most.
 */
public final class HuberRegression {
    private HuberRegression() {}

    /** The coefficients' names: intercept and slope. */
    public static final List<String> NAMES = List.of("a", "b");
    /** The line the example's data are drawn from: intercept and slope. */
    public static final double[] TRUE = {2.0, 0.5};
    /** The standard deviation of the noise on the inliers. */
    public static final double NOISE = 0.5;
    /** The fraction of records that are outliers. */
    public static final double OUTLIERS = 0.1;
    /** How far below the line the outliers lie, on average. */
    public static final double OUTLIER_DROP = 15;
    /**
     * Huber's threshold δ = 1.345σ: for Gaussian noise the estimate then keeps 95% of the efficiency
     * of least squares (Huber, <i>Robust Statistics</i>, 1981).
     */
    public static final double DELTA = 1.345 * NOISE;
    /** The example's number of records. */
    public static final int RECORDS = 2000;

    /**
     * {@return {@code m} records (x, y) from the line at {@code line} with noise and outliers}
     *
     * @param m the number of records
     * @param line the intercept and slope
     * @param seed the seed of the generator
     */
    public static double[][] generate(int m, double[] line, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[m][];
        for (int r = 0; r < m; r++) {
            boolean outlier = random.nextDouble() < OUTLIERS;
            double x = outlier ? 8 + 2 * random.nextDouble() : 10 * random.nextDouble();
            double y = line[0] + line[1] * x + NOISE * random.nextGaussian();
            rows[r] = new double[] {x, outlier ? y - OUTLIER_DROP + 2 * random.nextGaussian() : y};
        }
        return rows;
    }

    /**
     * {@return Huber's loss of one record, a function of θ = (a, b) with data (x, y)}
     *
     * @param delta the threshold δ between the quadratic and the linear part
     */
    public static ParametricDifferentiable loss(double delta) {
        Variable a = Expr.variable("a");
        Variable b = Expr.variable("b");
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr r = y.minus(a.plus(b.times(x)));
        Expr huber = Expr.ifElse(r.abs().lessThan(delta), r.square().times(0.5), r.abs().minus(delta / 2).times(delta));
        return Reverse.of(huber, List.of(a, b), List.of(x, y));
    }

    /**
     * {@return the least-squares line (a, b) through {@code rows}}, by the closed form of simple
     * linear regression
     *
     * @param rows records (x, y)
     */
    public static double[] leastSquares(double[][] rows) {
        double mx = 0;
        double my = 0;
        for (double[] row : rows) {
            mx += row[0];
            my += row[1];
        }
        mx /= rows.length;
        my /= rows.length;
        double sxy = 0;
        double sxx = 0;
        for (double[] row : rows) {
            sxy += (row[0] - mx) * (row[1] - my);
            sxx += (row[0] - mx) * (row[0] - mx);
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }

    /**
     * The two fits.
     *
     * @param huber the Huber line (a, b)
     * @param leastSquares the least-squares line (a, b)
     * @param loss the Huber loss at the Huber line
     * @param evaluations the optimizer's evaluations of the loss
     */
    public record Fit(double[] huber, double[] leastSquares, double loss, int evaluations) {}

    /**
     * {@return the Huber and the least-squares lines through {@code rows}}
     *
     * @param rows records (x, y)
     */
    public static Fit fit(double[][] rows) {
        Differentiable total = loss(DELTA).sumOver(rows);
        double[] start = leastSquares(rows);
        // stop when an iteration changes the loss by less than 1e-14 of itself: a few ulps, as the
        // loss is a sum of positive terms; the conjugate-gradient line search is told as much
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 0), 1e-14, 0,
                1e-8);
        PointValuePair optimum = optimizer.optimize(new MaxEval(10_000), HipparchusAdapters.objective(total),
                HipparchusAdapters.objectiveGradient(total), GoalType.MINIMIZE, new InitialGuess(start));
        return new Fit(optimum.getPoint(), start, optimum.getValue(), optimizer.getEvaluations());
    }

    /**
     * {@return the largest vertical distance between two lines over x in [0, 10], the data's range}
     *
     * @param line an intercept and slope
     * @param other another intercept and slope
     */
    public static double distance(double[] line, double[] other) {
        // the difference of two lines is a line: largest at an end of the range
        double at0 = line[0] - other[0];
        double at10 = at0 + 10 * (line[1] - other[1]);
        return Math.max(Math.abs(at0), Math.abs(at10));
    }

    /**
     * Prints both lines and their distances from the true one.
     *
     * @param fit the fits
     * @param out where to print
     */
    public static void print(Fit fit, PrintStream out) {
        out.printf("y = a + b x with %.0f%% outliers; Huber delta %.3f%n", 100 * OUTLIERS, DELTA);
        out.printf("%-14s %9s %9s %22s%n", "line", "a", "b", "distance from the true");
        out.printf("%-14s %9.4f %9.4f%n", "true", TRUE[0], TRUE[1]);
        out.printf("%-14s %9.4f %9.4f %22.4f%n", "Huber", fit.huber()[0], fit.huber()[1], distance(fit.huber(), TRUE));
        out.printf("%-14s %9.4f %9.4f %22.4f%n", "least squares", fit.leastSquares()[0], fit.leastSquares()[1],
                distance(fit.leastSquares(), TRUE));
        out.printf("Huber loss %.6f after %d evaluations%n", fit.loss(), fit.evaluations());
    }

    /**
     * Fits {@link #RECORDS} records and prints both lines.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(fit(generate(RECORDS, TRUE, 99)), System.out);
    }
}
