package dev.autodiff.core.internal.rules;

import static dev.autodiff.core.internal.rules.Checks.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autodiff.core.Primitive;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The Taylor rules of the special functions: coefficient 0 against the value functions (to the
 * bit), low orders against the closed-form derivatives, high orders against compositions of the
 * existing {@link TaylorRules}, the odd series of erf, ζ values, and the chain rule between series.
 */
class SpecialSeriesTest {
    private static final int D = 14;
    /** An argument series with every coefficient present and of both signs. */
    private static final double[] PATH = {0, 0.8, -0.35, 0.2, 0.07, -0.05, 0.03, 0.01, -0.004, 0.002, 0.001, -5e-4, 2e-4,
        1e-4, -5e-5};
    /**
     * Two O(d²) recurrences in double, each coefficient a sum of at most d products of earlier ones:
     * their difference is a few hundred ulps of the coefficients' scale at d = 14, 1e-13 of it.
     */
    private static final double SERIES = 1e-13;

    private interface Rule {
        void apply(double[] a, int ao, double[] y, int yo, int d, double[] w);
    }

    private static double[] path(double a0) {
        double[] a = PATH.clone();
        a[0] = a0;
        return a;
    }

    private static double[] run(Rule rule, double[] a, int d) {
        double[] y = new double[d + 1];
        rule.apply(a, 0, y, 0, d, new double[SpecialSeries.scratchLength(d)]);
        return y;
    }

    /** {@return the series of a unary or binary primitive applied through TaylorRules} */
    private static double[] taylor(Primitive op, double[] a, double[] b, int d) {
        double[] s = new double[3 * (d + 1)];
        System.arraycopy(a, 0, s, 0, d + 1);
        if (b != null) {
            System.arraycopy(b, 0, s, d + 1, d + 1);
        }
        TaylorRules.apply(op.ordinal(), 0, null, s, 0, b == null ? -1 : d + 1, 2 * (d + 1), d, new TaylorRules.Scratch(d));
        double[] y = new double[d + 1];
        System.arraycopy(s, 2 * (d + 1), y, 0, d + 1);
        return y;
    }

    private static double[] constant(double c, int d) {
        double[] s = new double[d + 1];
        s[0] = c;
        return s;
    }

