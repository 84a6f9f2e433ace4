package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour specific to reverse mode that the shared contract does not pin down. */
class ReverseEdgeCasesTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    @Test
    void customOperationWithoutSecondDerivativeGivesGradientsButNamesItselfForHessians() {
        CustomOperation cube = CustomOperation.of("cube", t -> t * t * t, (t, g) -> g * 3 * t * t);
        Differentiable f = Reverse.of(cube.invoke(x.times(y)), x, y);
        assertArrayEquals(new double[] {3 * 36 * 3, 3 * 36 * 2}, f.gradient(2, 3), 1e-12); // 3(xy)²·(y, x)
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> f.hessian(2, 3));
        assertTrue(e.getMessage().contains("cube"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> f.hessianVector(new double[] {2, 3}, new double[] {1, 0}));
        assertArrayEquals(new double[] {108 * 3, 108 * 2}, f.gradient(2, 3), 1e-12, "still usable after the failure");
    }

    @Test
    void anInfinitePartialOfAnotherOutputDoesNotPoisonAJacobianRow() {
        // at y = 0, sqrt(y) has derivative +∞; row 0 (x·2) must not see 0·∞ = NaN from it
        VectorDifferentiable m = Reverse.of(List.of(x.times(2), y.sqrt().plus(x)), x, y);
        double[][] j = m.jacobian(1, 0);
        assertArrayEquals(new double[] {2, 0}, j[0]);
        assertEquals(Double.POSITIVE_INFINITY, j[1][1]);
        assertArrayEquals(new double[] {2, 0}, m.vjp(new double[] {1, 0}, new double[] {1, 0}));
        assertEquals(2.0, m.jvp(new double[] {1, 0}, new double[] {1, 0})[0]);
    }

    @Test
    void hessianEntryUnaffectedByAnInfinitePartialElsewhere() {
        // f = x² + sqrt(y) at y = 0: ∂²f/∂x² = 2 stays finite
        Differentiable f = Reverse.of(x.square().plus(y.sqrt()), x, y);
        assertEquals(2.0, f.hessian(1, 0)[0][0]);
    }

    @Test
    void repeatedOutputsAddTheirWeightsInAVectorJacobianProduct() {
        Expr s = x.times(y);
        VectorDifferentiable m = Reverse.of(List.of(s, s), x, y);
        assertArrayEquals(new double[] {3 * 5, 2 * 5}, m.vjp(new double[] {2, 3}, new double[] {1, 4}));
    }

    @Test
    void outputThatIsAnInputOrAConstantDifferentiates() {
        VectorDifferentiable m = Reverse.of(List.of(x, Expr.constant(4)), x, y);
        double[][] j = m.jacobian(1, 2);
        assertArrayEquals(new double[] {1, 0}, j[0]);
        assertArrayEquals(new double[] {0, 0}, j[1]);
        assertEquals(0.0, Reverse.of(x, x, y).hessian(1, 2)[0][0]);
    }

    @Test
    void tryOfGivesTheFunctionOrTheReasonAsAFailure() {
        Expr e = x.times(y.sin());
        io.vavr.control.Try<Differentiable> ok = Reverse.tryOf(e, x, y);
        assertArrayEquals(Reverse.of(e, x, y).gradient(1, 2), ok.get().gradient(1, 2), 0.0);
        io.vavr.control.Try<Differentiable> twice = Reverse.tryOf(e, x, y, x);
        assertTrue(twice.isFailure());
        assertTrue(twice.getCause() instanceof IllegalArgumentException && twice.getCause().getMessage().contains("x"),
                twice.getCause().toString());
        assertTrue(Reverse.tryOf(null, x).isFailure());
    }

    @Test
    void hessianOfQuadraticFormIsItsSymmetricMatrix() {
        // f = 3x² + 5xy - 2y²: H = [[6, 5], [5, -4]] exactly, in integer arithmetic
        Differentiable f = Reverse.of(x.square().times(3).plus(x.times(y).times(5)).minus(y.square().times(2)), x, y);
        double[][] h = f.hessian(0.3, -7);
        assertArrayEquals(new double[] {6, 5}, h[0]);
        assertArrayEquals(new double[] {5, -4}, h[1]);
        assertArrayEquals(new double[] {6 * 2 + 5 * -1, 5 * 2 + -4 * -1}, f.hessianVector(new double[] {0.3, -7}, new double[] {2, -1}));
    }
}
