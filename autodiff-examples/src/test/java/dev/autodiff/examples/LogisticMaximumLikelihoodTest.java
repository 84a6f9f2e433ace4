package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.forward.Forward;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The maximum-likelihood example over 10⁵ records: estimates near the truth, standard errors equal to
 * those of the closed-form Fisher information, a stationary optimum, the gradient equal to a
 * hand-written one, and standard errors that describe the scatter of estimates over repeated draws.
 */
class LogisticMaximumLikelihoodTest {
    private static final double[] TRUE = LogisticMaximumLikelihood.TRUE;
    // fitted once for all the tests: a fit of 10⁵ records takes about a second
    private static final double[][] ROWS = LogisticMaximumLikelihood.generate(LogisticMaximumLikelihood.RECORDS, TRUE,
            2024);
    private static final LogisticMaximumLikelihood.Fit FIT = LogisticMaximumLikelihood.fit(ROWS);

    /** {@return p = σ(w·x + b) of one record, in plain Java} */
    private static double probability(double[] theta, double[] row) {
        return 1 / (1 + Math.exp(-(theta[0] * row[0] + theta[1] * row[1] + theta[2])));
    }

    /** {@return the design vector (x₁, x₂, 1) of one record} */
    private static double[] design(double[] row) {
        return new double[] {row[0], row[1], 1};
    }

    /** {@return Σ (p − y)·(x₁, x₂, 1), the gradient of the negative log-likelihood written by hand} */
    private static double[] handGradient(double[] theta, double[][] rows) {
        double[] g = new double[3];
        for (double[] row : rows) {
            double residual = probability(theta, row) - row[2];
            double[] x = design(row);
            for (int j = 0; j < 3; j++) {
                g[j] += residual * x[j];
            }
        }
        return g;
    }

    /**
     * {@return Σ_r |x_rj|, the scale of any sum Σ_r c_r·x_rj with |c_r| ≤ 1}: the sum of the terms'
     * magnitudes, which bounds the rounding of a sum whose terms cancel
     */
    private static double[] magnitudes(double[][] rows) {
        double[] s = new double[3];
        for (double[] row : rows) {
            double[] x = design(row);
            for (int j = 0; j < 3; j++) {
                s[j] += Math.abs(x[j]);
            }
        }
        return s;
    }

    @Test
    void estimatesAreWithinThreeStandardErrorsOfTheTrueCoefficients() {
        for (int j = 0; j < 3; j++) {
            double z = (FIT.estimate()[j] - TRUE[j]) / FIT.standardErrors()[j];
            assertTrue(Math.abs(z) < 3, LogisticMaximumLikelihood.NAMES.get(j) + ": z = " + z);
        }
    }

