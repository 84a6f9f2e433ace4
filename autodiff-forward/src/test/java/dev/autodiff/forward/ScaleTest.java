package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large inputs: many variables (chunked passes) and very deep chains (no recursion on depth). */
class ScaleTest {
    @Test
    void gradientOfTenThousandInputsMatchesClosedForm() {
        // f = Σ sin(x_i)·x_{i+1}: ∂f/∂x_i = cos(x_i)·x_{i+1} + sin(x_{i-1}); 834 chunks of 12
        int n = 10_000;
        Variable[] x = new Variable[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Expr.variable("x" + i);
            p[i] = Math.sin(0.37 * i);
        }
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            terms.add(x[i].sin().times(x[i + 1]));
        }
        double[] g = Forward.of(Expr.sum(terms), x).gradient(p);
        for (int i = 0; i < n; i++) {
            double expected = (i + 1 < n ? Math.cos(p[i]) * p[i + 1] : 0) + (i > 0 ? Math.sin(p[i - 1]) : 0);
            assertEquals(expected, g[i], 1e-15, "component " + i); // two products: a few ulps of O(1)
        }
    }

    @Test
    void millionDeepChainDifferentiatesAtDefaultStack() {
        // e ← e·c + 10⁻⁶, 500 000 times: a million operations; f'(x) = c^n, f''(x) = 0
        int n = 500_000;
        double c = 1 + 1e-6;
        Variable x = Expr.variable("x");
        Expr e = x;
        for (int i = 0; i < n; i++) {
            e = e.times(c).plus(1e-6);
        }
        Differentiable f = Forward.of(e, x);
        // the rounding of a million operations: relative error about 1e6 ulps at worst
        double expected = Math.pow(c, n);
        assertEquals(expected, f.gradient(0.5)[0], 1e-9 * expected);
        assertEquals(0.0, f.hessian(0.5)[0][0], 0.0);
        // Taylor mode is the same kind of loop; it is left out here only because each
        // Forward.derivatives call compiles the expression again, which takes seconds at this size
    }
}
