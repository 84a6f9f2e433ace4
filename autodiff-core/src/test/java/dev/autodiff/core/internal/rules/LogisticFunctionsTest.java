package dev.autodiff.core.internal.rules;

import static dev.autodiff.core.internal.rules.Checks.EPS;
import static dev.autodiff.core.internal.rules.Checks.assertRelative;
import static dev.autodiff.core.internal.rules.HighPrecision.MC;
import static dev.autodiff.core.internal.rules.HighPrecision.big;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Sigmoid and softplus and their derivative forms against 60-digit values, laws and edge points. */
class LogisticFunctionsTest {
    /**
     * σ = 1/(1 + e) or e/(1 + e): Math.exp (≤ 1 ulp) and two correctly rounded operations, so at most
     * 2 ulps; 3·2^-52 (6.7e-16) leaves room for the ulp's position in the binade.
     */
    private static final double SIGMOID = 3 * EPS;
    /** σ' = e·r·r: exp, one division, two products, ≤ 4 ulps (the +1 adds half an ulp of 1 + e). */
    private static final double SIGMOID_DERIVATIVE = 5 * EPS;
    /** σ'' = σ'·(1 - e)·r: σ' (≤ 4 ulps), expm1 or 1 - e and two more products, ≤ 8 ulps. */
    private static final double SIGMOID_SECOND = 8 * EPS;
    /** max(x, 0) + log1p(e^-|x|): exp and log1p (1 ulp each) and one sum of positive terms, ≤ 3 ulps. */
    private static final double SOFTPLUS = 3 * EPS;

    private static final double[] POINTS = Checks.grid(-40, 40, 1601);

    private static BigDecimal exactSigmoid(double x) {
        return exactSigmoid(x, MC);
    }