    @Test
    void standardErrorsAreThoseOfTheClosedFormFisherInformation() {
        // I(θ) = Σ p(1 − p) x xᵀ: the Hessian of softplus(z) − y·z is σ'(z) = p(1 − p) times x xᵀ
        double[] theta = FIT.estimate();
        double[][] information = new double[3][3];
        for (double[] row : ROWS) {
            double p = probability(theta, row);
            double[] x = design(row);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    information[a][b] += p * (1 - p) * x[a] * x[b];
                }
            }
        }
        double[][] hessian = FIT.minimum().hessian();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                // a few ulps per record (σ' by another formula) and in the sums' rounding, relative to
                // the diagonal's scale sqrt(I_aa I_bb), which the Cauchy–Schwarz bound puts above |I_ab|
                double scale = Math.sqrt(information[a][a] * information[b][b]);
                assertEquals(information[a][b], hessian[a][b], 1e-12 * scale, "Hessian " + a + ", " + b);
            }
        }
        // LU here, Cholesky in the example: the same inverse up to about κ(I)·ε (κ ≈ 4 for this
        // design: x₁, x₂ and 1 are nearly orthogonal; measured 2e-16), so 1e-10 leaves room and still catches any error
        RealMatrix covariance = new LUDecomposition(MatrixUtils.createRealMatrix(information)).getSolver().getInverse();
        for (int j = 0; j < 3; j++) {
            double expected = Math.sqrt(covariance.getEntry(j, j));
            assertEquals(expected, FIT.standardErrors()[j], 1e-10 * expected, LogisticMaximumLikelihood.NAMES.get(j));
        }
    }

    @Test
    void newtonConvergedToAStationaryPoint() {
        assertTrue(FIT.minimum().iterations() < 15, "Newton steps: " + FIT.minimum().iterations());
        double[] g = FIT.minimum().gradient();
        double[] scale = magnitudes(ROWS);
        for (int j = 0; j < 3; j++) {
            // rounding alone leaves at most (m − 1)ε ≈ 1.1e-11 of Σ|terms| in a sum of m = 10⁵ terms;
            // a stop one Newton step earlier (λ ≈ 1e-6) leaves |g| ≈ λ·sqrt(H) ≈ 1e-4, 1e-9 of Σ|x| ≈ 10⁵;
            // measured 2e-17
            assertTrue(Math.abs(g[j]) < 2e-11 * scale[j], LogisticMaximumLikelihood.NAMES.get(j) + ": gradient " + g[j]
                    + " against a scale of " + scale[j]);
        }
    }

    @Test
    void gradientEqualsTheHandWrittenOneToRounding() {
        Differentiable nll = LogisticMaximumLikelihood.Model.build().sumOver(ROWS);
        double[] scale = magnitudes(ROWS);
        for (double[] theta : new double[][] {FIT.estimate(), TRUE, {0, 0, 0}, {-3, 1, 2}}) {
            double[] expected = handGradient(theta, ROWS);
            double[] actual = nll.gradient(theta);
            for (int j = 0; j < 3; j++) {
                // each term (p − y)x within a few ulps of |x| (σ by another formula), then sums of m terms
                // in any order: within the (m − 1)ε·Σ|x| ≈ 1.1e-11·Σ|x| bound on their rounding
                // (measured 2e-18·Σ|x|), while a wrong rule is off by a fraction of the gradient itself
                assertEquals(expected[j], actual[j], 2e-11 * scale[j], "θ = " + java.util.Arrays.toString(theta));
            }
        }
    }

    @Test
    void forwardModeGivesTheSameSumsAsReverseMode() {
        LogisticMaximumLikelihood.Model model = LogisticMaximumLikelihood.Model.build();
        Differentiable forward = Forward.of(model.nll(), model.theta(), model.data()).sumOver(ROWS);
        Differentiable reverse = model.sumOver(ROWS);
        double[] scale = magnitudes(ROWS);
        double[] theta = {-3, 1, 2};
        double[] gf = forward.gradient(theta);
        double[] gr = reverse.gradient(theta);
        double[][] hf = forward.hessian(theta);
        double[][] hr = reverse.hessian(theta);
        for (int a = 0; a < 3; a++) {
            // per record the modes agree to rounding; the sums of m terms add (m − 1)ε of their
            // magnitudes (Σ|x| for the gradient, Σ|x_a x_b| ≤ sqrt(Σx_a² Σx_b²) for the Hessian)
            assertEquals(gr[a], gf[a], 2e-11 * scale[a], "gradient " + a);
            for (int b = 0; b < 3; b++) {
                assertEquals(hr[a][b], hf[a][b], 2e-11 * Math.sqrt(squares(a) * squares(b)), "Hessian " + a + ", " + b);
            }
        }
    }

    private static double squares(int j) {
        double s = 0;
        for (double[] row : ROWS) {
            double x = design(row)[j];
            s += x * x;
        }
        return s;
    }

    @Test
    void standardErrorsDescribeTheScatterOfEstimatesOverRepeatedDraws() {
        // 200 draws of 1000 records (fitting 10⁵ records 200 times would take minutes): the z-scores
        // (estimate − truth) / standard error have a root mean square near 1 when the standard
        // errors are right; its own spread is about 1/sqrt(2·200) = 0.05, so [0.8, 1.2] is 4 of
        // those, and a covariance off by a factor 2 gives 0.71 or 1.41
        int draws = 200;
        Random seeds = new Random(3);
        double[] sumSquares = new double[3];
        for (int s = 0; s < draws; s++) {
            LogisticMaximumLikelihood.Fit f = LogisticMaximumLikelihood.fit(
                    LogisticMaximumLikelihood.generate(1000, TRUE, seeds.nextLong()));
            for (int j = 0; j < 3; j++) {
                double z = (f.estimate()[j] - TRUE[j]) / f.standardErrors()[j];
                sumSquares[j] += z * z;
            }
        }
        for (int j = 0; j < 3; j++) {
            double spread = Math.sqrt(sumSquares[j] / draws);
            assertTrue(spread > 0.8 && spread < 1.2, LogisticMaximumLikelihood.NAMES.get(j) + ": z spread " + spread);
        }
    }

    @Test
    void mainPrintsATableRowPerCoefficient() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogisticMaximumLikelihood.print(FIT, ROWS.length, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        for (String name : LogisticMaximumLikelihood.NAMES) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing from\n" + table);
        }
        assertTrue(table.contains(FIT.minimum().iterations() + " Newton steps"), table);
    }
}
