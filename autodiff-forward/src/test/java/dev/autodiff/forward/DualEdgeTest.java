package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * Dual numbers at the edge points where the edge-point property (EdgePointPropertyTest) found them
 * apart from the compiled modes: ties of huge values, and nested duals at points where a value is
 * infinite or a partial is infinite or NaN. The compiled Hessian is the oracle: both follow the
 * table's conventions and the zero-factor rule there.
 */
class DualEdgeTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    @Test
    void maxAndMinAtATieOfHugeValuesTakeTheTablesValueNotTheOverflowingMean() {
        Dual big = Dual.constant(Double.MAX_VALUE);
        assertEquals(Double.MAX_VALUE, big.max(big).value(), "max(MAX, MAX)");
        assertEquals(-Double.MAX_VALUE, big.unaryMinus().min(big.unaryMinus()).value(), "min(-MAX, -MAX)");
        // each operand still receives half the derivative, as Primitive.MAX documents
        assertArrayEquals(new double[] {0.5, 0.5}, Forward.gradient(v -> v[0].max(v[1]), Double.MAX_VALUE, Double.MAX_VALUE));
        assertArrayEquals(new double[] {0.5, 0.5}, Forward.gradient(v -> v[0].min(v[1]), 2.0, 2.0));
    }

    /** {@return ∂²f/∂x_i∂x_j by duals nested in duals} */
    private static double nested(MultivariateDualFunction f, int i, int j, double... at) {
        return Forward.gradient(v -> Forward.gradient(f, v)[i], at)[j];
    }

    @Test
    void nestedDualsAtAnInfiniteValueTakeTheZeroFactorRuleAsTheHessianDoes() {
        // lgamma(-1) = +∞ with ψ(-1) NaN: log's derivatives at ∞ are 0, and a zero factor wins
        double compiled = Forward.of(x.lgamma().log(), x).hessian(-1.0)[0][0];
        assertEquals(0.0, compiled);
        assertEquals(compiled, nested(v -> v[0].lgamma().log(), 0, 0, -1.0));
        // x / sinh(y) at y = 800: sinh overflows, and 1/∞ is 0 with all its derivatives
        double[][] h = Forward.of(x.div(y.sinh()), x, y).hessian(800.0, 1.0);
        MultivariateDualFunction f = v -> v[0].div(v[1].sinh());
        assertEquals(h[0][0], nested(f, 0, 0, 800.0, 1.0), "∂²/∂x²");
        assertEquals(h[0][1], nested(f, 0, 1, 800.0, 1.0), "∂²/∂x∂y");
    }

    @Test
    void nestedDualsOfAUnaryFunctionAtAnInfinitePointKeepTheirPerturbations() {
        // tanh(x²) at x = ∞: the series of tanh at ∞ is 1, 0, 0, so the perturbations count 0 times, not NaN
        double compiled = Forward.of(x.times(x).tanh(), x).hessian(Double.POSITIVE_INFINITY)[0][0];
        assertEquals(0.0, compiled);
        assertEquals(compiled, nested(v -> v[0].times(v[0]).tanh(), 0, 0, Double.POSITIVE_INFINITY));
    }
}
