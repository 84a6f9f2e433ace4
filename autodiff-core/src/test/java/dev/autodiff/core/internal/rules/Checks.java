package dev.autodiff.core.internal.rules;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;

/** Shared assertions and finite differences for the special-function tests. */
final class Checks {
    /** The unit roundoff's double, 2^-52: one ulp relative at the bottom of a binade. */
    static final double EPS = 0x1p-52;

    private Checks() {}

    /** Asserts |actual - expected| ≤ tolerance·|expected|, naming the function and the point. */
    static void assertRelative(String what, double x, BigDecimal expected, double actual, double tolerance) {
        double error = HighPrecision.relative(actual, expected);
        if (!(error <= tolerance)) {
            fail(what + "(" + x + ") = " + actual + ", expected " + expected.round(java.math.MathContext.DECIMAL64)
                    + ": relative error " + error + " > " + tolerance);
        }
    }

    static void assertRelative(String what, double x, double expected, double actual, double tolerance) {
        double error = expected == actual ? 0 : Math.abs(actual - expected) / Math.abs(expected);
        if (!(error <= tolerance)) {
            fail(what + "(" + x + ") = " + actual + ", expected " + expected + ": relative error " + error + " > "
                    + tolerance);
        }
    }

    /**
     * {@return f'(x)} by Richardson's combination (4·D(h/2) - D(h))/3 of central differences D, with
     * h rounded to a power of two so that x ± h is exact: truncation h⁴/480·|f⁽⁵⁾|, rounding about
     * 3·u·2^-53·|f|/h for f computed to u ulps.
     */
    static double derivative(DoubleUnaryOperator f, double x, double step) {
        double h = Math.scalb(1.0, Math.getExponent(step));
        double d1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        double d2 = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }

    /** {@return n points spread evenly over [lo, hi], both ends included} */
    static double[] grid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = lo + (hi - lo) * i / (n - 1);
        }
        return g;
    }
}
