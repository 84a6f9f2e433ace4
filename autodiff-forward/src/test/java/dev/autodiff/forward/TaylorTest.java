package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Taylor-mode derivatives against closed forms to order 20, Hipparchus to order 8, and nested duals
 * to order 4.
 *
 * <p>Comparisons are on normalized coefficients {@code f^(k)/k!}, the quantities the recurrences
 * compute. Their rounding error is a few ulps of the largest term summed, which for a function
 * analytic in a disc of radius R around the point is of order {@code R^-k}; so the tolerance is
 * {@code 1e-12·(|c_k| + R^-k)}: about a thousand ulps, room for the O(k) terms summed at order 20.
 */
class TaylorTest {
    private static final int ORDER = 20;
    private final Variable x = Expr.variable("x");

    /** Checks derivatives {@code d} against {@code expected(k)} for k = 0 … order with radius r. */
    private static void matches(double[] d, IntToDoubleFunction expected, double radius) {
        double factorial = 1;
        for (int k = 0; k < d.length; k++) {
            factorial *= Math.max(k, 1);
            double e = expected.applyAsDouble(k) / factorial;
            double got = d[k] / factorial;
            double tol = 1e-12 * (Math.abs(e) + Math.pow(radius, -k));
            assertEquals(e, got, tol, "coefficient " + k);
        }
    }

    private double[] taylor(Expr f, double at) {
        return Forward.derivatives(f, x, at, ORDER);
    }

    private static double fallingFactorial(double p, int k) {
        double r = 1;
        for (int i = 0; i < k; i++) {
            r *= p - i;
        }
        return r;
    }

    @Test
    void elementaryFunctionsMatchClosedFormsToOrderTwenty() {
        double a = 0.7;
        matches(taylor(x.times(2).exp(), a), k -> Math.pow(2, k) * Math.exp(2 * a), 1);
        matches(taylor(x.times(3).sin(), a), k -> Math.pow(3, k) * Math.sin(3 * a + k * Math.PI / 2), 1.0 / 3);
        matches(taylor(x.log(), a), k -> k == 0 ? Math.log(a) : fallingFactorial(-1, k - 1) * Math.pow(a, -k), a);
        matches(taylor(Expr.constant(1).div(x), a), k -> fallingFactorial(-1, k) * Math.pow(a, -1 - k), a);
        matches(taylor(x.sqrt(), a), k -> fallingFactorial(0.5, k) * Math.pow(a, 0.5 - k), a);
    }

    @Test
    void compositionsMatchClosedFormsToOrderTwenty() {
        double a = 1.3;
        // √(eˣ) = e^(x/2)
        matches(taylor(x.exp().sqrt(), a), k -> Math.pow(0.5, k) * Math.exp(a / 2), 1);
        // exp(2 ln x) = x²
        matches(taylor(x.log().times(2).exp(), a), k -> k == 0 ? a * a : k == 1 ? 2 * a : k == 2 ? 2 : 0, a);
        // 1/eˣ = e^-x
        matches(taylor(Expr.constant(1).div(x.exp()), a), k -> Math.pow(-1, k) * Math.exp(-a), 1);
        // ln(exp(sin x)) = sin x
        matches(taylor(x.sin().exp().log(), a), k -> Math.sin(a + k * Math.PI / 2), 1);
        // 1/√x = x^-1/2 and √x·√x = x, 1/(1/x) = x
        matches(taylor(Expr.constant(1).div(x.sqrt()), a), k -> fallingFactorial(-0.5, k) * Math.pow(a, -0.5 - k), a);
        matches(taylor(x.sqrt().times(x.sqrt()), a), k -> k == 0 ? a : k == 1 ? 1 : 0, a);
        matches(taylor(Expr.constant(1).div(Expr.constant(1).div(x)), a), k -> k == 0 ? a : k == 1 ? 1 : 0, a);
        // sin²x + cos²x = 1
        matches(taylor(x.sin().square().plus(x.cos().square()), a), k -> k == 0 ? 1 : 0, 1);
    }

    @Test
    void compositionMatchesHipparchusToOrderSixteen() {
        // exp(sin x)/x + √(1 + x²) has no simple closed form; Hipparchus computes it independently.
        // Hipparchus 4.0.3's sin loses accuracy above order 16 (checked against 40-digit mpmath:
        // coefficient 17 of exp(sin x) at 0.9 is -4.88408839938959e-6, as here, not its -5.49e-7).
        int order = 16;
        double a = 0.4;
        Expr f = x.sin().exp().div(x).plus(x.square().plus(1).sqrt());
        DerivativeStructure t = new DSFactory(1, order).variable(0, a);
        DerivativeStructure expected = t.sin().exp().divide(t).add(t.square().add(1).sqrt());
        matches(Forward.derivatives(f, x, a, order), expected::getPartialDerivative, a);
    }

    @Test
    void expOfSineMatchesHighPrecisionReferenceAtOrderTwenty() {
        // Taylor coefficients 17…20 of exp(sin x) at 0.9, from mpmath.taylor with 40 digits
        double[] reference = {-4.8840883993895937e-6, 1.578181293218805e-7, 6.7022475634987026e-7, 6.6379680500448301e-8};
        double[] d = taylor(x.sin().exp(), 0.9);
        double factorial = 1;
        for (int k = 1; k <= ORDER; k++) {
            factorial *= k;
            if (k >= 17) {
                assertEquals(reference[k - 17], d[k] / factorial, 1e-12, "coefficient " + k);
            }
        }
    }

