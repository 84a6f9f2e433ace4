package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Taylor mode in the tails and at the documented edge points: the cases of the issue "Trustworthy
 * at the edges" against 50-digit references (mpmath 1.3, {@code mp.dps = 60}, {@code taylor} of
 * the function at the double nearest the point), and the conventions against the compiled modes.
 *
 * <p>Tolerance against a reference: 1e-13 relative, a few hundred units of roundoff for the
 * handful of operations and the recurrences up to order 8 in these cases; the old forms were off
 * by 1e-9 to 100% here. Against the compiled modes: exactly equal where a result is infinite, NaN
 * or 0 (conventions, not rounding, decide those), 1e-14 relative otherwise.
 */
class TaylorEdgeTest {
    private static final double REFERENCE = 1e-13;
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, REFERENCE * Math.abs(expected), what);
    }

    @Test
    void tanhDerivativesInTheTailAreRight() {
        close(1.6993417021166355837e-17, Forward.derivatives(x.tanh(), x, 20, 1)[1], "tanh'(20)");
        close(8.2446144557673973746e-9, Forward.derivatives(x.tanh(), x, 10, 1)[1], "tanh'(10)");
        close(-21.751573787092912, Forward.derivatives(x.times(100).tanh(), x, 0.2, 8)[8], "(tanh 100x)^(8) at 0.2");
    }

    @Test
    void powersWhoseValueOverOrUnderflowsKeepTheirFiniteDerivatives() {
        // x^1.5 at 4.9e-324 is 0 and at 1e300 is +∞, but 1.5·x^0.5 and 0.75·x^-0.5 are finite: the
        // recurrence y'·x = 1.5·y·x' would have lost them with y
        double tiny = Double.MIN_VALUE;
        double[] d = Forward.derivatives(x.pow(1.5), x, tiny, 2);
        assertEquals(0.0, d[0]);
        close(1.5 * Math.sqrt(tiny), d[1], "(x^1.5)' at 4.9e-324");
        close(0.75 / Math.sqrt(tiny), d[2], "(x^1.5)'' at 4.9e-324");
        d = Forward.derivatives(x.pow(1.5), x, 1e300, 2);
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        close(1.5e150, d[1], "(x^1.5)' at 1e300");
        close(0.75e-150, d[2], "(x^1.5)'' at 1e300");
        // a variable exponent: (2y)^1.87 at y = 1e-300 underflows, its derivative 3.74·(2e-300)^0.87 does not
        Variable z = Expr.variable("z");
        double b = 1.8722681549716471;
        double[] e = Forward.derivatives(y.plus(y).pow(z), y, Map.of(z, b), 1e-300, 1);
        close(2 * b * Math.pow(2e-300, b - 1), e[1], "∂/∂y (2y)^z");
    }

    @Test
    void hypotOfATinyAndAHugeOperandKeepsTheSecondDerivativeInTheTinyOne() {
        // ∂²/∂x² hypot(x, y) = y²/r³ = 1/r at x = 4.9e-324, y = 1e300: 1e-300
        double[] d = Forward.derivatives(x.hypot(y), x, Map.of(y, 1e300), Double.MIN_VALUE, 2);
        close(1e-300, d[2], "hypot'' in the tiny operand");
        assertEquals(Forward.of(x.hypot(y), x, y).hessian(Double.MIN_VALUE, 1e300)[0][0], d[2]);
    }

    @Test
    void expm1DerivativesBelowZeroAreTheExponential() {
        for (double a : new double[] {-40, -30}) {
            double[] d = Forward.derivatives(x.expm1(), x, a, 10);
            for (int k = 1; k <= 10; k++) {
                close(Math.exp(a), d[k], "expm1^(" + k + ")(" + a + ")");
            }
        }
        close(4.2483542552915889953e-18, Forward.derivatives(x.expm1(), x, -40, 1)[1], "reference at -40");
    }

    @Test
    void asinhOfAHugeArgumentNeitherUnderflowsNorGivesNaN() {
        // asinh(e^x) at 400: f' = 1/√(1 + e^-800) = 1, f'' = e^x/(1 + e^2x)^(3/2) ≈ e^-800: 0 in double
        double[] d = Forward.derivatives(x.exp().asinh(), x, 400, 3);
        assertEquals(1, d[1], 0.0, "f'");
        assertEquals(0, d[2], 0.0, "f''");
        assertTrue(Double.isFinite(d[3]), "f''' " + d[3]);
    }

    @Test
    void atan2OfTinyArgumentsIsScaledBeforeSquaring() {
        // atan2(x, b) at a: f' = b/(a² + b²) = 1e-170/5e-340; f'' = -2ab/(a² + b²)² ≈ -1.6e339 overflows
        double[] d = Forward.derivatives(x.atan2(Expr.constant(1e-170)), x, 2e-170, 2);
        close(2e169, d[1], "f'");
        assertEquals(Double.NEGATIVE_INFINITY, d[2], "f'' overflows, as its true value does");
    }

    @Test
    void compositionThroughAHugeAsinhHasItsSecondDerivative() {
        Expr f = x.sin().div(x.log()).pow(2).expm1().asinh();
        double[] d = Forward.derivatives(f, x, 0.96136, 2);
        close(433.67010360911306477, d[0], "f");
        close(23462.742540241876135, d[1], "f'");
        close(1849745.6868033426786, d[2], "f''");
    }

    @Test
    void inverseFunctionsNearOneUseTheExactFactoredForm() {
        double a = 1 - 0x1p-30;
        double[][] expected = {
            {1.5707531684220181142, 23170.475011315585891, 12439554045005.590162, 2.0035304178156209224e+22,
                5.37818601332902813e+31, 2.0211741409440105718e+41, 9.7659864393070322604e+50},
            {0.000043158372878505019129, -23170.475011315585891, -12439554045005.590162, -2.0035304178156209224e+22,
                -5.37818601332902813e+31, -2.0211741409440105718e+41, -9.7659864393070322604e+50},
            {10.743781298446321652, 536870912.25000000012, 576460752303423487.87, 1.2379400392853802749e+27,
                3.9876839873547476187e+36, 1.7126972312471518573e+46, 9.1949732451953331502e+55},
        };
        List<Expr> fs = List.of(x.asin(), x.acos(), x.atanh());
        for (int i = 0; i < fs.size(); i++) {
            double[] d = Forward.derivatives(fs.get(i), x, a, 6);
            for (int k = 0; k <= 6; k++) {
                close(expected[i][k], d[k], fs.get(i) + " order " + k);
            }
        }
        double[] acosh = {0.000043158372871805957972, 23170.475000525992672, -12439554050798.208913,
            2.0035304181266097736e+22, -5.3781860138299107345e+31, 2.0211741410784652222e+41, -9.7659864398123257957e+50};
        double[] d = Forward.derivatives(x.acosh(), x, 1 + 0x1p-30, 6);
        for (int k = 0; k <= 6; k++) {
            close(acosh[k], d[k], "acosh order " + k);
        }
        double[] atanhMinus = {-10.743781298446321652, 536870912.25000000012, -576460752303423487.87,
            1.2379400392853802749e+27, -3.9876839873547476187e+36, 1.7126972312471518573e+46, -9.1949732451953331502e+55};
        d = Forward.derivatives(x.atanh(), x, -1 + 0x1p-30, 6);
        for (int k = 0; k <= 6; k++) {
            close(atanhMinus[k], d[k], "atanh near -1, order " + k);
        }
    }

    @Test
    void cubeRootAtZeroFollowsTheDocumentedInfiniteDerivative() {
        double[] d = Forward.derivatives(x.cbrt(), x, 0, 2);
        assertEquals(Double.POSITIVE_INFINITY, d[1], "cbrt'(0) = +∞ as Primitive.CBRT documents");
        assertEquals(Forward.of(x.cbrt(), x).hessian(0)[0][0], d[2], "f'' as the compiled Hessian");
    }

    @Test
    void aVariableHeldFixedAtASingularPointContributesNothing() {
        // ∂/∂x of x·y + sqrt(y) at y = 0: sqrt(y) does not move with x, so its infinite slope never enters
        double[] d = Forward.derivatives(x.times(y).plus(y.sqrt()), x, Map.of(y, 0.0), 1.5, 4);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), java.util.Arrays.stream(d).boxed().toList());
    }

    /** The documented conventions: Taylor's f' and f'' equal the compiled gradient and Hessian. */
    @Test
    void firstAndSecondDerivativesFollowTheCompiledConventionsAtEdgePoints() {
        Object[][] cases = {
            {x.abs(), 0.0}, {x.times(x).abs(), 0.0}, {x.max(Expr.constant(1)), 1.0}, {x.min(x.times(2).minus(1)), 1.0},
            {x.max(x.square()), 0.0}, {x.sqrt(), 0.0}, {x.cbrt(), 0.0}, {x.square().sqrt(), 0.0},
            {x.plus(x.square()).sqrt(), 0.0}, {x.pow(0.5), 0.0}, {x.pow(1.5), 0.0}, {x.pow(2.5), 0.0},
            {x.pow(x), 0.0}, {x.pow(x.plus(1)), 0.0}, {x.pow(Expr.constant(0)), 0.0}, {Expr.constant(0).pow(x), 1.0},
            {x.atan2(x), 0.0}, {x.hypot(x.times(2)), 0.0}, {x.asin(), 1.0}, {x.acos(), -1.0}, {x.acosh(), 1.0},
            {Expr.ifElse(x.lessThan(1), x.square(), x.times(3)), 1.0},
            {Expr.ifElse(x.lessOrEqual(1), x.square(), x.times(3)), 1.0},
            {Expr.ifElse(x.greaterThan(0), x.log(), x.square()), 0.0},
        };
        for (Object[] c : cases) {
            Expr f = (Expr) c[0];
            double a = (double) c[1];
            double[] taylor = Forward.derivatives(f, x, a, 2);
            Differentiable compiled = Forward.of(f, x); // reverse mode: ModeAgreementPropertyTest, TaylorPropertyTest
            same(compiled.value(a), taylor[0], f + " value at " + a);
            same(compiled.gradient(a)[0], taylor[1], f + " f' at " + a);
            same(compiled.hessian(a)[0][0], taylor[2], f + " f'' at " + a);
        }
    }

    private static void same(double expected, double actual, String what) {
        if (!Double.isFinite(expected) || expected == 0) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-14 * Math.abs(expected), what);
        }
    }
}
