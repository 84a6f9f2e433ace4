package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The special functions as primitives in every mode: values against Hipparchus, derivatives against
 * central differences and closed forms, the tails at ±800, and the laws tying them together.
 */
class SpecialPrimitivesTest {
    private final Variable x = Expr.variable("x");

    private List<Differentiable> modes(Expr e) {
        return List.of(Reverse.of(e, x), Forward.of(e, x));
    }

    /** Richardson-extrapolated central difference of a smooth function; error O(h⁴). */
    private static double fd(java.util.function.DoubleUnaryOperator f, double at) {
        double h = 1e-3 * Math.max(1, Math.abs(at));
        double d1 = (f.applyAsDouble(at + h) - f.applyAsDouble(at - h)) / (2 * h);
        double d2 = (f.applyAsDouble(at + h / 2) - f.applyAsDouble(at - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }

    @Test
    void valuesAgreeWithHipparchusAndDerivativesWithDifferences() {
        record Case(String name, UnaryOperator<Expr> build, java.util.function.DoubleUnaryOperator oracle, double[] points) {}
        List<Case> cases = List.of(
                new Case("sigmoid", Expr::sigmoid, t -> 1 / (1 + Math.exp(-t)), new double[] {-5, -0.3, 0, 0.7, 4}),
                new Case("softplus", Expr::softplus, t -> Math.log1p(Math.exp(t)), new double[] {-5, -0.3, 0, 0.7, 4}),
                new Case("erf", Expr::erf, Erf::erf, new double[] {-2, -0.3, 0, 0.7, 1.9}),
                new Case("erfc", Expr::erfc, Erf::erfc, new double[] {-2, -0.3, 0, 0.7, 3}),
                new Case("lgamma", Expr::lgamma, Gamma::logGamma, new double[] {0.3, 1.5, 2.5, 7, 40}),
                new Case("digamma", Expr::digamma, Gamma::digamma, new double[] {0.3, 1.5, 2.5, 7, 40}),
                new Case("trigamma", Expr::trigamma, Gamma::trigamma, new double[] {0.3, 1.5, 2.5, 7, 40}));
        for (Case c : cases) {
            for (Differentiable f : modes(c.build().apply(x))) {
                for (double t : c.points()) {
                    double v = f.value(t);
                    // Hipparchus' digamma is within 3e-9 below 49 (measured against 60-digit values)
                    double tol = c.name().equals("digamma") ? 1e-8 : 1e-13;
                    assertEquals(c.oracle().applyAsDouble(t), v, tol * Math.max(1, Math.abs(v)), c.name() + " at " + t);
                    // central differences with Richardson: truncation ~h⁴·f⁽⁵⁾, rounding ~eps/h: 1e-9 relative
                    double g = f.gradient(t)[0];
                    assertEquals(fd(u -> f.value(u), t), g, 1e-8 * Math.max(1, Math.abs(g)), c.name() + "' at " + t);
                    double h = f.hessian(t)[0][0];
                    assertEquals(fd(u -> f.gradient(u)[0], t), h, 1e-7 * Math.max(1, Math.abs(h)), c.name() + "'' at " + t);
                }
            }
        }
    }

    @Test
    void sigmoidAndSoftplusAreFiniteFarInTheirTailsInEveryMode() {
        for (UnaryOperator<Expr> build : List.<UnaryOperator<Expr>>of(Expr::sigmoid, Expr::softplus)) {
            Expr e = build.apply(x);
            double[][] reference = null;
            for (Differentiable f : modes(e)) {
                double[][] got = new double[2][];
                for (int k = 0; k < 2; k++) {
                    double t = k == 0 ? -800 : 800;
                    double[] taylor = Forward.derivatives(e, x, t, 2);
                    got[k] = new double[] {f.value(t), f.gradient(t)[0], f.hessian(t)[0][0], taylor[0], taylor[1], taylor[2]};
                    for (double d : got[k]) {
                        assertTrue(Double.isFinite(d), e + " at " + t + ": " + java.util.Arrays.toString(got[k]));
                    }
                    assertEquals(got[k][0], got[k][3], "Taylor's value is the table's");
                    assertEquals(got[k][1], got[k][4], "Taylor's first derivative at " + t);
                    assertEquals(got[k][2], got[k][5], "Taylor's second derivative at " + t);
                }
                if (reference != null) {
                    assertArrayEquals(reference[0], got[0], "forward and reverse at -800");
                    assertArrayEquals(reference[1], got[1], "forward and reverse at 800");
                }
                reference = got;
            }
        }
        assertEquals(800.0, Reverse.of(x.softplus(), x).value(800));
        assertEquals(1.0, Reverse.of(x.sigmoid(), x).value(800));
        assertEquals(1.0, Reverse.of(x.softplus(), x).gradient(800)[0]);
    }

    @Test
    void lawsHoldInValueAndDerivative() {
        Expr one = x.sigmoid().plus(x.unaryMinus().sigmoid());
        Expr alsoOne = x.erf().plus(x.erfc());
        Expr recurrence = x.plus(1).lgamma().minus(x.lgamma()).minus(x.log());
        for (double t : new double[] {0.3, 1.7, 4.2, 9.5}) {
            for (Expr e : List.of(one, alsoOne)) {
                Differentiable f = Reverse.of(e, x);
                assertEquals(1.0, f.value(t), 4e-16, e.toString());
                assertEquals(0.0, f.gradient(t)[0], 1e-15, e + "'");
            }
            Differentiable g = Forward.of(recurrence, x);
            assertEquals(0.0, g.value(t), 1e-14 * Math.abs(Reverse.of(x.lgamma(), x).value(t) + 1));
            assertEquals(0.0, g.gradient(t)[0], 1e-13);
        }
        // the derivative of lgamma is digamma, of polygamma(n) polygamma(n + 1), to the bit
        assertEquals(Reverse.of(x.digamma(), x).value(2.5), Reverse.of(x.lgamma(), x).gradient(2.5)[0]);
        assertEquals(Reverse.of(x.polygamma(3), x).value(2.5), Reverse.of(x.polygamma(2), x).gradient(2.5)[0]);
    }

    @Test
    void namesPrintAndParseBack() {
        for (Expr e : List.of(x.sigmoid(), x.softplus(), x.erf(), x.erfc(), x.lgamma(), x.digamma(), x.trigamma(), x.polygamma(4))) {
            assertEquals(e, Expr.parse(e.toString()), e.toString());
        }
        assertEquals("digamma(x)", x.digamma().toString());
        assertEquals("trigamma(x)", x.trigamma().toString());
        assertEquals(x.polygamma(2), Expr.parse("polygamma(2, x)"));
        assertThrows(IllegalArgumentException.class, () -> x.polygamma(-1));
        assertThrows(dev.autodiff.core.ParseException.class, () -> Expr.parse("polygamma(x, x)"));
        assertThrows(dev.autodiff.core.ParseException.class, () -> Expr.parse("polygamma(1.5, x)"));
    }
}