    private static void assertSeries(String what, double[] expected, double[] actual, double tolerance) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tolerance * scale, what + " coefficient " + k);
        }
    }

    @Test
    void sigmoidSeriesEqualsOneOverOnePlusExpOfMinusA() {
        for (double a0 : new double[] {-6, -1.5, -0.1, 0, 0.3, 2, 7}) {
            double[] a = path(a0);
            double[] e = taylor(Primitive.EXP, taylor(Primitive.NEG, a, null, D), null, D);
            double[] expected = taylor(Primitive.DIV, constant(1, D), taylor(Primitive.ADD, constant(1, D), e, D), D);
            double[] actual = run(SpecialSeries::sigmoidSeries, a, D);
            assertEquals(SpecialFunctions.sigmoid(a0), actual[0], 0.0);
            assertSeries("sigmoid at " + a0, expected, actual, SERIES);
        }
    }

    @Test
    void softplusSeriesEqualsLogOfOnePlusExp() {
        for (double a0 : new double[] {-6, -1.5, 0, 0.3, 2, 7}) {
            double[] a = path(a0);
            double[] e = taylor(Primitive.EXP, a, null, D);
            double[] expected = taylor(Primitive.LOG1P, e, null, D);
            double[] actual = run(SpecialSeries::softplusSeries, a, D);
            assertEquals(SpecialFunctions.softplus(a0), actual[0], 0.0);
            assertSeries("softplus at " + a0, expected, actual, SERIES);
        }
    }

    @Test
    void erfSeriesAtZeroIsTheOddSeries() {
        // erf(t) = 2/√π Σ (-1)^n t^(2n+1)/(n!(2n+1)) (DLMF 7.6.1); the recurrence is exact in the
        // zeros and rounds ≈ k times by coefficient k: 1e-14 relative at order 40
        int d = 40;
        double[] a = constant(0, d);
        a[1] = 1;
        double[] y = run(SpecialSeries::erfSeries, a, d);
        double factorial = 1;
        for (int n = 0; 2 * n + 1 <= d; n++) {
            factorial *= Math.max(1, n);
            double expected = ErrorFunction.TWO_OVER_SQRT_PI * (n % 2 == 0 ? 1 : -1) / (factorial * (2 * n + 1));
            assertRelative("erf series " + (2 * n + 1), 0, expected, y[2 * n + 1], 1e-14);
            if (2 * n + 2 <= d) {
                assertEquals(0, y[2 * n + 2], 0.0);
            }
        }
        double[] c = run(SpecialSeries::erfcSeries, a, d);
        assertEquals(1, c[0], 0.0);
        for (int k = 1; k <= d; k++) {
            assertEquals(-y[k], c[k], 0.0);
        }
    }

    @Test
    void erfSeriesEqualsTheIntegralOfTheGaussianSeries() {
        // erf' = 2/√π·exp(-a²)·a': the Gaussian's series from TaylorRules (MUL, NEG, EXP), then
        // coefficient k of y is (1/k)·coefficient k-1 of that product with a'
        for (double a0 : new double[] {-3, -0.7, 0.2, 1.1, 4}) {
            double[] a = path(a0);
            double[] g = taylor(Primitive.EXP, taylor(Primitive.NEG, taylor(Primitive.MUL, a, a, D), null, D), null, D);
            double[] derivative = new double[D + 1];
            for (int k = 0; k < D; k++) {
                derivative[k] = (k + 1) * a[k + 1];
            }
            double[] product = taylor(Primitive.MUL, g, derivative, D);
            double[] expected = new double[D + 1];
            expected[0] = SpecialFunctions.erf(a0);
            for (int k = 1; k <= D; k++) {
                expected[k] = ErrorFunction.TWO_OVER_SQRT_PI * product[k - 1] / k;
            }
            assertSeries("erf at " + a0, expected, run(SpecialSeries::erfSeries, a, D), SERIES);
        }
    }

    @Test
    void lowOrdersAreTheClosedFormDerivatives() {
        // with A = a₀ + t, Y(1) = f'(a₀) and Y(2) = f''(a₀)/2: the same closed forms, a few ulps apart
        double tolerance = 1e-14;
        for (double a0 : new double[] {-3.3, -0.6, 0.25, 1, 1.4616, 2.7, 9.5, 40}) {
            double[] a = constant(a0, 2);
            a[1] = 1;
            double[] s = run(SpecialSeries::sigmoidSeries, a, 2);
            assertRelative("sigmoid'", a0, SpecialFunctions.sigmoidDerivative(a0), s[1], tolerance);
            assertRelative("sigmoid''", a0, SpecialFunctions.sigmoidSecond(a0) / 2, s[2], tolerance);
            double[] e = run(SpecialSeries::erfSeries, a, 2);
            assertRelative("erf'", a0, SpecialFunctions.erfDerivative(a0), e[1], tolerance);
            assertRelative("erf''", a0, SpecialFunctions.erfSecond(a0) / 2, e[2], tolerance);
            double[] l = run(SpecialSeries::lgammaSeries, a, 2);
            assertEquals(SpecialFunctions.lgamma(a0), l[0], 0.0);
            assertRelative("lgamma'", a0, SpecialFunctions.digamma(a0), l[1], tolerance);
            assertRelative("lgamma''", a0, SpecialFunctions.trigamma(a0) / 2, l[2], tolerance);
            for (int n = 0; n <= 4; n++) {
                int order = n;
                double[] p = new double[3];
                SpecialSeries.polygammaSeries(n, a, 0, p, 0, 2, new double[SpecialSeries.scratchLength(2)]);
                assertEquals(SpecialFunctions.polygamma(n, a0), p[0], 0.0);
                assertRelative("polygamma " + order + "'", a0, SpecialFunctions.polygamma(n + 1, a0), p[1], tolerance);
                assertRelative("polygamma " + order + "''", a0, SpecialFunctions.polygamma(n + 2, a0) / 2, p[2], tolerance);
            }
        }
    }

    @Test
    void lgammaSeriesHasTheZetaCoefficientsToHighOrder() {
        // lnΓ(a₀ + t) = lnΓ(a₀) + ψ(a₀)t + Σ_{k≥2} (-1)^k ζ(k, a₀)/k · t^k (DLMF 5.7.3 shifted): order 60,
        // where ψ⁽⁵⁹⁾(a₀) itself overflows for a₀ = 0.5, from 60-digit Hurwitz values
        int d = 60;
        for (double a0 : new double[] {0.5, 1.25, 3, -2.5}) {
            double[] a = constant(a0, d);
            a[1] = 1;
            double[] y = run(SpecialSeries::lgammaSeries, a, d);
            for (int k = 2; k <= d; k += 7) {
                BigDecimal expected = HighPrecision.hurwitz(k, a0).divide(BigDecimal.valueOf(k), MathContext.DECIMAL128);
                if (k % 2 == 1) {
                    expected = expected.negate();
                }
                // the scaled polygamma is within 2e-15 (1e-13 on the negative axis near no zero)
                assertRelative("lgamma series " + k, a0, expected, y[k], a0 > 0 ? 2e-15 : 1e-13);
            }
        }
    }

    @Test
    void chainRuleLinksTheLgammaAndPolygammaSeries() {
        // d/dt f(a(t)) = f'(a)·a': k·Y_f(k) = Σ_{j=1}^{k} j·A(j)·Y_f'(k-j), for f = lgamma (f' = ψ) and
        // f = ψ⁽ⁿ⁾ (f' = ψ⁽ⁿ⁺¹⁾): two independent Faà di Bruno compositions must agree
        for (double a0 : new double[] {0.3, 1.4616, 2.2, 6.5, -1.7}) {
            double[] a = path(a0);
            double[] w = new double[SpecialSeries.scratchLength(D)];
            double[] f = run(SpecialSeries::lgammaSeries, a, D);
            for (int n = -1; n <= 3; n++) {
                double[] g = new double[D + 1];
                SpecialSeries.polygammaSeries(n + 1, a, 0, g, 0, D, w);
                if (n >= 0) {
                    SpecialSeries.polygammaSeries(n, a, 0, f, 0, D, w);
                }
                double[] left = new double[D + 1];
                double[] right = new double[D + 1];
                for (int k = 1; k <= D; k++) {
                    left[k] = k * f[k];
                    right[k] = TaylorRules.chain(a, 0, g, 0, k) * k;
                }
                assertSeries("chain rule n = " + n + " at " + a0, right, left, SERIES);
            }
        }
    }

    @Test
    void farTailsPolesAndConstantsGiveNoNaN() {
        double[] w = new double[SpecialSeries.scratchLength(D)];
        for (double a0 : new double[] {-800, 800, -40, 40, 30}) {
            double[] a = path(a0);
            for (Rule rule : new Rule[] {SpecialSeries::sigmoidSeries, SpecialSeries::softplusSeries,
                    SpecialSeries::erfSeries, SpecialSeries::erfcSeries}) {
                double[] y = new double[D + 1];
                rule.apply(a, 0, y, 0, D, w);
                for (double v : y) {
                    assertFalse(Double.isNaN(v) || Double.isInfinite(v), "at " + a0);
                }
            }
        }
        // a constant argument at a pole: coefficient 0 is +∞ and the others stay exactly 0
        double[] pole = constant(-2, D);
        double[] y = run(SpecialSeries::lgammaSeries, pole, D);
        assertEquals(Double.POSITIVE_INFINITY, y[0]);
        for (int k = 1; k <= D; k++) {
            assertEquals(0, y[k], 0.0);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SpecialSeries.polygammaSeries(1995, path(1), 0, new double[D + 1], 0, D, w));
        assertThrows(IllegalArgumentException.class,
                () -> SpecialSeries.polygammaSeries(-1, path(1), 0, new double[D + 1], 0, D, w));
    }
}
