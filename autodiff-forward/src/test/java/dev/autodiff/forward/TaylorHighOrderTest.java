package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Taylor mode past order 170, where k! overflows double, against closed forms.
 *
 * <p>Tolerances: a coefficient of order k is a sum of O(k) products, each a few roundings off, and
 * each is built from earlier coefficients, so its relative error grows about linearly with k
 * (measured: 1.6e-15 at order 1000 for sin and exp). 1e-13 relative leaves a margin of 60 while
 * any wrong scaling or factorial is off by far more.
 */
class TaylorHighOrderTest {
    private static final double RELATIVE = 1e-13;
    private final Variable x = Expr.variable("x");

    private static void close(double expected, double actual, String what) {
        if (Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, 0.0, what);
        } else {
            assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
        }
    }

    @Test
    void sineAtZeroIsCorrectToOrderOneThousand() {
        double[] d = Forward.derivatives(x.sin(), x, 0, 1000);
        for (int k = 0; k <= 1000; k++) {
            // sin^(k)(0) = sin(kπ/2): 0, 1, 0, -1, …; the even ones are exact zeros of the recurrence
            double expected = k % 2 == 0 ? 0 : k % 4 == 1 ? 1 : -1;
            close(expected, d[k], "sin^(" + k + ")(0)");
        }
    }

    @Test
    void theIssuesExampleAtOrder171IsMinusOne() {
        assertEquals(-1, Forward.derivatives(x.sin(), x, 0, 171)[171], RELATIVE);
    }

    @Test
    void exponentialAtOneIsEToOrderOneThousand() {
        double[] d = Forward.derivatives(x.exp(), x, 1, 1000);
        for (int k = 0; k <= 1000; k++) {
            close(Math.E, d[k], "exp^(" + k + ")(1)");
        }
    }

    @Test
    void reciprocalOfOneMinusXGivesFactorialsThenInfinityWhereTheyOverflow() {
        double[] d = Forward.derivatives(Expr.constant(1).div(Expr.constant(1).minus(x)), x, 0, 400);
        BigInteger factorial = BigInteger.ONE;
        for (int k = 0; k <= 400; k++) {
            factorial = factorial.multiply(BigInteger.valueOf(Math.max(k, 1)));
            double expected = factorial.doubleValue(); // correctly rounded; +∞ from 171! on
            close(expected, d[k], k + "!");
            assertEquals(k >= 171, Double.isInfinite(d[k]), "overflows exactly where k! does: " + k);
        }
    }

    @Test
    void derivativesPastOrder170AreFiniteWhereTheTrueValueIs() {
        // (1/(2 - x))^(k) at 0 = k!/2^(k+1): finite up to k = 200, infinite from 201 on
        double[] d = Forward.derivatives(Expr.constant(1).div(Expr.constant(2).minus(x)), x, 0, 260);
        BigInteger factorial = BigInteger.ONE;
        int lastFinite = -1;
        for (int k = 0; k <= 260; k++) {
            factorial = factorial.multiply(BigInteger.valueOf(Math.max(k, 1)));
            double expected = new BigDecimal(factorial).divide(new BigDecimal(BigInteger.TWO.pow(k + 1))).doubleValue();
            close(expected, d[k], "k!/2^(k+1) at " + k);
            if (Double.isFinite(expected)) {
                lastFinite = k;
            }
        }
        assertTrue(lastFinite > 190, "finite well past 170: " + lastFinite);
    }

    @Test
    void coefficientsNearASingularityAreRightWhereRepresentable() {
        // 1/(1 - x) at a: c_k = (1 - a)^-(k+1); at 0.999 that is about 1000^(k+1), infinite from k = 102
        double a = 0.999;
        double r = 1 / (1 - a);
        double[] c = Forward.taylor(Expr.constant(1).div(Expr.constant(1).minus(x)), List.of(x), new double[] {a},
                new double[] {1}, 300);
        for (int k = 0; k <= 300; k++) {
            close(Math.pow(r, k + 1), c[k], "coefficient " + k);
        }
    }

    @Test
    void coefficientsOfAnEntireFunctionUnderflowOnlyWhereTheyTrulyDo() {
        // e^x at 0: c_k = 1/k!, below the smallest double (4.9e-324) from k = 178 on
        double[] c = Forward.taylor(x.exp(), List.of(x), new double[] {0}, new double[] {1}, 400);
        BigInteger factorial = BigInteger.ONE;
        for (int k = 0; k <= 400; k++) {
            factorial = factorial.multiply(BigInteger.valueOf(Math.max(k, 1)));
            double expected = BigDecimal.ONE.divide(new BigDecimal(factorial), new java.math.MathContext(20)).doubleValue();
            if (expected != 0 && expected < Double.MIN_NORMAL) {
                assertEquals(expected, c[k], Math.ulp(expected), "subnormal coefficient " + k);
            } else {
                close(expected, c[k], "1/" + k + "!");
            }
        }
    }

    @Test
    void anOrderTooLargeIsRefusedNamingTheLimit() {
        for (int order : new int[] {Integer.MAX_VALUE, 10_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Forward.derivatives(x.sin(), x, 0, order));
            assertTrue(e.getMessage().contains("10000"), e.getMessage());
        }
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(x.sin(), x, 0, -1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
    }

    @Test
    void anOrderBeyondDoubleRangeIsRefusedNamingTheHighestReachable() {
        // sin at 0 to order 3000: h^k/k! cannot stay between 2^-1022 and 2^1023 for k = 0 … 3000 at any h
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(x.sin(), x, 0, 3000));
        assertTrue(e.getMessage().contains("highest order"), e.getMessage());
        int highest = Integer.parseInt(e.getMessage().replaceAll(".*highest order Taylor mode reaches here is (\\d+).*", "$1"));
        assertTrue(highest >= 1000, e.getMessage());
        double[] d = Forward.derivatives(x.sin(), x, 0, highest);
        assertEquals(highest % 4 == 1 ? 1 : highest % 4 == 3 ? -1 : 0, d[highest], RELATIVE, "the order named is reached");
    }

    @Test
    void aProgramTooCostlyIsRefusedNamingTheLimit() {
        Expr e = x;
        for (int i = 0; i < 2000; i++) {
            e = e.sin();
        }
        Expr f = e;
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(f, x, 0.1, 10_000));
        assertTrue(ex.getMessage().contains("2^36"), ex.getMessage());
    }
}
