package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A compiled function shared by threads gives every thread the result a lone caller gets. */
class ConcurrencyTest {
    @Test
    void compiledFunctionIsSafeToShareAcrossThreads() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Differentiable f = Forward.of(x.times(y).sin().plus(x.exp().div(y)), x, y);
        IntStream.range(0, 2000).parallel().forEach(i -> {
            double[] p = {0.001 * i, 1 + 0.002 * i};
            double[] expected = {y(p) * Math.cos(p[0] * p[1]) + Math.exp(p[0]) / p[1],
                p[0] * Math.cos(p[0] * p[1]) - Math.exp(p[0]) / (p[1] * p[1])};
            // the same formulas the rules apply: equal to a few ulps
            assertArrayEquals(expected, f.gradient(p), 1e-13 * (1 + Math.exp(p[0])));
            assertArrayEquals(f.hessian(p)[0], f.hessian(p)[0], 0.0);
        });
    }

    private static double y(double[] p) {
        return p[1];
    }
}
