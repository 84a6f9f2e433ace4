package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Damped Newton: exact on quadratics, safe where the Hessian is indefinite, and loud when it fails. */
class DampedNewtonTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    @Test
    void quadraticIsSolvedByOneStepAndItsInverseHessianIsTheInverseMatrix() {
        // f = ½ vᵀAv − bᵀv with A = [[4, 1], [1, 3]], b = (1, 2): the minimum solves A v = b
        Expr f = Expr.parse("0.5 * (4*x^2 + 2*x*y + 3*y^2) - x - 2*y");
        DampedNewton.Minimum minimum = DampedNewton.minimize(Reverse.of(f, x, y), new double[] {10, -7}, 1e-20, 10);
        RealMatrix a = MatrixUtils.createRealMatrix(new double[][] {{4, 1}, {1, 3}});
        double[] expected = new LUDecomposition(a).getSolver().solve(MatrixUtils.createRealVector(new double[] {1, 2}))
                .toArray();
        // one Newton step is exact up to rounding (κ(A) ≈ 2): ulps of the start's size 10, which the
        // closing step shrinks to ulps of the solution's
        assertEquals(2, minimum.iterations(), "the Newton step and the closing one");
        for (int j = 0; j < 2; j++) {
            assertEquals(expected[j], minimum.point()[j], 1e-14);
        }
        RealMatrix inverse = new LUDecomposition(a).getSolver().getInverse();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                // Cholesky against LU of the same exact matrix: a few ulps of entries below 0.4
                assertEquals(inverse.getEntry(i, j), minimum.inverseHessian()[i][j], 1e-15);
            }
        }
    }

    @Test
    void rosenbrockIsMinimizedFromWhereTheHessianIsIndefinite() {
        Differentiable f = Reverse.of(Expr.parse("100 * (y - x^2)^2 + (1 - x)^2"), x, y);
        double[][] h = f.hessian(0, 1);
        assertTrue(h[0][0] < 0, "the start should have an indefinite Hessian: " + h[0][0]);
        DampedNewton.Minimum minimum = DampedNewton.minimize(f, new double[] {0, 1}, 1e-20, 100);
        // at the minimum (1, 1), f = 0 exactly; the closing step leaves rounding of x near 1
        assertEquals(1, minimum.point()[0], 1e-12);
        assertEquals(1, minimum.point()[1], 1e-12);
        assertTrue(minimum.value() < 1e-24, "f = " + minimum.value());
        for (double g : minimum.gradient()) {
            assertTrue(Math.abs(g) < 1e-10, "gradient " + g);
        }
    }

    @Test
    void functionWithoutMinimumFailsNamingTheIterations() {
        Differentiable f = Reverse.of(x.plus(y), List.of(x, y)); // zero Hessian: shifted steps run off to −∞
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DampedNewton.minimize(f, new double[] {0, 0}, 1e-12, 20));
        assertTrue(e.getMessage().contains("within 20 Newton steps"), e.getMessage());
    }
}
