package dev.autodiff.core.internal.rules;

import static dev.autodiff.core.internal.rules.Checks.EPS;
import static dev.autodiff.core.internal.rules.Checks.assertRelative;
import static dev.autodiff.core.internal.rules.HighPrecision.MC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** digamma, trigamma and polygamma against 60-digit values, Hipparchus, laws and edge points. */
class PolygammaTest {
    /**
     * ψ on x > 0: the recurrence's sum of at most 10 reciprocals and the asymptotic series (≈ 2.3)
     * are each within 3 ulps; outside the root window |ψ| ≥ 0.097, so their difference cancels by at
     * most a factor (2.3 + 2.9)/0.097 ≈ 54: 54·3 ulps ≈ 3.6e-14. Inside it the Taylor series has no
     * cancellation (≤ 4 ulps).
     */
    private static final double DIGAMMA = 3.6e-14;
    /**
     * ψ⁽ⁿ⁾ on x > 0: a sum of positive terms, each from Math.pow (1 ulp), and one exponent-exact
     * product with n!/m! (exact for n ≤ 22): about 4 ulps, 2e-15 allowing for the sum's length.
     */
    private static final double POLYGAMMA = 2e-15;
    /** Terms that may cancel (reflection): the error is bounded by this many ulps of the largest. */
    private static final double REFLECTED = 8 * EPS;
    /**
     * Hipparchus 4.0.3 is the weaker side here. Measured against our 60-digit values, its digamma is
     * off by a nearly constant 2.9e-9 below x = 49 (the error of its asymptotic series at 49, carried
     * down by the recurrence) and its trigamma by up to 7e-14 absolute. These bounds, doubled, are
     * the tolerances; the accuracy of ours is asserted against the 60-digit values above.
     */
    private static final double HIPPARCHUS_DIGAMMA = 6e-9;
    private static final double HIPPARCHUS_TRIGAMMA = 1.5e-13;

    private static BigDecimal exactPolygamma(int n, double x) {
        BigDecimal z = HighPrecision.hurwitz(n + 1, x).multiply(HighPrecision.factorial(n), MC);
        return n % 2 == 1 ? z : z.negate();
    }

    @Test
    void digammaMatchesHighPrecisionValuesOnThePositiveAxis() {
        for (double x : Checks.grid(0.005, 30, 1500)) {
            assertRelative("digamma", x, HighPrecision.digamma(x), SpecialFunctions.digamma(x), DIGAMMA);
        }
        for (double x = 1e-300; x < 1e300; x *= 13.7) {
            assertRelative("digamma", x, HighPrecision.digamma(x), SpecialFunctions.digamma(x), DIGAMMA);
        }
    }

    @Test
    void digammaIsRelativelyAccurateThroughItsPositiveRoot() {
        double root = 1.4616321449683622;
        for (double d : new double[] {0, 1e-16, 3e-13, 1e-9, 2e-6, 1e-3, 0.03, 0.0999, 0.1001, 0.2}) {
            for (double x : new double[] {root + d, root - d, Math.nextUp(root + d), Math.nextDown(root - d)}) {
                assertRelative("digamma", x, HighPrecision.digamma(x), SpecialFunctions.digamma(x), DIGAMMA);
            }
        }
    }

    @Test
    void digammaOnTheNegativeAxisIsAccurateToTheLargestTermOfTheReflection() {
        for (double x : Checks.grid(-20.0123, -0.0123, 1001)) {
            double expected = HighPrecision.digamma(x).doubleValue();
            double scale = Math.abs(SpecialFunctions.digamma(1 - x)) + Math.abs(Polygamma.piCotPi(x));
            assertEquals(expected, SpecialFunctions.digamma(x), REFLECTED * scale, () -> "digamma(" + x + ")");
        }
        for (double x : new double[] {-1e-300, -1e-8, -0.3}) {
            assertRelative("digamma", x, HighPrecision.digamma(x), SpecialFunctions.digamma(x), DIGAMMA);
        }
    }

    @Test
    void polygammaMatchesHighPrecisionValuesOnThePositiveAxis() {
        for (int n = 1; n <= 20; n++) {
            for (double x : new double[] {1e-3, 0.05, 0.3, 0.5, 1, 1.4616, 2.5, 7.25, 9.9, 15.7, 33, 120.5, 1e4, 3e7}) {
                assertRelative("polygamma " + n, x, exactPolygamma(n, x), SpecialFunctions.polygamma(n, x), POLYGAMMA);
            }
        }
    }

