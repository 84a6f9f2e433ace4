package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autodiff.core.RuleOracles.Point;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.SpecialFunctions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of primitive rules against oracles: every {@link Primitive} (iterated from
 * {@code values()}, so none is missed) at many points of its domain, values against
 * {@link Math}, partials against closed forms and against finite differences.
 */
class RulesTest {
    private static final int POINTS = 400;
    private static final String[] NAMES = {"value", "∂a", "∂b", "∂a∂a", "∂a∂b", "∂b∂b"};

    /**
     * Relative tolerance against the closed forms: both sides evaluate a formula of a handful of
     * correctly rounded operations and Math functions (≤ 2 ulps each), in a different order, so they
     * differ by at most some tens of ulps (45 ulps = 1e-14).
     */
    private static final double CLOSED_FORM = 1e-14;

    /**
     * Finite differences. With h = STEP·ρ (rounded down to a power of two, so x ± h is exact), the
     * Richardson combination R = (4·D(h/2) − D(h))/3 of central differences D has truncation error
     * h⁴/480·|f⁽⁵⁾| and rounding error 3·u·eps·|f|/h for a function computed to u ulps. Writing
     * K = max(|f|, ρ|f'|, ρ²|f''|) for the scale of f and its derivatives at the point, the Cauchy
     * estimate |f⁽ⁿ⁾| ≲ n!·K/ρⁿ (ρ is within the distance to the nearest singularity) bounds the
     * truncation by K·STEP⁴/(4ρ) = 2.5e-13·K/ρ, and the rounding (u ≤ 2, h ≥ STEP·ρ/2) by
     * 12·eps·K/(STEP·ρ) = 2.7e-12·K/ρ. The tolerance for a first partial is FD_FIRST·K/ρ, a factor
     * over three above their sum. For a second partial, differencing the first partial (computed to
     * u ≤ 4 ulps) one order higher gives 1.5·STEP⁴·K/ρ² + 5.3e-12·K/ρ²: FD_SECOND·K/ρ².
     */
    private static final double STEP = 1e-3;
    private static final double FD_FIRST = 1e-11;
    private static final double FD_SECOND = 2e-11;

    static Stream<Primitive> primitives() {
        return Arrays.stream(Primitive.values());
    }

    private static List<Point> points(Primitive op) {
        return RuleOracles.points(op, new Random(1234 + op.ordinal()), POINTS);
    }

    private static double[] rules(Primitive op, double a, double b, double p) {
        Partials out = new Partials();
        Rules.apply(op.ordinal(), a, b, p, out);
        return new double[] {out.value, out.da, out.db, out.secondAA(), out.secondAB(), out.secondBB()};
    }

