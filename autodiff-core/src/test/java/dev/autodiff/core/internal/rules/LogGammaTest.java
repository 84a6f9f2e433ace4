package dev.autodiff.core.internal.rules;

import static dev.autodiff.core.internal.rules.Checks.EPS;
import static dev.autodiff.core.internal.rules.Checks.assertRelative;
import static dev.autodiff.core.internal.rules.HighPrecision.MC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** lgamma against 60-digit values, Hipparchus, laws and edge points. */
class LogGammaTest {
    /**
     * The series around 2 (28 Horner steps on terms falling by 4× or more: ≤ 2 ulps), log1p and log
     * (1 ulp each), and sums of at most three terms that cancel by at most a factor 3 (at x = 3/2,
     * -0.12 from 0.21 and 0.41); Stirling's terms cancel less. 8 ulps: 8·2^-52 = 1.8e-15.
     */
    private static final double LGAMMA = 8 * EPS;
    /**
     * Hipparchus' logGamma (Lanczos and the 1/Γ(1+x) - 1 approximations) is accurate to a few 1e-15
     * relative where lgamma is not small; near its zeros it is accurate absolutely. Tolerance 1e-14
     * relative to max(|lgamma|, 1).
     */
    private static final double HIPPARCHUS = 1e-14;

    @Test
    void matchesHighPrecisionValuesOnThePositiveAxis() {
        for (double x : Checks.grid(0.01, 12, 1200)) {
            assertRelative("lgamma", x, HighPrecision.lgamma(x), SpecialFunctions.lgamma(x), LGAMMA);
        }
        for (double x = 1e-300; x < 1e300; x *= 7.3) {
            assertRelative("lgamma", x, HighPrecision.lgamma(x), SpecialFunctions.lgamma(x), LGAMMA);
        }
    }

    @Test
    void isExactlyZeroAtOneAndTwoAndRelativelyAccurateNearThem() {
        assertEquals(0.0, SpecialFunctions.lgamma(1));
        assertEquals(0.0, SpecialFunctions.lgamma(2));
        for (int k = 1; k <= 52; k += 3) {
            double d = Math.scalb(1.0, -k);
            for (double x : new double[] {1 - d, 1 + d, 2 - d, 2 + d}) {
                assertRelative("lgamma", x, HighPrecision.lgamma(x), SpecialFunctions.lgamma(x), LGAMMA);
            }
        }
    }

    @Test
    void negativeArgumentsMatchTheReflectionInHighPrecision() {
        // ln|Γ(x)| = ln(π/|sin πx|) - ln Γ(1 - x), evaluated with 60 digits. The double result is two
        // terms of up to 8 ulps each, so its error is bounded by 8 ulps of the larger term: relative
        // where they do not cancel, absolute near the zeros of lgamma on the negative axis.
        BigDecimal pi = HighPrecision.pi(MC);
        for (double x : Checks.grid(-30.0123, -0.5123, 1181)) {
            BigDecimal sin = HighPrecision.sinPi(HighPrecision.big(x), MC).abs();
            BigDecimal first = HighPrecision.ln(pi.divide(sin, MC), MC);
            BigDecimal second = HighPrecision.lgamma(1 - x);
            BigDecimal expected = first.subtract(second, MC);
            double scale = Math.abs(first.doubleValue()) + Math.abs(second.doubleValue());
            double actual = SpecialFunctions.lgamma(x);
            assertEquals(expected.doubleValue(), actual, LGAMMA * scale, () -> "lgamma(" + x + ")");
        }
        for (double x : new double[] {-0.4, -1e-3, -1e-10, -1e-300, -Double.MIN_VALUE}) {
            assertRelative("lgamma", x, HighPrecision.lgamma(1 + x).subtract(HighPrecision.ln(HighPrecision.big(-x), MC)),
                    SpecialFunctions.lgamma(x), LGAMMA);
        }
    }

    @Test
    void agreesWithHipparchus() {
        for (double x : Checks.grid(0.01, 200, 4000)) {
            double expected = Gamma.logGamma(x);
            assertEquals(expected, SpecialFunctions.lgamma(x), HIPPARCHUS * Math.max(1, Math.abs(expected)), () -> "at " + x);
        }
    }

    @Test
    void recurrenceHolds() {
        // lgamma(x + 1) = lgamma(x) + ln x; for x ≥ 3 all three terms are positive: 2·8 ulps and a sum
        for (double x : Checks.grid(3, 300, 2971)) {
            double lhs = SpecialFunctions.lgamma(x + 1);
            double rhs = SpecialFunctions.lgamma(x) + Math.log(x);
            assertEquals(lhs, rhs, 2 * LGAMMA * lhs, () -> "at " + x);
        }
    }

    @Test
    void digammaIsTheDerivative() {
        // h = 2^-10·max(1, x): truncation h⁴/480·|lgamma⁽⁵⁾| ≤ 1e-14 on [0.5, 40] (|ψ''''| ≤ 160 at 1/2),
        // rounding 3·8·2^-53·|lgamma|/h ≈ 4e-12·max(1, |lgamma|)/h·2^-10: tolerance 2e-10·K
        for (double x : Checks.grid(0.5, 40, 159)) {
            double step = 1e-3 * Math.max(1, x);
            double fd = Checks.derivative(SpecialFunctions::lgamma, x, step);
            double k = Math.max(1, Math.abs(SpecialFunctions.lgamma(x)));
            assertEquals(SpecialFunctions.digamma(x), fd, 2e-10 * k, () -> "at " + x);
        }
    }

    @Test
    void edgePoints() {
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(0.0));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(-0.0));
        for (double pole = -1; pole >= -1e6; pole *= 3) {
            assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(Math.rint(pole)));
        }
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(-0x1p60));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(Double.MAX_VALUE));
        assertTrue(Double.isNaN(SpecialFunctions.lgamma(Double.NaN)));
        // lgamma(x) = -ln x - γx + … for tiny x, subnormals included
        assertRelative("lgamma", Double.MIN_VALUE, -Math.log(Double.MIN_VALUE), SpecialFunctions.lgamma(Double.MIN_VALUE), 2 * EPS);
        // finite up to about 2.5e305: lgamma(2e305) = 2e305·(ln 2e305 - 1) to 1e-3 relative
        double big = SpecialFunctions.lgamma(2e305);
        assertTrue(Double.isFinite(big));
        assertRelative("lgamma", 2e305, 2e305 * (Math.log(2e305) - 1), big, 1e-3);
        // 3 and 4 give ln 2 and ln 6
        assertRelative("lgamma", 3, Math.log(2), SpecialFunctions.lgamma(3), 2 * EPS);
        assertRelative("lgamma", 4, Math.log(6), SpecialFunctions.lgamma(4), 2 * EPS);
    }
}
