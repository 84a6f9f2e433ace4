package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.hipparchus.HipparchusAdapters;
import dev.autodiff.reverse.Reverse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.junit.jupiter.api.Test;

/** The README's Hipparchus example, compiled and run here, and checked to be the README's text. */
class ReadmeHipparchusExampleTest {

    @Test
    void example() {
        // data: y = 3 exp(-0.5 t) plus noise of standard deviation 0.02 at 40 times
        Random random = new Random(8);
        double[] t = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.1 * i;
            y[i] = 3 * Math.exp(-0.5 * t[i]) + 0.02 * random.nextGaussian();
        }

        List<Variable> theta = List.of(Expr.variable("A"), Expr.variable("k"));
        List<Expr> residuals = new ArrayList<>();                      // r_i(θ) = A exp(-k t_i) - y_i
        for (int i = 0; i < t.length; i++) {
            residuals.add(theta.get(0).times(theta.get(1).times(-t[i]).exp()).minus(y[i]));
        }
        VectorDifferentiable r = Reverse.of(residuals, theta);         // values and the exact m × 2 Jacobian
        Optimum fit = new LevenbergMarquardtOptimizer().optimize(HipparchusAdapters.leastSquares(r)
                .start(new double[] {1, 0.1}).maxEvaluations(1000).maxIterations(1000).build());
        double[] estimate = fit.getPoint().toArray();
        double sigma2 = fit.getCost() * fit.getCost() / (t.length - 2);            // RSS / (m - n)
        RealMatrix covariance = fit.getCovariances(1e-14).scalarMultiply(sigma2);  // σ² (JᵀJ)⁻¹
        double seA = Math.sqrt(covariance.getEntry(0, 0));                        // standard error of A

        // Oracle: the truth the data were drawn from, within three standard errors; σ̂ near 0.02
        // (its relative spread is 1/sqrt(2·38) ≈ 0.11, so within 35%)
        assertTrue(Math.abs(estimate[0] - 3) < 3 * seA, "A = " + estimate[0] + " ± " + seA);
        double seK = Math.sqrt(covariance.getEntry(1, 1));
        assertTrue(Math.abs(estimate[1] - 0.5) < 3 * seK, "k = " + estimate[1] + " ± " + seK);
        assertEquals(0.02, Math.sqrt(sigma2), 0.35 * 0.02);
    }

    @Test
    void readmeHipparchusExampleIsThisOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Hipparchus"));
        String block = section.substring(section.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/examples/ReadmeHipparchusExampleTest.java"));
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty()) {
                assertTrue(test.contains(l), "README line not in ReadmeHipparchusExampleTest: " + l);
            }
        }
    }
}
