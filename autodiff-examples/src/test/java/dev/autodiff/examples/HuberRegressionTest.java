package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Huber example: the robust line near the true one and far better than least squares, a
 * stationary optimum, the branch's gradient and Hessian equal to the hand-written ones of the branch
 * taken, and the least-squares line a true least-squares solution.
 */
class HuberRegressionTest {
    private static final double DELTA = HuberRegression.DELTA;
    private static final double[][] ROWS = HuberRegression.generate(HuberRegression.RECORDS, HuberRegression.TRUE, 99);
    private static final HuberRegression.Fit FIT = HuberRegression.fit(ROWS);
    private static final Differentiable LOSS = HuberRegression.loss(DELTA).sumOver(ROWS);

    /** {@return r = y − (a + b·x) of one record} */
    private static double residual(double[] line, double[] row) {
        return row[1] - (line[0] + line[1] * row[0]);
    }

    /** {@return δ·Σ(1, |x|), a bound on the magnitudes of the terms of the gradient, as |ψ(r)| ≤ δ} */
    private static double[] magnitudes() {
        double[] s = new double[2];
        for (double[] row : ROWS) {
            s[0] += DELTA;
            s[1] += DELTA * Math.abs(row[0]);
        }
        return s;
    }

    @Test
    void huberLineIsNearTheTrueLineAndFarCloserThanLeastSquares() {
        double huber = HuberRegression.distance(FIT.huber(), HuberRegression.TRUE);
        double leastSquares = HuberRegression.distance(FIT.leastSquares(), HuberRegression.TRUE);
        // Huber's estimate is biased by outliers too, but boundedly: each pulls with a force of at most
        // δ. Fitted to 2·10⁵ records its line is 0.32 from the true one at x = 10 (its limit), and the
        // distance varies by about 0.03 between samples of 2000: 0.5 is that limit plus 6 of those.
        // Least squares lets each outlier pull with its full distance: 4.27 in the limit.
        assertTrue(huber < 0.5, "Huber's line is " + huber + " from the true one");
        assertTrue(leastSquares > 3, "the least-squares line is only " + leastSquares + " from the true one");
        assertTrue(huber < leastSquares / 5, "Huber " + huber + " against least squares " + leastSquares);
    }

    @Test
    void gradientAtTheHuberLineIsZero() {
        double[] g = LOSS.gradient(FIT.huber());
        double[] scale = magnitudes();
        for (int j = 0; j < 2; j++) {
            // the optimizer stops when the loss L ≈ 2200 changes by less than 1e-14 of itself; with
            // a Hessian of at most 5·10⁴ that allows |g| up to about sqrt(2·5·10⁴·1e-14·L) ≈ 1.5e-3,
            // 2e-7 of the scale δ·Σ|x| ≈ 7000 (measured 1.5e-8); a wrong line gives a fraction of 1
            assertTrue(Math.abs(g[j]) < 1e-6 * scale[j], HuberRegression.NAMES.get(j) + ": gradient " + g[j]);
        }
    }

    @Test
    void gradientAndHessianAreThoseOfTheBranchTaken() {
        for (double[] line : new double[][] {FIT.huber(), FIT.leastSquares(), HuberRegression.TRUE, {0, 1}}) {
            // by hand: ψ(r) = r where |r| < δ and δ·sign(r) beyond; ∂L/∂(a, b) = −Σ ψ(r)·(1, x), and
            // the Hessian is Σ (1, x)(1, x)ᵀ over the records in the quadratic branch only
            double[] expected = new double[2];
            double[][] hessian = new double[2][2];
            for (double[] row : ROWS) {
                double r = residual(line, row);
                boolean quadratic = Math.abs(r) < DELTA;
                double psi = quadratic ? r : DELTA * Math.signum(r);
                expected[0] -= psi;
                expected[1] -= psi * row[0];
                if (quadratic) {
                    double[] x = {1, row[0]};
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            hessian[a][b] += x[a] * x[b];
                        }
                    }
                }
            }
            double[] g = LOSS.gradient(line);
            double[][] h = LOSS.hessian(line);
            double[] scale = magnitudes();
            for (int a = 0; a < 2; a++) {
                // each term to an ulp or two of δ·|x|, summed over m = 2000 records: (m − 1)ε ≈ 2.2e-13
                // of the sum of magnitudes bounds the rounding of either sum, whatever its order
                assertEquals(expected[a], g[a], 5e-13 * scale[a], "gradient at " + Arrays.toString(line));
                for (int b = 0; b < 2; b++) {
                    // sums of the same products (exact for 1·1, one rounding each otherwise) in some order
                    assertEquals(hessian[a][b], h[a][b], 5e-13 * Math.sqrt(hessian[a][a] * hessian[b][b]),
                            "Hessian at " + Arrays.toString(line));
                }
            }
        }
    }

    @Test
    void leastSquaresLineZeroesTheGradientOfTheSumOfSquares() {
        Variable a = Expr.variable("a");
        Variable b = Expr.variable("b");
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Differentiable squares = Reverse.of(y.minus(a.plus(b.times(x))).square().times(0.5), List.of(a, b), List.of(x, y))
                .sumOver(ROWS);
        double[] g = squares.gradient(FIT.leastSquares());
        double[] scale = new double[2];
        for (double[] row : ROWS) {
            double r = Math.abs(residual(FIT.leastSquares(), row));
            scale[0] += r;
            scale[1] += r * Math.abs(row[0]);
        }
        for (int j = 0; j < 2; j++) {
            // the closed form's rounding (centred sums of 2000 terms) against Σ|r·x|: 1e-12 is several
            // times (m − 1)ε, while another line gives a fraction of 1
            assertTrue(Math.abs(g[j]) < 1e-12 * scale[j], HuberRegression.NAMES.get(j) + ": gradient " + g[j]);
        }
    }

    @Test
    void mainPrintsBothLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HuberRegression.print(FIT, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        for (String line : List.of("true ", "Huber ", "least squares ")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(line)), line + "missing from\n" + table);
        }
    }
}
