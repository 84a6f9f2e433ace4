package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Models over data" example, compiled and run here, and checked to be the README's text. */
class ReadmeModelsExampleTest {

    @Test
    void example() {
        double[][] rows = LogisticMaximumLikelihood.generate(500, LogisticMaximumLikelihood.TRUE, 5);

        List<Variable> w = Expr.variables("w", 2), x = Expr.variables("x", 2);   // w[0], w[1]; x[0], x[1]
        Variable b = Expr.variable("b"), y = Expr.variable("y");
        Expr z = Expr.dot(w, x).plus(b);                    // w[0]·x[0] + w[1]·x[1] + b
        Expr nll = z.softplus().minus(y.times(z));           // −log-likelihood of one record, stable for any z

        ParametricDifferentiable p = Reverse.of(nll, List.of(w.get(0), w.get(1), b), List.of(x.get(0), x.get(1), y));
        Differentiable one = p.at(1.5, 2.5, 1.0);             // the record x[0] = 1.5, x[1] = 2.5, y = 1
        Differentiable all = p.sumOver(rows);                 // Σ over records; rows[r] = {x[0], x[1], y}
        double[] g = new double[3];
        double value = all.valueAndGradient(new double[] {1, -1, 0}, g);   // Σ −log-likelihood, gradient into g
        double[][] information = all.hessian(1, -1, 0);      // Σ p(1 − p) x xᵀ, x = (x[0], x[1], 1)

        Expr r = Expr.parse("y - (a + c * t)");               // a branch: Huber's loss of a residual, δ = 1
        Expr huber = Expr.ifElse(r.abs().lessThan(1), r.square().times(0.5), r.abs().minus(0.5));

        // Oracle for one record: z = 1.5 − 2.5 = −1, −log σ(−1) = log(1 + e), gradient (σ(z) − 1)·(x, 1)
        double s = 1 / (1 + Math.exp(1));
        assertEquals(Math.log1p(Math.E), one.value(1, -1, 0), 1e-15);
        double[] g1 = one.gradient(1, -1, 0);
        assertEquals((s - 1) * 1.5, g1[0], 1e-15);
        assertEquals((s - 1) * 2.5, g1[1], 1e-15);
        assertEquals(s - 1, g1[2], 1e-15);
        // Oracle for the sum: plain Java over the rows, with the sums of the terms' magnitudes, of which
        // m·2⁻⁵² bounds the rounding of a sum of m terms each within a few ulps (Higham's (m − 1)u)
        double expectedValue = 0;
        double valueScale = 0;
        double[] expectedGradient = new double[3];
        double[] gradientScale = new double[3];
        double[][] expectedInformation = new double[3][3];
        double[][] scale = new double[3][3];
        for (double[] row : rows) {
            double zr = row[0] - row[1];
            double pr = 1 / (1 + Math.exp(-zr));
            double[] xr = {row[0], row[1], 1};
            expectedValue += Math.log1p(Math.exp(zr)) - row[2] * zr;
            valueScale += Math.log1p(Math.exp(zr)) + Math.abs(row[2] * zr);
            for (int i = 0; i < 3; i++) {
                expectedGradient[i] += (pr - row[2]) * xr[i];
                gradientScale[i] += Math.abs(xr[i]); // |p − y| ≤ 1
                for (int j = 0; j < 3; j++) {
                    expectedInformation[i][j] += pr * (1 - pr) * xr[i] * xr[j];
                    scale[i][j] += Math.abs(xr[i] * xr[j]); // p(1 − p) ≤ 1
                }
            }
        }
        double u = rows.length * 0x1p-52;
        assertEquals(expectedValue, value, u * valueScale);
        for (int i = 0; i < 3; i++) {
            assertEquals(expectedGradient[i], g[i], u * gradientScale[i]);
            for (int j = 0; j < 3; j++) {
                assertEquals(expectedInformation[i][j], information[i][j], u * scale[i][j]);
            }
        }
        // Oracle for the branch: ρ(r) = r²/2 inside, |r| − 1/2 outside, ρ'(r) = clamp(r, −1, 1) by r
        Differentiable h = Reverse.of(huber, List.of(Expr.variable("a"), Expr.variable("c")),
                List.of(Expr.variable("t"), y)).at(2, 3);
        for (double[] ac : new double[][] {{2.5, 0}, {0, 0}, {1, 0.2}, {5, 0}}) {
            double res = 3 - (ac[0] + ac[1] * 2);
            double rho = Math.abs(res) < 1 ? res * res / 2 : Math.abs(res) - 0.5;
            double psi = Math.max(-1, Math.min(1, res));
            assertEquals(rho, h.value(ac), 1e-15);
            assertEquals(-psi, h.gradient(ac)[0], 1e-15);
            assertEquals(-psi * 2, h.gradient(ac)[1], 1e-15);
        }
    }

    @Test
    void readmeModelsExampleIsThisOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Models over data"));
        String block = section.substring(section.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/examples/ReadmeModelsExampleTest.java"));
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty()) {
                assertTrue(test.contains(l), "README line not in ReadmeModelsExampleTest: " + l);
            }
        }
    }
}
