package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Models written with the array helpers compile to loops and differentiate as their closed forms. */
class ArrayModelTest {
    @Test
    void aRangeSumOfIdenticalTermsRunsAsOneLoop() {
        int n = 1000;
        List<Variable> x = Expr.variables("x", n);
        Expr rosenbrock = Expr.sum(0, n - 1, i -> x.get(i + 1).minus(x.get(i).square()).square().times(100)
                .plus(x.get(i).minus(1).square()));
        Differentiable f = Reverse.of(rosenbrock, x);
        assertTrue(f.toString().contains("1 loop"), f.toString());
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.cos(i);
        }
        double[] g = f.gradient(p);
        for (int i = 0; i < n; i++) {
            // the closed form: ∂/∂x_i of the terms i - 1 and i
            double expected = (i > 0 ? 200 * (p[i] - p[i - 1] * p[i - 1]) : 0)
                    + (i < n - 1 ? -400 * p[i] * (p[i + 1] - p[i] * p[i]) + 2 * (p[i] - 1) : 0);
            // a few roundings of terms of size 400·|x|³: relative 1e-13 of that scale
            assertEquals(expected, g[i], 1e-13 * (400 + Math.abs(expected)), "x" + i);
        }
    }

    @Test
    void aDotProductWithDataHasTheDataAsGradient() {
        int n = 500;
        List<Variable> w = Expr.variables("w", n);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = Math.sin(i);
        }
        Differentiable f = Reverse.of(Expr.dot(w, c), w);
        double[] g = f.gradient(new double[n]);
        for (int i = 0; i < n; i++) {
            assertEquals(c[i], g[i], 0.0, "∂(w·c)/∂w_i = c_i exactly");
        }
    }
}
