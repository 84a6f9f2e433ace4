package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A program compiled for gradients never writes the loops' block kernels, a generated class each
 * that only dense Hessians run: they are written on the first Hessian, whose columns they then give.
 */
class LazyBlockKernelsTest {
    @Test
    void blockKernelsAreWrittenOnTheFirstHessianNotWhenCompiledOrDifferentiated() {
        int n = 40;
        List<Variable> x = Expr.variables("x", n);
        Expr sum = Expr.constant(0);
        for (int i = 0; i < n - 1; i++) { // chained Rosenbrock: one loop of n - 1 terms
            Expr a = x.get(i + 1).minus(x.get(i).square());
            Expr b = Expr.constant(1).minus(x.get(i));
            sum = sum.plus(a.square().times(100).plus(b.square()));
        }
        ScalarFunction f = ScalarFunction.of(sum, x, Mode.REVERSE);
        assertTrue(f.engine().plan().loops() > 0, "expected the terms to run as a loop");
        double[] point = new double[n];
        for (int i = 0; i < n; i++) {
            point[i] = 0.5 + 0.01 * i;
        }
        f.gradient(point);
        f.hessianVector(point, point);
        assertFalse(f.engine().plan().blockKernelsWritten(), "expected no block kernel before a dense Hessian");

        double[][] h = f.hessian(point);
        assertTrue(f.engine().plan().blockKernelsWritten(), "expected the dense Hessian to ask for the block kernels");
        // d²f/dx0² = 1200 x0² - 400 x1 + 2 = 98 here: a few roundings of terms near 300, far inside 1e-12 of it
        double x0 = point[0];
        double expected = 1200 * x0 * x0 - 400 * point[1] + 2;
        assertEquals(expected, h[0][0], 1e-12 * Math.abs(expected));
    }
}
