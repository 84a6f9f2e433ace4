package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.reverse.Reverse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The Levenberg–Marquardt example: estimates near the truth, covariances equal to an independent
 * σ² (JᵀJ)⁻¹ from our Jacobian, a stationary optimum, and standard errors that describe the scatter
 * of the estimates over repeated noise.
 */
class DampedOscillationFitTest {
    private static final int M = 60;
    private final DampedOscillationFit.Data data = DampedOscillationFit.Data.generate(M, DampedOscillationFit.TRUE,
            DampedOscillationFit.NOISE, 42);
    private final DampedOscillationFit.Fit fit = DampedOscillationFit.fit(data, DampedOscillationFit.START);

    @Test
    void estimatesAreWithinThreeStandardErrorsOfTheTrueParameters() {
        for (int j = 0; j < 4; j++) {
            double z = (fit.estimate()[j] - DampedOscillationFit.TRUE[j]) / fit.standardErrors()[j];
            assertTrue(Math.abs(z) < 3, DampedOscillationFit.NAMES.get(j) + ": z = " + z);
        }
        // σ̂² ~ σ² χ²(56)/56: σ̂/σ has a standard deviation of about 1/sqrt(2·56) ≈ 0.095
        assertEquals(DampedOscillationFit.NOISE, fit.sigma(), 3 * 0.095 * DampedOscillationFit.NOISE);
    }

    @Test
    void covarianceIsSigmaSquaredTimesTheInverseOfJtJFromOurJacobianByLu() {
        VectorDifferentiable r = Reverse.of(DampedOscillationFit.residuals(DampedOscillationFit.parameters(), data),
                DampedOscillationFit.parameters());
        double[] estimate = fit.estimate();
        RealMatrix j = MatrixUtils.createRealMatrix(r.jacobian(estimate));
        double rss = 0;
        for (double ri : r.value(estimate)) {
            rss += ri * ri;
        }
        double sigma2 = rss / (M - 4);
        // LU of the normal matrix here, QR of J in the optimizer: the same inverse up to about κ(JᵀJ)·ε
        // of each entry's scale (κ ≈ 90 for this design: 2e-14), hence 1e-11
        RealMatrix expected = new LUDecomposition(j.transposeMultiply(j)).getSolver().getInverse().scalarMultiply(sigma2);
        assertEquals(Math.sqrt(sigma2), fit.sigma(), 1e-12 * fit.sigma());
        for (int a = 0; a < 4; a++) {
            assertEquals(Math.sqrt(expected.getEntry(a, a)), fit.standardErrors()[a], 1e-11 * fit.standardErrors()[a]);
            for (int b = 0; b < 4; b++) {
                double scale = Math.sqrt(expected.getEntry(a, a) * expected.getEntry(b, b));
                assertEquals(expected.getEntry(a, b), fit.covariance()[a][b], 1e-11 * scale, "covariance " + a + ", " + b);
            }
        }
    }

    @Test
    void optimizerConvergedToAStationaryPoint() {
        assertTrue(fit.iterations() < 100, "iterations: " + fit.iterations());
        VectorDifferentiable r = Reverse.of(DampedOscillationFit.residuals(DampedOscillationFit.parameters(), data),
                DampedOscillationFit.parameters());
        double[] residuals = r.value(fit.estimate());
        double[] gradient = r.vjp(fit.estimate(), residuals); // Jᵀr, the gradient of ½‖r‖²
        double[][] j = r.jacobian(fit.estimate());
        double norm = 0;
        for (double ri : residuals) {
            norm += ri * ri;
        }
        for (int a = 0; a < 4; a++) {
            double column = 0;
            for (double[] row : j) {
                column += row[a] * row[a];
            }
            // the cosine of the angle between r and column a of J: 0 at a least-squares optimum; LM
            // stops on a relative cost change of 1e-10 after quadratic Gauss–Newton steps
            double cosine = gradient[a] / Math.sqrt(column * norm);
            assertTrue(Math.abs(cosine) < 1e-6, DampedOscillationFit.NAMES.get(a) + ": cosine " + cosine);
        }
    }

    @Test
    void standardErrorsDescribeTheScatterOfEstimatesOverRepeatedNoise() {
        // Over 200 noise draws the z-scores (estimate − truth) / standard error of each parameter have a
        // root mean square near 1 when the standard errors are right (observed 0.99 to 1.03 over 2000
        // draws): its own spread is about 1/sqrt(2·200) = 0.05, so [0.8, 1.2] is 4 of those, and a
        // covariance off by a factor 2 gives 0.71 or 1.41.
        int draws = 200;
        // seeds drawn from one generator: consecutive seeds of java.util.Random give correlated first draws
        Random seeds = new Random(1);
        double[] sumSquares = new double[4];
        for (int s = 0; s < draws; s++) {
            DampedOscillationFit.Data d = DampedOscillationFit.Data.generate(M, DampedOscillationFit.TRUE,
                    DampedOscillationFit.NOISE, seeds.nextLong());
            DampedOscillationFit.Fit f = DampedOscillationFit.fit(d, DampedOscillationFit.START);
            for (int j = 0; j < 4; j++) {
                double z = (f.estimate()[j] - DampedOscillationFit.TRUE[j]) / f.standardErrors()[j];
                sumSquares[j] += z * z;
            }
        }
        for (int j = 0; j < 4; j++) {
            double spread = Math.sqrt(sumSquares[j] / draws);
            assertTrue(spread > 0.8 && spread < 1.2, DampedOscillationFit.NAMES.get(j) + ": z spread " + spread);
        }
    }

    @Test
    void mainPrintsATableRowPerParameter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DampedOscillationFit.print(fit, M, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        for (String name : DampedOscillationFit.NAMES) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing from\n" + table);
        }
        assertTrue(table.contains(fit.iterations() + " iterations"), table);
    }
}
