package dev.autodiff.core.internal.rules;

import static dev.autodiff.core.internal.rules.Checks.EPS;
import static dev.autodiff.core.internal.rules.Checks.assertRelative;
import static dev.autodiff.core.internal.rules.HighPrecision.MC;
import static dev.autodiff.core.internal.rules.HighPrecision.big;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/** erf, erfc and their derivative forms against 60-digit values, Hipparchus, laws and edge points. */
class ErrorFunctionTest {
    /**
     * Our erf and erfc: the fits' own errors are below 1e-17, so what remains is rounding: Horner on
     * at most ten coefficients of one sign (measured ≤ 3 ulps for the quotient), e^(-x²) to 1 ulp
     * after the exact split of x², and three more operations. 5·2^-52 = 1.1e-15, the bar of 1e-15.
     */
    private static final double ERF = 5 * EPS;
    /** 2/√π·e^(-x²): Math.exp (1 ulp), the correction (1 - lo) and one product, ≤ 3 ulps. */
    private static final double DERIVATIVE = 3 * EPS;
    /**
     * Hipparchus computes erf through the regularized incomplete gamma function with a series or
     * continued fraction stopped at relative 1e-15, and e^(-x²) from a rounded x² (relative error up
     * to x²·2^-53 = 2.8e-15 at |x| = 5): its own accuracy is about 5e-15, so it is the weaker side and
     * sets the tolerance 1e-14 on [-5, 5].
     */
    private static final double HIPPARCHUS = 1e-14;

    @Test
    void erfMatchesHighPrecisionValuesOnTheWholeLine() {
        for (double x : Checks.grid(-6.5, 6.5, 1301)) {
            if (x != 0) {
                assertRelative("erf", x, HighPrecision.erf(x, 45), SpecialFunctions.erf(x), ERF);
            }
        }
        for (double x : new double[] {1e-300, -3e-200, 1e-17, 2.2e-9, -1e-5, 0.4999999999999999, 0.5, 3.9999999999999996,
                4.0, 5.999, 6.0}) {
            assertRelative("erf", x, HighPrecision.erf(x, 45), SpecialFunctions.erf(x), ERF);
        }
    }

    @Test
    void erfcMatchesHighPrecisionValuesIntoTheFarTail() {
        for (double x : Checks.grid(-6.5, 26.5, 661)) {
            assertRelative("erfc", x, HighPrecision.erfc(x), SpecialFunctions.erfc(x), ERF);
        }
        for (double x : new double[] {0.4999999999999999, 0.5, 3.9999999999999996, 4, 26, 26.55}) {
            assertRelative("erfc", x, HighPrecision.erfc(x), SpecialFunctions.erfc(x), ERF);
        }
        // erfc(26) = 5.663192408856142e-296 (the task's reference point)
        assertEquals(5.663192408856142e-296, SpecialFunctions.erfc(26), 2 * Math.ulp(5.663192408856142e-296));
    }

    @Test
    void erfcUnderflowsGraduallyInTheSubnormalRange() {
        // below 2.2e-308 results are subnormal: their spacing is Double.MIN_VALUE, so the error is
        // bounded absolutely, by the rounding of the product with a subnormal e^(-x²)
        for (double x : Checks.grid(26.6, 27.3, 29)) {
            double expected = HighPrecision.erfc(x).doubleValue();
            assertEquals(expected, SpecialFunctions.erfc(x), 2 * Double.MIN_VALUE, () -> "erfc(" + x + ")");
        }
        assertEquals(0, SpecialFunctions.erfc(27.25));
        assertEquals(0, SpecialFunctions.erfc(1e300));
    }

    @Test
    void agreesWithHipparchusWhereHipparchusIsAccurate() {
        for (double x : Checks.grid(-5, 5, 2001)) {
            if (x != 0) {
                assertRelative("erf", x, Erf.erf(x), SpecialFunctions.erf(x), HIPPARCHUS);
            }
            assertRelative("erfc", x, Erf.erfc(x), SpecialFunctions.erfc(x), HIPPARCHUS);
        }
    }

