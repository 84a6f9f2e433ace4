package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A zero partial passes exactly nothing back, even from an infinite adjoint (the zero-factor rule),
 * however the tape stores it: a top-level tape drops the edge, so that the backward loop multiplies
 * plainly; a nested tape keeps it, since its tracked gradient follows the edge whatever the number,
 * and sets the node apart from the loop. The oracles are the compiled reverse mode (compared to the
 * bit), the general path of a nested tape, and closed forms.
 */
class TapeZeroPartialTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final List<Variable> XY = List.of(Expr.variable("x"), Expr.variable("y"));

    /** sqrt(x·y) at y = 0: ∂(x·y)/∂x = y = 0 stops the +∞; ∂/∂y = x passes it. */
    static <T extends Scalar<T>> T product(T x, T y) {
        return x.times(y).sqrt();
    }

    /** sqrt(max(x, y)) at x = 0 > y: max passes all to x and exactly nothing to y. */
    static <T extends Scalar<T>> T maximum(T x, T y) {
        return x.max(y).sqrt();
    }

    /** sqrt(0·x + y) at y = 0: a number 0 is kept as x's partial, 0. */
    static <T extends Scalar<T>> T byZero(T x, T y) {
        return x.times(0.0).plus(y).sqrt();
    }

    /** sqrt(x < 1 ? x : y) at x = 0: the branch not taken, y, receives exactly 0. */
    static <T extends Scalar<T>> T branch(T x, T y) {
        return x.lessThan(x.newConstant(1)).ifElse(x, y).sqrt();
    }

    /** sqrt(x²) + y at x = 0: the unary x² has the partial 2x = 0 under the adjoint +∞. */
    static <T extends Scalar<T>> T square(T x, T y) {
        return x.square().sqrt().plus(y);
    }

    /** A function of (x, y) over any scalar type. */
    private interface Generic {
        <T extends Scalar<T>> T of(T x, T y);
    }

    private static final List<Object[]> CASES = List.of(
            new Object[] {"sqrt(x·y)", (Generic) TapeZeroPartialTest::product, new double[] {2, 0}, new double[] {0, INF}},
            new Object[] {"sqrt(max(x, y))", (Generic) TapeZeroPartialTest::maximum, new double[] {0, -1}, new double[] {INF, 0}},
            new Object[] {"sqrt(0·x + y)", (Generic) TapeZeroPartialTest::byZero, new double[] {5, 0}, new double[] {0, INF}},
            new Object[] {"sqrt(x < 1 ? x : y)", (Generic) TapeZeroPartialTest::branch, new double[] {0, 4}, new double[] {INF, 0}},
            new Object[] {"sqrt(x²) + y", (Generic) TapeZeroPartialTest::square, new double[] {0, 3}, new double[] {0, 1}});

    @Test
    void aZeroPartialStopsAnInfiniteAdjointOnATopLevelTape() {
        for (Object[] c : CASES) {
            Generic f = (Generic) c[1];
            double[] point = (double[]) c[2];
            double[] onTape = Reverse.gradient(v -> f.of(v[0], v[1]), point);
            assertArrayEquals((double[]) c[3], onTape, 0.0, c[0] + ": the closed form, no NaN");
            double[] compiled = Reverse.of(f.of((Expr) XY.get(0), (Expr) XY.get(1)), XY).gradient(point);
            assertArrayEquals(compiled, onTape, 0.0, c[0] + ": the compiled reverse mode");
        }
    }

    @Test
    void aZeroPartialStopsAnInfiniteAdjointOnANestedTape() {
        for (Object[] c : CASES) {
            Generic f = (Generic) c[1];
            double[] point = (double[]) c[2];
            try (Tape outer = Tape.open(); Tape nested = outer.openNested()) {
                // the general path, whose recording keeps every edge and sets zero partials apart
                Tracked x = nested.variable(point[0]);
                Tracked y = nested.variable(point[1]);
                assertArrayEquals((double[]) c[3], nested.gradient(f.of(x, y), x, y), 0.0, c[0].toString());
            }
        }
    }

    @Test
    void aZeroPartialOnANestedTapeStillCarriesItsDerivative() {
        // d/dy [∂(x·y)/∂x] = d/dy y = 1 at y = 0, where the nested node's numeric ∂/∂x is y = 0
        assertEquals(1.0, Reverse.derivative(y -> y.tape().derivativeOf(x -> x.times(y), 3.0), 0.0));
        // d/dy [∂(max(x, y)·y)/∂x] = d/dy [y·(x > y)] = 0 at x = -3 < y = 0: max's zero weight is exact
        assertEquals(0.0, Reverse.derivative(y -> y.tape().derivativeOf(x -> x.max(y).times(y), -3.0), 0.0));
        // d/dy [∂(x·y²)/∂x] = 2y, 0 at y = 0, and 2 one level up: d²/dy² [y²] through a kept zero
        assertEquals(2.0, Reverse.derivative(y -> y.tape().derivativeOf(
                w -> w.tape().derivativeOf(x -> x.times(w).times(w), 3.0), y), 0.0));
    }

    @Test
    void theFastPathsArithmeticNeedsNoOverflowSafeProduct() {
        // Tape.zeroFactorChain lets the arithmetic skip the overflow-safe product of Rules.chain: it
        // must be Partials.times there for every weight, partial and argument, bit for bit
        double[] numbers = {0.0, -0.0, 1e-300, -2.5, 3, 1e300, -1e308, Double.MIN_VALUE, INF, -INF, Double.NaN};
        int checked = 0;
        for (Primitive p : Primitive.values()) {
            int code = p.ordinal();
            if (!Tape.zeroFactorChain(code)) {
                continue;
            }
            for (int operand = 0; operand < 2; operand++) {
                for (double w : numbers) {
                    for (double partial : numbers) {
                        for (double a : new double[] {0, -1.5, 1e-200, INF}) {
                            double b = -a / 3 + 0.25;
                            double expected = Partials.times(w, partial);
                            double chain = Rules.chain(code, operand, w, a, b, 2, partial);
                            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(chain),
                                    p + " operand " + operand + " at w = " + w + ", partial = " + partial + ", a = " + a);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(5 * 2 * 11 * 11 * 4, checked, "ADD, SUB, MUL, NEG and POW_CONST");
    }
}