    @Test
    void polygammaOnTheNegativeAxis() {
        for (int n = 1; n <= 12; n++) {
            for (double x : new double[] {-0.3, -0.5, -0.7, -1.5, -2.25, -3.9, -7.5, -10.1, -25.3}) {
                BigDecimal expected = exactPolygamma(n, x);
                double actual = SpecialFunctions.polygamma(n, x);
                if (n % 2 == 1) {
                    // ζ(n + 1, x) with n + 1 even is a sum of positive terms: no cancellation
                    assertRelative("polygamma " + n, x, expected, actual, POLYGAMMA);
                } else {
                    // terms of both signs: bounded by ulps of the largest, the nearest pole's n!/d^(n+1)
                    double d = Math.abs(x - Math.rint(x));
                    double scale = Math.exp(SpecialFunctions.lgamma(n + 1) - (n + 1) * Math.log(d)) * 4;
                    assertEquals(expected.doubleValue(), actual, REFLECTED * scale, () -> "polygamma " + x);
                }
            }
        }
    }

    @Test
    void scaledPolygammaReachesOrderOneThousandWithoutOverflow() {
        // ψ⁽ⁿ⁾(x)/n! = (-1)^(n+1) ζ(n+1, x): ψ⁽¹⁰⁰⁰⁾ itself overflows everywhere below x ≈ 6
        for (double x : new double[] {0.5, 0.75, 1, 1.3, 2}) {
            BigDecimal expected = HighPrecision.hurwitz(1001, x).negate();
            assertRelative("scaledPolygamma 1000", x, expected, SpecialFunctions.scaledPolygamma(1000, x), POLYGAMMA);
        }
        assertEquals(-1, SpecialFunctions.scaledPolygamma(1000, 1), 2 * EPS); // -ζ(1001)
        assertRelative("scaledPolygamma 999", -1.5, HighPrecision.hurwitz(1000, -1.5),
                SpecialFunctions.scaledPolygamma(999, -1.5), POLYGAMMA);
        // overflow gives infinities of the right sign, underflow zeros, never NaN
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.scaledPolygamma(1000, 0.4));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.polygamma(1000, 1));
        assertEquals(-0.0, SpecialFunctions.scaledPolygamma(1000, 1e3));
    }

    @Test
    void unscaledPolygammaBeyondTheFactorialOverflow() {
        // n! overflows from n = 171, but ψ⁽ⁿ⁾(x) = (-1)^(n+1) n! ζ(n+1, x) is representable for
        // large x; the factorial is carried as mantissa and exponent (≈ n roundings: 1e-13 at n = 500)
        for (int n : new int[] {171, 200, 500}) {
            for (double x : new double[] {60, 200, 1000}) {
                BigDecimal expected = exactPolygamma(n, x);
                double actual = SpecialFunctions.polygamma(n, x);
                if (expected.abs().compareTo(new BigDecimal("1e300")) < 0 && expected.abs().compareTo(new BigDecimal("1e-300")) > 0) {
                    assertRelative("polygamma " + n, x, expected, actual, n * EPS);
                }
            }
        }
    }

    @Test
    void agreesWithHipparchus() {
        for (double x : Checks.grid(0.01, 100, 2000)) {
            assertEquals(Gamma.digamma(x), SpecialFunctions.digamma(x), HIPPARCHUS_DIGAMMA, () -> "digamma at " + x);
            assertEquals(Gamma.trigamma(x), SpecialFunctions.trigamma(x), HIPPARCHUS_TRIGAMMA, () -> "trigamma at " + x);
        }
    }

    @Test
    void recurrenceHolds() {
        // ψ⁽ⁿ⁾(x + 1) = ψ⁽ⁿ⁾(x) + (-1)ⁿ n!/x^(n+1): three terms, each within a few ulps; the bound is
        // relative to the largest (ψ's terms cancel near its roots)
        for (int n = 0; n <= 6; n++) {
            for (double x : Checks.grid(0.05, 40, 400)) {
                double lhs = SpecialFunctions.polygamma(n, x + 1);
                double jump = (n % 2 == 0 ? 1 : -1) * Math.exp(SpecialFunctions.lgamma(n + 1) - (n + 1) * Math.log(x));
                double rhs = SpecialFunctions.polygamma(n, x) + jump;
                double scale = Math.abs(lhs) + Math.abs(jump) + Math.abs(SpecialFunctions.polygamma(n, x));
                int order = n;
                assertEquals(lhs, rhs, 64 * EPS * scale, () -> "n = " + order + " at " + x);
            }
        }
    }

    @Test
    void reflectionHolds() {
        // ψ(1 - x) - ψ(x) = π cot πx, with ψ(x) for x < 0 computed through the positive axis
        for (double x : Checks.grid(0.0123, 12.0123, 601)) {
            double cot = HighPrecision.sinPi(HighPrecision.big(x + 0.5), MC).doubleValue()
                    / HighPrecision.sinPi(HighPrecision.big(x), MC).doubleValue() * Math.PI;
            double lhs = SpecialFunctions.digamma(1 - x) - SpecialFunctions.digamma(x);
            double scale = Math.abs(SpecialFunctions.digamma(1 - x)) + Math.abs(SpecialFunctions.digamma(x)) + Math.abs(cot);
            assertEquals(cot, lhs, 64 * EPS * scale, () -> "at " + x);
        }
    }

    @Test
    void eachIsTheDerivativeOfThePrevious() {
        // h = 2^-10·max(1, x) on [0.5, 30]: truncation h⁴/480·|ψ⁽ⁿ⁺⁵⁾| ≤ 1e-13·(n+5)!·2^(n+6), rounding
        // ≈ 3·4·2^-53·|ψ⁽ⁿ⁾|/h; tolerance 1e-9 relative to the scale (n+1)!·2^(n+2) of ψ⁽ⁿ⁺¹⁾ on the range
        for (int n = 0; n <= 4; n++) {
            int order = n;
            double scale = Math.exp(SpecialFunctions.lgamma(n + 2)) * Math.pow(2, n + 2);
            for (double x : Checks.grid(0.5, 30, 119)) {
                double fd = Checks.derivative(t -> SpecialFunctions.polygamma(order, t), x, 1e-3 * Math.max(1, x));
                assertEquals(SpecialFunctions.polygamma(n + 1, x), fd, 1e-9 * scale, () -> "n = " + order + " at " + x);
            }
        }
    }

    @Test
    void polesInfinitiesAndNaN() {
        for (double pole : new double[] {0.0, -0.0, -1, -2, -17, -1e6, -0x1p60}) {
            assertTrue(Double.isNaN(SpecialFunctions.digamma(pole)), () -> "digamma at " + pole);
            assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(pole));
            assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.polygamma(3, pole));
            assertTrue(Double.isNaN(SpecialFunctions.polygamma(2, pole)));
            assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.scaledPolygamma(5, pole));
        }
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.digamma(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(SpecialFunctions.digamma(Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(SpecialFunctions.trigamma(Double.NEGATIVE_INFINITY)));
        assertEquals(0.0, SpecialFunctions.trigamma(Double.POSITIVE_INFINITY));
        assertEquals(-0.0, SpecialFunctions.polygamma(2, Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(SpecialFunctions.digamma(Double.NaN)));
        assertTrue(Double.isNaN(SpecialFunctions.polygamma(7, Double.NaN)));
        // near the pole at 0: ψ(x) ≈ -1/x, ψ'(x) ≈ 1/x², overflowing to ±∞ below 2^-512 but never NaN
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.digamma(Double.MIN_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.digamma(-Double.MIN_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(Double.MIN_VALUE));
        assertRelative("trigamma", 1e-150, 1e300, SpecialFunctions.trigamma(1e-150), 2 * EPS);
        for (int n : new int[] {1, 2, 20, 100, 171, 500, 1000, 2000}) {
            for (double x : Checks.grid(-50.0123, 49.9877, 201)) {
                assertFalse(Double.isNaN(SpecialFunctions.polygamma(n, x)), "polygamma " + n + " at " + x);
                assertFalse(Double.isNaN(SpecialFunctions.scaledPolygamma(n, x)), "scaled " + n + " at " + x);
            }
            for (double x : new double[] {-0.5, -1.5, -0.5000000000000001, 1e-300, 1e300, Double.MAX_VALUE}) {
                assertFalse(Double.isNaN(SpecialFunctions.polygamma(n, x)), "polygamma " + n + " at " + x);
                assertFalse(Double.isNaN(SpecialFunctions.scaledPolygamma(n, x)), "scaled " + n + " at " + x);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.polygamma(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.scaledPolygamma(2001, 1));
    }
}
