package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParseException;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Branches and comparisons: values, derivatives of the branch taken, no poisoning from the other. */
class BranchTest {
    private final Variable x = Expr.variable("x"), y = Expr.variable("y");

    private List<Differentiable> bothModes(Expr e, Variable... vs) {
        return List.of(Reverse.of(e, vs), Forward.of(e, vs));
    }

    @Test
    void huberLossTakesTheQuadraticInsideAndTheLinearOutside() {
        Expr r = x.minus(y);
        Expr huber = Expr.ifElse(r.abs().lessThan(1), r.times(r).times(0.5), r.abs().minus(0.5));
        for (Differentiable f : bothModes(huber, x, y)) {
            assertEquals(0.5 * 0.25, f.value(0.5, 0.0));
            assertArrayEquals(new double[] {0.5, -0.5}, f.gradient(0.5, 0.0));
            assertEquals(2.5, f.value(3.0, 0.0));
            assertArrayEquals(new double[] {1, -1}, f.gradient(3.0, 0.0));
            assertArrayEquals(new double[] {1, -1}, f.hessian(0.5, 0.0)[0]);
            assertArrayEquals(new double[] {0, 0}, f.hessian(3.0, 0.0)[0]);
        }
    }

    @Test
    void theBranchNotTakenNeverPoisonsValueOrDerivatives() {
        // log(-1) and sqrt at 0 are NaN and ∞ on the side not taken
        Expr e = Expr.ifElse(x.greaterThan(0), x.log().plus(y.sqrt()), x.times(x).plus(y));
        for (Differentiable f : bothModes(e, x, y)) {
            assertEquals(1.0 + 0.0, f.value(-1.0, 0.0));
            assertArrayEquals(new double[] {-2, 1}, f.gradient(-1.0, 0.0));
            assertArrayEquals(new double[] {2, 0}, f.hessian(-1.0, 0.0)[0]);
            assertArrayEquals(new double[] {0, 0}, f.hessian(-1.0, 0.0)[1]);
            assertArrayEquals(new double[] {-2, 0}, f.hessianVector(new double[] {-1, 0}, new double[] {-1, 0}));
            assertEquals(-2 * 0.5 + 1 * 0.25, f.directional(new double[] {-1, 0}, new double[] {0.5, 0.25}));
        }
    }

    @Test
    void atTheBoundaryTheDerivativeIsThatOfTheBranchTheConditionSelects() {
        Expr absolute = Expr.ifElse(x.lessThan(0), x.unaryMinus(), x);
        for (Differentiable f : bothModes(absolute, x)) {
            assertArrayEquals(new double[] {1}, f.gradient(0.0)); // 0 < 0 is false: the x branch
            assertArrayEquals(new double[] {-1}, f.gradient(-1e-300));
        }
        double[] taylor = Forward.derivatives(Expr.ifElse(x.lessThan(0), x.unaryMinus(), x.sin()), x, 0.0, 3);
        assertArrayEquals(new double[] {0, 1, 0, -1}, taylor, 1e-15);
    }

    @Test
    void aNanConditionGivesNanAndComparisonsWithNanAreFalse() {
        Expr e = Expr.ifElse(x, y, y.times(2));
        Differentiable f = Reverse.of(e, x, y);
        assertTrue(Double.isNaN(f.value(Double.NaN, 1.0)));
        assertEquals(1.0, f.value(3.0, 1.0));
        assertEquals(2.0, f.value(0.0, 1.0));
        assertEquals(0.0, Reverse.of(x.lessThan(y), x, y).value(Double.NaN, 1.0));
        assertArrayEquals(new double[] {0, 0}, Reverse.of(x.lessThan(y), x, y).gradient(0.0, 1.0));
    }

    @Test
    void comparisonsParseLooserThanSumsPrintBackAndDoNotChain() {
        Expr e = Expr.parse("ifElse(abs(x) < 1, 0.5 * x^2, abs(x) - 0.5)");
        assertEquals(Expr.ifElse(x.abs().lessThan(1), Expr.constant(0.5).times(x.pow(2)), x.abs().minus(0.5)), e);
        assertEquals(e, Expr.parse(e.toString()));
        assertEquals(x.plus(1).lessOrEqual(y.times(2)), Expr.parse("x + 1 <= y * 2"));
        assertEquals(x.greaterOrEqual(y).plus(x.greaterThan(y)), Expr.parse("(x >= y) + (x > y)"));
        assertEquals("(x >= y) + (x > y)", Expr.parse("(x >= y) + (x > y)").toString());
        ParseException chained = assertThrows(ParseException.class, () -> Expr.parse("x < y < 1"));
        assertTrue(chained.getMessage().contains("chain"), chained.getMessage());
        assertEquals(1.0, Expr.parse("ifElse(x < 0, -x, x)").value(Map.of("x", -1.0)));
    }

    @Test
    void aConstantConditionSelectsItsBranchAtCompilation() {
        Expr e = Expr.ifElse(Expr.constant(1).lessThan(2), x.sin(), x.log());
        Differentiable f = Reverse.of(e, x);
        assertEquals(Math.sin(-1), f.value(-1.0));
        assertArrayEquals(new double[] {Math.cos(-1)}, f.gradient(-1.0));
    }
}
