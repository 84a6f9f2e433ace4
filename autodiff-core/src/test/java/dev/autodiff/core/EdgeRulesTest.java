package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic rule table's partials differentiated again (symbolic derivatives; nested tapes and
 * duals read the same formulas) where the edge-point property (EdgePointPropertyTest) found them
 * apart from the numeric table's second partials, and the numeric table where it was apart from the
 * generic one. The numeric table's closed forms are the oracle.
 */
class EdgeRulesTest {
    private final Variable x = Expr.variable("x");

    private static double[] rules(Primitive op, double a) {
        Partials p = new Partials();
        Rules.apply(op.ordinal(), a, 0, 0, p);
        return new double[] {p.value, p.da, p.secondAA()};
    }

    private double second(Expr f, double at) {
        return f.derivative(x).derivative(x).value(Map.of("x", at));
    }

    @Test
    void tanhSecondDerivativeStaysNormalWhereItIs() {
        // tanh''(a) = -2·tanh·sech², 8e-238 at 275 and 2e-260 at 300: the old generic partial (1/cosh)²
        // differentiated to 2r·(-r·r)·sinh a, whose first product underflows to 0
        for (double a : new double[] {-300, -275, 180, 275, 300}) {
            double expected = rules(Primitive.TANH, a)[2];
            assertEquals(expected, second(x.tanh(), a), 1e-13 * Math.abs(expected), "tanh'' at " + a);
        }
        // and keeps its relative accuracy near 0, where tanh'' ≈ -2a
        assertEquals(-2 * 1e-60, second(x.tanh(), 1e-60), 1e-13 * 2e-60, "tanh'' at 1e-60");
        // 0 beyond the range of cosh, not 0·∞
        assertEquals(0.0, second(x.tanh(), 800));
        assertEquals(0.0, second(x.tanh(), Double.NEGATIVE_INFINITY));
    }

    @Test
    void erfAndErfcSecondDerivativesAreZeroAtInfinityAsTheTableHasThem() {
        for (double a : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -40, 40}) {
            assertEquals(rules(Primitive.ERF, a)[2], second(x.erf(), a), "erf'' at " + a);
            assertEquals(0.0, second(x.erf(), a), "erf'' at " + a);
            assertEquals(0.0, second(x.erfc(), a), "erfc'' at " + a);
        }
        // where e^(-a²) does not underflow, the guard is open: -2a·erf'(a)
        double a = 3;
        double expected = -2 * a * 2 / Math.sqrt(Math.PI) * Math.exp(-a * a);
        assertEquals(expected, second(x.erf(), a), 1e-14 * Math.abs(expected));
        assertEquals(-expected, second(x.erfc(), a), 1e-14 * Math.abs(expected));
    }

    @Test
    void acoshPartialIsNaNBelowOneInBothTables() {
        // acosh is NaN below 1; its partial there was finite (1/√(a² - 1) for a ≤ -1) in the numeric
        // table and NaN in the generic one (√(a - 1)·√(a + 1))
        for (double a : new double[] {-1.5872742679920808, -1, 0.5}) {
            assertEquals(Double.NaN, rules(Primitive.ACOSH, a)[1], "numeric ∂ at " + a);
            assertEquals(Double.NaN, x.acosh().derivative(x).value(Map.of("x", a)), "generic ∂ at " + a);
        }
        assertEquals(1 / Math.sqrt(3), rules(Primitive.ACOSH, 2)[1], 1e-16);
    }
}
