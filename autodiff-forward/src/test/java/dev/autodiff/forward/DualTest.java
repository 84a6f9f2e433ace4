package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * The numeric dual type: derivatives against closed forms and against compiled forward mode, and
 * nesting without perturbation confusion (Siskind and Pearlmutter, "Perturbation confusion and
 * referential transparency", 2005; Manzyuk et al., 2012).
 *
 * <p>Tolerance 1e-13 relative: a handful of operations evaluated in a different order.
 */
class DualTest {
    private static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void innerDerivativeDoesNotLeakIntoOuter() {
        // d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1; perturbation confusion would give 2
        for (double x0 : new double[] {-2, 0, 0.5, 3}) {
            double d = Forward.derivative(x -> x.times(Forward.derivative(y -> x.plus(y), Dual.constant(1))), x0);
            assertEquals(1.0, d, 0.0);
        }
    }

    @Test
    void innerDerivativeOfAProductWithTheOuterVariable() {
        // d/dx [x · (d/dy (x·y))|y=2] = d/dx x² = 2x
        double x0 = 1.7;
        double d = Forward.derivative(x -> x.times(Forward.derivative(y -> x.times(y), Dual.constant(2))), x0);
        close(2 * x0, d);
    }

    @Test
    void closureCapturingTheOuterDualAtTheOuterPoint() {
        // g(y) = sin(x·y) captures x; d/dy g at y = x is x·cos(x²); its x-derivative is cos(x²) - 2x² sin(x²)
        double x0 = 0.9;
        double d = Forward.derivative(x -> {
            DualFunction g = y -> x.times(y).sin();
            return Forward.derivative(g, x);
        }, x0);
        close(Math.cos(x0 * x0) - 2 * x0 * x0 * Math.sin(x0 * x0), d);
    }

    @Test
    void threeNestedCallsEachSeeOnlyTheirOwnVariable() {
        // d/dx d/dy d/dz (x·y·z + x·z²) at (x, y, z) = d/dx d/dy (x·y + 2x·z) = d/dx x = 1
        double d = Forward.derivative(x -> Forward.derivative(y -> Forward.derivative(
                z -> x.times(y).times(z).plus(x.times(z.square())), Dual.constant(0.3)), Dual.constant(-1.1)), 2.5);
        assertEquals(1.0, d, 0.0);
    }

    @Test
    void nestedSecondDerivativeMatchesClosedForm() {
        // (x·sin x)'' = 2 cos x - x sin x, and the fourth: -4 cos x + x sin x... checked by Taylor too
        double x0 = 0.6;
        DualFunction f = x -> x.times(x.sin());
        DualFunction df = x -> Forward.derivative(f, x);
        close(2 * Math.cos(x0) - x0 * Math.sin(x0), Forward.derivative(df, x0));
        DualFunction d2 = x -> Forward.derivative(df, x);
        DualFunction d3 = x -> Forward.derivative(d2, x);
        close(x0 * Math.sin(x0) - 4 * Math.cos(x0), Forward.derivative(d3, x0));
    }

    @Test
    void gradientMatchesCompiledForwardMode() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.times(y).sin().plus(x.div(y.exp())).plus(x.pow(3)).plus(y.atan2(x)).plus(x.hypot(y).log());
        Differentiable compiled = Forward.of(e, x, y);
        MultivariateDualFunction f = v -> v[0].times(v[1]).sin().plus(v[0].div(v[1].exp())).plus(v[0].pow(3))
                .plus(v[1].atan2(v[0])).plus(v[0].hypot(v[1]).log());
        double[] p = {-1.3, 0.7};
        double[] g = compiled.gradient(p);
        double[] dg = Forward.gradient(f, p);
        close(g[0], dg[0]);
        close(g[1], dg[1]);
    }

    @Test
    void nestedGradientsGiveTheCompiledHessian() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.square().times(y.sin()).plus(x.times(-0.5).exp()).plus(x.div(y)).plus(x.pow(y));
        MultivariateDualFunction f = v -> v[0].square().times(v[1].sin()).plus(v[0].times(-0.5).exp())
                .plus(v[0].div(v[1])).plus(v[0].pow(v[1]));
        double[] p = {1.4, 0.8};
        double[][] h = Forward.of(e, x, y).hessian(p);
        for (int i = 0; i < 2; i++) {
            int row = i;
            double[] hi = Forward.gradient(v -> Forward.gradient(f, v)[row], p);
            close(h[i][0], hi[0]);
            close(h[i][1], hi[1]);
        }
    }

    @Test
    void everyFunctionHasTheTableDerivative() {
        // each method against the compiled expression of the same primitive
        Variable x = Expr.variable("x");
        double a = 0.45;
        Object[][] cases = {
            {x.exp(), (DualFunction) Dual::exp}, {x.log(), (DualFunction) Dual::log}, {x.log10(), (DualFunction) Dual::log10},
            {x.log1p(), (DualFunction) Dual::log1p}, {x.expm1(), (DualFunction) Dual::expm1}, {x.sqrt(), (DualFunction) Dual::sqrt},
            {x.cbrt(), (DualFunction) Dual::cbrt}, {x.sin(), (DualFunction) Dual::sin}, {x.cos(), (DualFunction) Dual::cos},
            {x.tan(), (DualFunction) Dual::tan}, {x.asin(), (DualFunction) Dual::asin}, {x.acos(), (DualFunction) Dual::acos},
            {x.atan(), (DualFunction) Dual::atan}, {x.sinh(), (DualFunction) Dual::sinh}, {x.cosh(), (DualFunction) Dual::cosh},
            {x.tanh(), (DualFunction) Dual::tanh}, {x.asinh(), (DualFunction) Dual::asinh},
            {x.plus(1).acosh(), (DualFunction) v -> v.plus(1).acosh()}, {x.atanh(), (DualFunction) Dual::atanh},
            {x.unaryMinus().abs(), (DualFunction) v -> v.unaryMinus().abs()}, {x.sigmoid(), (DualFunction) Dual::sigmoid},
            {x.max(0.3), (DualFunction) v -> v.max(0.3)}, {x.min(0.3), (DualFunction) v -> v.min(0.3)},
            {x.minus(2).div(3).times(x), (DualFunction) v -> v.minus(2).div(3).times(v)},
        };
        for (Object[] c : cases) {
            Expr e = (Expr) c[0];
            DualFunction f = (DualFunction) c[1];
            double[] taylor = Forward.derivatives(e, x, a, 2);
            close(taylor[0], f.apply(Dual.constant(a)).value());
            close(taylor[1], Forward.derivative(f, a));
            // the second derivative exercises the nested (Taylor-table) path of each function
            assertEquals(taylor[2], Forward.derivative(v -> Forward.derivative(f, v), a),
                    1e-12 * Math.max(1, Math.abs(taylor[2])), e.toString());
        }
    }

    @Test
    void conventionsAtNonDifferentiablePointsAreThoseOfTheTable() {
        assertEquals(0.0, Forward.derivative(Dual::abs, 0), 0.0);
        assertEquals(12.0, Forward.derivative(v -> v.pow(3), -2), 0.0);
        assertEquals(0.5, Forward.derivative(v -> v.max(1), 1), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Forward.derivative(Dual::sqrt, 0));
        // a variable that does not reach the infinite partial keeps an exact derivative
        assertEquals(1.0, Forward.gradient(v -> v[0].sqrt().plus(v[1]), 0, 5)[1], 0.0);
    }

    @Test
    void aQuotientByATinyDivisorGivesTheRepresentableDerivative() {
        // The cbrt(x·((e^(-z) + 0.1)^0.75 / hypot(cos 0.001, 0.5)^(x/0.001)) / y): the
        // quotient's partial -a/b² (about -1e348) overflows while its product with the tangent of b
        // does not. Reference: mpmath at 60 digits (QuotientOverflowTest in autodiff-reverse);
        // 1e-12 relative, as there: the exponent -3587 amplifies a rounding about 400 times.
        double[] g = Forward.gradient(v -> {
            Dual c = v[0].newConstant(Math.cos(0.001)).hypot(0.5);
            return v[0].times(v[2].unaryMinus().exp().plus(0.1).pow(0.75).div(c.pow(v[0].div(0.001)))).div(v[1]).cbrt();
        }, -3.587, -1.130, -1.168);
        double[] reference = {-6.3782342243897631165e59, 5.0464434364026742554e57, -4.1478670030957806216e57};
        for (int i = 0; i < 3; i++) {
            assertEquals(reference[i], g[i], 1e-12 * Math.abs(reference[i]), "partial " + i);
        }
        // a/(b + 1e-300·t) at t = 0 with a = 1e200, b = 1e-100: -a·1e-300/b² = -1e100, while -a/b²
        // overflows; and with the outer variable s in the tangent, d/ds d/dt a/(b + 1e-300·s·t) = -1e100
        assertEquals(-1e100, Forward.derivative(t -> t.times(1e-300).plus(1e-100).newConstant(1e200)
                .div(t.times(1e-300).plus(1e-100)), 0), 1e-14 * 1e100);
        double mixed = Forward.derivative(s -> Forward.derivative(t -> s.newConstant(1e200)
                .div(t.times(s).times(1e-300).plus(1e-100)), Dual.constant(0)), 1);
        assertEquals(-1e100, mixed, 1e-14 * 1e100);
    }

    @Test
    void doubleOverloadsReadLikeOperators() {
        // what Kotlin writes as (x * 2.0 + 1.0) / (x - 3.0) and -x
        double x0 = 1.5;
        close((2.0 * (x0 - 3) - (2 * x0 + 1)) / ((x0 - 3) * (x0 - 3)),
                Forward.derivative(v -> v.times(2.0).plus(1.0).div(v.minus(3.0)), x0));
        close(-1, Forward.derivative(Dual::unaryMinus, x0));
    }

    @Test
    void nullFunctionResultIsReported() {
        assertThrows(NullPointerException.class, () -> Forward.derivative(v -> null, 1.0));
        assertThrows(NullPointerException.class, () -> Forward.gradient(v -> v[0], (double[]) null));
    }
}