    private static BigDecimal exactSigmoid(double x, MathContext mc) {
        BigDecimal e = HighPrecision.exp(big(-x), mc);
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(e), mc);
    }

    @Test
    void sigmoidMatchesHighPrecisionValues() {
        for (double x : POINTS) {
            assertRelative("sigmoid", x, exactSigmoid(x), SpecialFunctions.sigmoid(x), SIGMOID);
        }
    }

    @Test
    void sigmoidDerivativesMatchHighPrecisionClosedForms() {
        for (double x : POINTS) {
            BigDecimal s = exactSigmoid(x);
            BigDecimal t = BigDecimal.ONE.subtract(s, MC); // σ(-x), exact in 60 digits
            BigDecimal d1 = s.multiply(t, MC);
            BigDecimal d2 = d1.multiply(t.subtract(s), MC);
            assertRelative("sigmoidDerivative", x, d1, SpecialFunctions.sigmoidDerivative(x), SIGMOID_DERIVATIVE);
            if (x != 0) {
                assertRelative("sigmoidSecond", x, d2, SpecialFunctions.sigmoidSecond(x), SIGMOID_SECOND);
            }
        }
    }

    @Test
    void sigmoidSecondIsRelativelyAccurateNearZero() {
        // σ''(x) = -x/8 + x³/96 + …: relative accuracy here needs 1 - 2σ without cancellation (and an
        // oracle with 340 digits, so that σ(x) - 1/2 keeps 40 of them at x = 1e-300)
        MathContext mc = new MathContext(340);
        for (double x : new double[] {1e-300, -1e-20, 3e-9, -2.5e-5, 1e-3, 0.4, -0.999}) {
            BigDecimal s = exactSigmoid(x, mc);
            BigDecimal t = BigDecimal.ONE.subtract(s, mc);
            BigDecimal d2 = s.multiply(t, mc).multiply(t.subtract(s), mc);
            assertRelative("sigmoidSecond", x, d2, SpecialFunctions.sigmoidSecond(x), SIGMOID_SECOND);
        }
    }

    @Test
    void softplusMatchesHighPrecisionValues() {
        for (double x : POINTS) {
            BigDecimal expected = HighPrecision.ln(BigDecimal.ONE.add(HighPrecision.exp(big(x), MC)), MC);
            assertRelative("softplus", x, expected, SpecialFunctions.softplus(x), SOFTPLUS);
        }
    }

    @Test
    void sigmoidOfXPlusSigmoidOfMinusXIsOne() {
        // both are correctly rounded to 2 ulps and one of them is ≥ 1/2: the sum is 1 within 3 ulps of 1
        for (double x : POINTS) {
            assertEquals(1, SpecialFunctions.sigmoid(x) + SpecialFunctions.sigmoid(-x), 3 * EPS, () -> "at " + x);
        }
    }

    @Test
    void softplusOfXMinusSoftplusOfMinusXIsX() {
        // softplus(x) - softplus(-x) = x exactly in real arithmetic; each side is within 3 ulps of a
        // value no larger than |x| + ln 2
        for (double x : POINTS) {
            double difference = SpecialFunctions.softplus(x) - SpecialFunctions.softplus(-x);
            assertEquals(x, difference, 6 * EPS * (Math.abs(x) + 1), () -> "at " + x);
        }
    }

    @Test
    void derivativeFormsMatchFiniteDifferences() {
        // Checks.derivative with h = 2^-10: truncation h⁴/480·|f⁽⁵⁾| ≤ 2e-15 (|f⁽⁵⁾| ≤ 1 for σ and
        // its derivatives), rounding 3·3·2^-53/h ≈ 3e-12; tolerance 1e-11 absolute, as every value is ≤ 1
        for (double x : Checks.grid(-30, 30, 241)) {
            assertEquals(SpecialFunctions.sigmoidDerivative(x), Checks.derivative(SpecialFunctions::sigmoid, x, 1e-3), 1e-11);
            assertEquals(SpecialFunctions.sigmoidSecond(x),
                    Checks.derivative(SpecialFunctions::sigmoidDerivative, x, 1e-3), 1e-11);
            assertEquals(SpecialFunctions.sigmoid(x), Checks.derivative(SpecialFunctions::softplus, x, 1e-3),
                    1e-11 * Math.max(1, Math.abs(x)));
        }
    }

    @Test
    void farTailsAreFiniteAndNeverNaN() {
        assertEquals(1, SpecialFunctions.sigmoid(800));
        assertEquals(0, SpecialFunctions.sigmoid(-800));
        assertEquals(0, SpecialFunctions.sigmoidDerivative(800));
        assertEquals(0, SpecialFunctions.sigmoidDerivative(-800));
        // σ'' is odd, negative right of 0: its underflow keeps the sign
        assertEquals(-0.0, SpecialFunctions.sigmoidSecond(800));
        assertEquals(0.0, SpecialFunctions.sigmoidSecond(-800));
        assertEquals(800, SpecialFunctions.softplus(800));
        assertEquals(0, SpecialFunctions.softplus(-800));
        assertEquals(1, SpecialFunctions.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0, SpecialFunctions.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(0, SpecialFunctions.sigmoidDerivative(Double.POSITIVE_INFINITY));
        assertEquals(0.0, SpecialFunctions.sigmoidSecond(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.softplus(Double.POSITIVE_INFINITY));
        assertEquals(0, SpecialFunctions.softplus(Double.NEGATIVE_INFINITY));
        // the underflowing tail of softplus: e^-700 is normal, e^-745 the last subnormal step
        assertRelative("softplus", -700, Math.exp(-700), SpecialFunctions.softplus(-700), 2 * EPS);
        assertTrue(SpecialFunctions.softplus(-745) >= 0 && SpecialFunctions.softplus(-745) <= Double.MIN_VALUE);
        for (double x : Checks.grid(-1000, 1000, 4001)) {
            for (double v : new double[] {SpecialFunctions.sigmoid(x), SpecialFunctions.sigmoidDerivative(x),
                    SpecialFunctions.sigmoidSecond(x), SpecialFunctions.softplus(x)}) {
                assertTrue(Double.isFinite(v), () -> "not finite at " + x);
            }
        }
    }

    @Test
    void zerosSubnormalsAndNaN() {
        assertEquals(0.5, SpecialFunctions.sigmoid(0.0));
        assertEquals(0.5, SpecialFunctions.sigmoid(-0.0));
        assertEquals(0.25, SpecialFunctions.sigmoidDerivative(0.0));
        assertEquals(-0.0, SpecialFunctions.sigmoidSecond(0.0)); // odd, with the sign of -x
        assertEquals(0.0, SpecialFunctions.sigmoidSecond(-0.0));
        assertEquals(Math.log(2), SpecialFunctions.softplus(0.0));
        assertEquals(0.5, SpecialFunctions.sigmoid(Double.MIN_VALUE));
        assertEquals(0.25, SpecialFunctions.sigmoidDerivative(-Double.MIN_NORMAL));
        // σ''(x) ≈ -x/8 rounds to -0 for the smallest subnormal, and to -x/8 for the smallest normal
        assertEquals(-Double.MIN_NORMAL / 8, SpecialFunctions.sigmoidSecond(Double.MIN_NORMAL));
        assertEquals(Math.log(2), SpecialFunctions.softplus(-Double.MIN_VALUE));
        for (double v : new double[] {SpecialFunctions.sigmoid(Double.NaN), SpecialFunctions.sigmoidDerivative(Double.NaN),
                SpecialFunctions.sigmoidSecond(Double.NaN), SpecialFunctions.softplus(Double.NaN)}) {
            assertTrue(Double.isNaN(v));
        }
        assertFalse(Double.isNaN(SpecialFunctions.sigmoidSecond(-Double.MIN_VALUE)));
    }
}