    @Test
    void lawsHold() {
        for (double x : Checks.grid(-8, 8, 3201)) {
            // erf is odd by construction, to the bit
            assertEquals(-SpecialFunctions.erf(x), SpecialFunctions.erf(-x), 0.0, () -> "odd at " + x);
            // both are within 5 ulps of values ≤ 2: their sum is 1 within 2·5 ulps of 2 and one rounding
            assertEquals(1, SpecialFunctions.erf(x) + SpecialFunctions.erfc(x), 12 * EPS, () -> "erf + erfc at " + x);
            assertEquals(2, SpecialFunctions.erfc(x) + SpecialFunctions.erfc(-x), 12 * EPS, () -> "reflection at " + x);
        }
    }

    @Test
    void derivativeMatchesHighPrecisionIntoTheTail() {
        BigDecimal twoOverSqrtPi = BigDecimal.valueOf(2).divide(HighPrecision.pi(MC).sqrt(MC), MC);
        for (double x : Checks.grid(-26.5, 26.5, 531)) {
            BigDecimal expected = twoOverSqrtPi.multiply(HighPrecision.exp(big(x).multiply(big(x)).negate(), MC), MC);
            assertRelative("erfDerivative", x, expected, SpecialFunctions.erfDerivative(x), DERIVATIVE);
            assertRelative("erfcDerivative", x, expected.negate(), SpecialFunctions.erfcDerivative(x), DERIVATIVE);
        }
    }

    @Test
    void derivativeFormsMatchFiniteDifferences() {
        // h = 2^-10: truncation h⁴/480·|f⁽⁵⁾| ≤ 2e-15·|f⁽⁵⁾| with |f⁽⁵⁾| ≤ 12 for erf and ≤ 30 for
        // erf' (Hermite polynomials times e^(-x²)), rounding 3·5·2^-53/h ≈ 2e-12; tolerance 1e-11
        for (double x : Checks.grid(-6, 6, 241)) {
            assertEquals(SpecialFunctions.erfDerivative(x), Checks.derivative(SpecialFunctions::erf, x, 1e-3), 1e-11);
            assertEquals(SpecialFunctions.erfcDerivative(x), Checks.derivative(SpecialFunctions::erfc, x, 1e-3), 1e-11);
            assertEquals(SpecialFunctions.erfSecond(x),
                    Checks.derivative(SpecialFunctions::erfDerivative, x, 1e-3), 1e-11);
            assertEquals(SpecialFunctions.erfcSecond(x),
                    Checks.derivative(SpecialFunctions::erfcDerivative, x, 1e-3), 1e-11);
        }
    }

    @Test
    void edgePoints() {
        assertEquals(0.0, SpecialFunctions.erf(0.0));
        assertEquals(-0.0, SpecialFunctions.erf(-0.0));
        assertEquals(1, SpecialFunctions.erfc(0.0));
        assertEquals(1, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1, SpecialFunctions.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0, SpecialFunctions.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(2, SpecialFunctions.erfc(-6));
        assertEquals(1, SpecialFunctions.erf(800));
        assertEquals(2, SpecialFunctions.erfc(-800));
        assertEquals(0, SpecialFunctions.erfc(800));
        // erf(x) = 2x/√π near 0, down to the subnormals
        assertEquals(Math.scalb(ErrorFunction.TWO_OVER_SQRT_PI, -1060), SpecialFunctions.erf(Math.scalb(1.0, -1060)));
        assertEquals(ErrorFunction.TWO_OVER_SQRT_PI, SpecialFunctions.erfDerivative(Double.MIN_VALUE));
        assertEquals(0, SpecialFunctions.erfDerivative(Double.POSITIVE_INFINITY));
        // zero, of either sign, and not the NaN of -2x·e^(-x²) = ∞·0
        assertEquals(0, SpecialFunctions.erfSecond(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0, SpecialFunctions.erfcSecond(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0, SpecialFunctions.erfDerivative(1e200));
        for (double v : new double[] {SpecialFunctions.erf(Double.NaN), SpecialFunctions.erfc(Double.NaN),
                SpecialFunctions.erfDerivative(Double.NaN), SpecialFunctions.erfSecond(Double.NaN)}) {
            assertTrue(Double.isNaN(v));
        }
    }
}