    private static double value(Primitive op, double a, double b, double p) {
        return Rules.value(op.ordinal(), a, b, p);
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void valueMatchesJavaLangMath(Primitive op) {
        for (Point pt : points(op)) {
            double expected = RuleOracles.value(op, pt.a(), pt.b(), pt.p());
            double actual = value(op, pt.a(), pt.b(), pt.p());
            if (RuleOracles.isMathFunction(op)) {
                // the table calls Math (or one exact IEEE operation), so it agrees to the bit; a^2 is
                // a·a, which Math.pow may round differently by one ulp
                double ulps = op == Primitive.POW_CONST ? Math.ulp(expected) : 0;
                assertEquals(expected, actual, ulps, () -> op + " at " + pt);
            } else {
                // series / logarithm / 60-digit oracles accurate to ~3 ulps; the table's own formula to
                // ~3 ulps, but ψ to 7e-15 relative near its root 1.4616 (SpecialFunctions' measured
                // accuracy), where the difference of its terms cancels
                double ulps = op == Primitive.POLYGAMMA ? 64 : 8;
                assertEquals(expected, actual, ulps * Math.ulp(expected), () -> op + " at " + pt);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void applyWritesTheSameValueAsValue(Primitive op) {
        for (Point pt : points(op)) {
            assertEquals(value(op, pt.a(), pt.b(), pt.p()), rules(op, pt.a(), pt.b(), pt.p())[0], () -> op + " at " + pt);
        }
    }

    /** Random points and the edges: zeros of both signs, infinities, NaN, where exponentials under- and overflow. */
    private static List<Point> pointsAndEdges(Primitive op) {
        List<Point> all = new java.util.ArrayList<>(points(op));
        double[] edges = {0.0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, 27.3, -27.3, 745.2, -745.2, 800, -800, 1e300, -1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double a : edges) {
            for (double b : new double[] {0.0, -0.0, 2, -3, Double.POSITIVE_INFINITY, Double.NaN}) {
                double p = op == Primitive.POLYGAMMA ? 1 : op == Primitive.IF_ELSE ? b : 1.5;
                all.add(new Point(a, b, p, 1));
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void firstOrderApplicationGivesTheValueAndFirstPartialsOfTheFullOneToTheBit(Primitive op) {
        Partials full = new Partials();
        Partials first = new Partials();
        for (Point pt : pointsAndEdges(op)) {
            Rules.apply(op.ordinal(), pt.a(), pt.b(), pt.p(), full);
            Rules.applyFirst(op.ordinal(), pt.a(), pt.b(), pt.p(), first);
            assertEquals(Double.doubleToLongBits(full.value), Double.doubleToLongBits(first.value), () -> op + " value at " + pt);
            assertEquals(Double.doubleToLongBits(full.da), Double.doubleToLongBits(first.da), () -> op + " ∂a at " + pt);
            assertEquals(Double.doubleToLongBits(full.db), Double.doubleToLongBits(first.db), () -> op + " ∂b at " + pt);
        }
    }

    @Test
    void logisticRulesShareOneExponentialWithoutChangingABit() {
        // the functions compute e^-|x| each on their own; the rules compute it once for all
        Partials q = new Partials();
        for (Point pt : pointsAndEdges(Primitive.SIGMOID)) {
            double x = pt.a();
            Rules.apply(Primitive.SIGMOID.ordinal(), x, 0, 0, q);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.sigmoid(x)), Double.doubleToLongBits(q.value), () -> "σ at " + x);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.sigmoidDerivative(x)), Double.doubleToLongBits(q.da), () -> "σ' at " + x);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.sigmoidSecond(x)), Double.doubleToLongBits(q.daa), () -> "σ'' at " + x);
            Rules.apply(Primitive.SOFTPLUS.ordinal(), x, 0, 0, q);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.softplus(x)), Double.doubleToLongBits(q.value), () -> "softplus at " + x);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.sigmoid(x)), Double.doubleToLongBits(q.da), () -> "softplus' at " + x);
            assertEquals(Double.doubleToLongBits(SpecialFunctions.sigmoidDerivative(x)), Double.doubleToLongBits(q.daa),
                    () -> "softplus'' at " + x);
        }
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void partialsMatchClosedForms(Primitive op) {
        for (Point pt : points(op)) {
            double[] expected = RuleOracles.partials(op, pt.a(), pt.b(), pt.p());
            double[] actual = rules(op, pt.a(), pt.b(), pt.p());
            for (int k = 1; k < 6; k++) {
                double e = expected[k];
                // 16 ulps only matter below the normal range, where an ulp is more than 1e-14 relative
                double tol = Math.max(16 * Math.ulp(e),
                        CLOSED_FORM * Math.max(Math.abs(e), RuleOracles.cancellation(op, k, pt.a(), pt.b())));
                int kk = k;
                assertEquals(e, actual[k], tol, () -> op + " " + NAMES[kk] + " at " + pt);
            }
        }
    }

    /** A finite-difference estimate, or NaN where the stencil is not exact or leaves the finite range. */
    private static double richardson(DoubleUnaryOperator g, double x, double rho) {
        double h = Math.scalb(1.0, Math.getExponent(STEP * rho));
        for (double s : new double[] {h, h / 2}) {
            if ((x + s) - x != s || x - (x - s) != s) {
                return Double.NaN;
            }
        }
        double d1 = (g.applyAsDouble(x + h) - g.applyAsDouble(x - h)) / (2 * h);
        double d2 = (g.applyAsDouble(x + h / 2) - g.applyAsDouble(x - h / 2)) / h;
        double r = (4 * d2 - d1) / 3;
        return Double.isFinite(r) ? r : Double.NaN;
    }

    /** K = max(|f|, ρ|f'|, ρ²|f''|) over all partials, from the closed forms. */
    private static double scale(double[] closed, double rho) {
        double k = Math.abs(closed[0]);
        k = Math.max(k, rho * Math.max(Math.abs(closed[1]), Math.abs(closed[2])));
        for (int i = 3; i < 6; i++) {
            k = Math.max(k, rho * (rho * Math.abs(closed[i]))); // ρ² alone may overflow to ∞·0
        }
        return k;
    }

    /** Checks one finite difference; {@return whether it could be taken}. */
    private static boolean check(Primitive op, Point pt, String what, double exact, double fd, double tol) {
        if (Double.isNaN(fd)) {
            return false;
        }
        assertEquals(fd, exact, tol, () -> op + " " + what + " at " + pt + ": finite difference " + fd);
        return true;
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void firstPartialsMatchFiniteDifferencesOfTheValue(Primitive op) {
        int taken = 0;
        int tried = 0;
        for (Point pt : points(op)) {
            double a = pt.a();
            double b = pt.b();
            double p = pt.p();
            double[] exact = rules(op, a, b, p);
            double tol = FD_FIRST * scale(RuleOracles.partials(op, a, b, p), pt.rho()) / pt.rho();
            tried++;
            taken += check(op, pt, "∂a", exact[1], richardson(t -> value(op, t, b, p), a, pt.rho()), tol) ? 1 : 0;
            if (op.arity() == 2) {
                tried++;
                taken += check(op, pt, "∂b", exact[2], richardson(t -> value(op, a, t, p), b, pt.rho()), tol) ? 1 : 0;
            }
        }
        assertTrue(taken >= 0.9 * tried, op + ": only " + taken + " of " + tried + " differences could be taken");
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void secondPartialsMatchFiniteDifferencesOfTheFirst(Primitive op) {
        int taken = 0;
        int tried = 0;
        for (Point pt : points(op)) {
            double a = pt.a();
            double b = pt.b();
            double p = pt.p();
            double[] exact = rules(op, a, b, p);
            double rho = pt.rho();
            double tol = FD_SECOND * scale(RuleOracles.partials(op, a, b, p), rho) / rho / rho;
            tried++;
            taken += check(op, pt, "∂a∂a", exact[3], richardson(t -> rules(op, t, b, p)[1], a, rho), tol) ? 1 : 0;
            if (op.arity() == 2) {
                tried += 3;
                taken += check(op, pt, "∂a∂b (from ∂a)", exact[4], richardson(t -> rules(op, a, t, p)[1], b, rho), tol) ? 1 : 0;
                taken += check(op, pt, "∂a∂b (from ∂b)", exact[4], richardson(t -> rules(op, t, b, p)[2], a, rho), tol) ? 1 : 0;
                taken += check(op, pt, "∂b∂b", exact[5], richardson(t -> rules(op, a, t, p)[2], b, rho), tol) ? 1 : 0;
            }
        }
        assertTrue(taken >= 0.9 * tried, op + ": only " + taken + " of " + tried + " differences could be taken");
    }

    // ---- documented conventions at non-differentiable points ----

    private static void partialsAre(Primitive op, double a, double b, double p, double... expected) {
        double[] actual = Arrays.copyOfRange(rules(op, a, b, p), 1, 1 + expected.length);
        if (!Arrays.equals(expected, actual)) {
            fail(op + " at (" + a + ", " + b + ", p=" + p + "): expected partials " + Arrays.toString(expected)
                    + " but got " + Arrays.toString(actual));
        }
    }

    @Test
    void absHasDerivativeZeroAtZero() {
        partialsAre(Primitive.ABS, 0.0, 0, 0, 0, 0, 0);
        partialsAre(Primitive.ABS, -0.0, 0, 0, 0, 0, 0);
    }

    @Test
    void maxAndMinSplitTheDerivativeAtTies() {
        for (double t : new double[] {3, -2.5, 0, 1e300}) {
            partialsAre(Primitive.MAX, t, t, 0, 0.5, 0.5, 0, 0, 0);
            partialsAre(Primitive.MIN, t, t, 0, 0.5, 0.5, 0, 0, 0);
        }
        partialsAre(Primitive.MAX, 0.0, -0.0, 0, 0.5, 0.5, 0, 0, 0);
        partialsAre(Primitive.MIN, -0.0, 0.0, 0, 0.5, 0.5, 0, 0, 0);
    }

    @Test
    void sqrtAndCbrtHaveInfiniteDerivativeAtZero() {
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.SQRT, 0, 0, 0)[1]);
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.CBRT, 0, 0, 0)[1]);
    }

    @Test
    void inverseFunctionsHaveInfiniteDerivativesAtTheEndsOfTheirDomains() {
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.ASIN, 1, 0, 0)[1]);
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.ASIN, -1, 0, 0)[1]);
        assertEquals(Double.NEGATIVE_INFINITY, rules(Primitive.ACOS, 1, 0, 0)[1]);
        assertEquals(Double.NEGATIVE_INFINITY, rules(Primitive.ACOS, -1, 0, 0)[1]);
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.ACOSH, 1, 0, 0)[1]);
    }

    @Test
    void powAtBaseZeroHasZeroLogarithmTerms() {
        for (double b : new double[] {-2, -0.5, 0, 0.5, 1, 1.5, 2, 3}) {
            double[] r = rules(Primitive.POW, 0, b, 0);
            assertEquals(Math.pow(0, b), r[0], "value at b=" + b);
            assertEquals(0.0, r[2], "∂b at b=" + b);
            assertEquals(0.0, r[4], "∂a∂b at b=" + b);
            assertEquals(0.0, r[5], "∂b∂b at b=" + b);
        }
        // away from the conventions, ∂a = b·0^(b-1) as IEEE pow gives it
        assertEquals(0.0, rules(Primitive.POW, 0, 3, 0)[1]);
        assertEquals(2.0, rules(Primitive.POW, 0, 2, 0)[3]);
        assertEquals(Double.POSITIVE_INFINITY, rules(Primitive.POW, 0, 0.5, 0)[1]);
    }

    @Test
    void powWithExponentZeroOrOneHasTheConventionalBasePartials() {
        for (double a : new double[] {0, -0.0, 2, -3, 1e-300, Double.POSITIVE_INFINITY}) {
            double[] zero = rules(Primitive.POW, a, 0, 0);
            assertEquals(0.0, zero[1], "∂a at b=0, a=" + a);
            assertEquals(0.0, zero[3], "∂a∂a at b=0, a=" + a);
            double[] one = rules(Primitive.POW, a, 1, 0);
            assertEquals(1.0, one[1], "∂a at b=1, a=" + a);
            assertEquals(0.0, one[3], "∂a∂a at b=1, a=" + a);
        }
    }

    @Test
    void powConstWithExponentZeroOrOneHasTheConventionalDerivatives() {
        for (double a : new double[] {0, -0.0, 2, -3, 1e-300, Double.POSITIVE_INFINITY}) {
            partialsAre(Primitive.POW_CONST, a, 0, 0, 0, 0, 0, 0, 0);
            partialsAre(Primitive.POW_CONST, a, 0, 1, 1, 0, 0, 0, 0);
        }
        assertEquals(1.0, value(Primitive.POW_CONST, 0, 0, 0));
    }

    @Test
    void powOfNegativeBaseDifferentiatesInTheBaseForIntegerExponents() {
        for (double b : new double[] {-3, -2, -1, 2, 3, 5}) {
            double a = -1.7;
            double[] r = rules(Primitive.POW, a, b, 0);
            assertEquals(b * Math.pow(a, b - 1), r[1], CLOSED_FORM * Math.abs(r[1]), "∂a at b=" + b);
            assertEquals(b * (b - 1) * Math.pow(a, b - 2), r[3], CLOSED_FORM * Math.abs(r[3]), "∂a∂a at b=" + b);
            assertTrue(Double.isNaN(r[2]), "∂b is NaN for a negative base");
            double[] c = rules(Primitive.POW_CONST, a, 0, b);
            assertEquals(r[1], c[1], CLOSED_FORM * Math.abs(r[1]), "pow-const agrees at p=" + b);
            assertEquals(r[3], c[3], CLOSED_FORM * Math.abs(r[3]), "pow-const agrees at p=" + b);
        }
    }

    @Test
    void atan2AndHypotHaveZeroPartialsAtTheOrigin() {
        for (double a : new double[] {0.0, -0.0}) {
            for (double b : new double[] {0.0, -0.0}) {
                partialsAre(Primitive.ATAN2, a, b, 0, 0, 0, 0, 0, 0);
                partialsAre(Primitive.HYPOT, a, b, 0, 0, 0, 0, 0, 0);
            }
        }
    }
}