    /** Every primitive applied to a non-trivial series, against Hipparchus at order 8. */
    @Test
    void everyPrimitiveMatchesHipparchus() {
        int order = 8;
        double a = 0.35;
        Function<Expr, Expr> g = e -> e.sin().times(0.3).plus(0.2);
        Function<DerivativeStructure, DerivativeStructure> dg = d -> d.sin().multiply(0.3).add(0.2);
        Function<Expr, Expr> h = e -> e.cos().times(0.5).plus(0.9);
        Function<DerivativeStructure, DerivativeStructure> dh = d -> d.cos().multiply(0.5).add(0.9);
        DerivativeStructure t = new DSFactory(1, order).variable(0, a);
        DerivativeStructure u = dg.apply(t);
        DerivativeStructure v = dh.apply(t);
        Expr p = g.apply(x);
        Expr q = h.apply(x);
        Object[][] cases = {
            {p.exp(), u.exp()}, {p.log(), u.log()}, {p.log10(), u.log10()}, {p.log1p(), u.log1p()},
            {p.expm1(), u.expm1()}, {p.sqrt(), u.sqrt()}, {p.cbrt(), u.cbrt()}, {p.sin(), u.sin()},
            {p.cos(), u.cos()}, {p.tan(), u.tan()}, {p.asin(), u.asin()}, {p.acos(), u.acos()},
            {p.atan(), u.atan()}, {p.sinh(), u.sinh()}, {p.cosh(), u.cosh()}, {p.tanh(), u.tanh()},
            {p.asinh(), u.asinh()}, {q.plus(1).acosh(), v.add(1).acosh()}, {p.atanh(), u.atanh()},
            {p.unaryMinus().abs(), u.negate().abs()}, {p.pow(2.5), u.pow(2.5)}, {p.minus(1).pow(3), u.subtract(1).pow(3)},
            {p.minus(1).pow(-2), u.subtract(1).pow(-2)}, {p.pow(q), u.pow(v)}, {p.atan2(q), u.atan2(v)},
            {p.hypot(q), u.hypot(v)}, {p.div(q), u.divide(v)}, {p.times(q), u.multiply(v)},
            {p.minus(q), u.subtract(v)}, {p.max(q), v}, {p.min(q), u},
        };
        for (Object[] c : cases) {
            DerivativeStructure e = (DerivativeStructure) c[1];
            double[] d = Forward.derivatives((Expr) c[0], x, a, order);
            for (int k = 0; k <= order; k++) {
                double ek = e.getPartialDerivative(k);
                assertEquals(ek, d[k], 1e-11 * Math.max(1, Math.abs(ek)), c[0] + " order " + k);
            }
        }
    }

    @Test
    void integerPowerOfZeroBaseHasExactCoefficients() {
        // (2x)^3 at 0: the recurrence would divide by 0; repeated squaring gives 0, 0, 0, 48, 0…
        double[] d = Forward.derivatives(x.times(2).pow(3), x, 0, 5);
        assertEquals(java.util.List.of(0.0, 0.0, 0.0, 48.0, 0.0, 0.0), java.util.Arrays.stream(d).boxed().toList());
    }

    @Test
    void customOperationWithAllDerivativesComposesByFaaDiBruno() {
        // a custom exponential whose k-th derivative is itself, against the built-in one
        CustomOperation myExp = CustomOperation.of("myexp", Math::exp, (t, g) -> g * Math.exp(t))
                .withDerivatives((t, order) -> {
                    double[] all = new double[order + 1];
                    java.util.Arrays.fill(all, Math.exp(t));
                    return all;
                });
        double a = 0.9;
        double[] custom = taylor(myExp.invoke(x.sin()), a);
        double[] builtIn = taylor(x.sin().exp(), a);
        matches(custom, k -> builtIn[k], 1);
    }

    @Test
    void customOperationWithoutHigherDerivativesIsNamed() {
        CustomOperation op = CustomOperation.of("smoothRelu", t -> Math.log1p(Math.exp(t)), (t, g) -> g / (1 + Math.exp(-t)));
        assertEquals(Math.log1p(Math.exp(0.5)), Forward.derivatives(op.invoke(x), x, 0.5, 1)[0], 0.0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Forward.derivatives(op.invoke(x), x, 0.5, 3));
        assertTrue(e.getMessage().contains("smoothRelu"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Forward.derivatives(x, x, 1, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(x.times(Expr.variable("y")), x, 1, 2));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
    }

    /** The same function as an expression and over duals, for the nested-dual comparison. */
    private static Expr mixed(Expr x) {
        return x.sin().exp().times(x.sqrt()).div(x.square().plus(1)).plus(x.atan().times(x.log())).plus(x.tanh().pow(3));
    }

    private static Dual mixed(Dual x) {
        return x.sin().exp().times(x.sqrt()).div(x.square().plus(1)).plus(x.atan().times(x.log())).plus(x.tanh().pow(3));
    }

    @Test
    void agreesWithNestedDualsToOrderFour() {
        double a = 0.8;
        double[] taylor = Forward.derivatives(mixed(x), x, a, 4);
        DualFunction f = TaylorTest::mixed;
        for (int k = 1; k <= 4; k++) {
            DualFunction inner = f;
            f = v -> Forward.derivative(inner, v);
            double nested = Forward.derivative(inner, a);
            // nested duals sum their Taylor terms in another order: agreement to a few hundred ulps
            assertEquals(taylor[k], nested, 1e-12 * Math.max(1, Math.abs(taylor[k])), "order " + k);
        }
    }
}
