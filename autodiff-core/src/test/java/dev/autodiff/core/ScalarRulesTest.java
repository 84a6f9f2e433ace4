package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autodiff.core.RuleOracles.Point;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.ScalarRules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic rule table against the numeric one, for every {@link Primitive} (iterated from
 * {@code values()}, so a new primitive is checked as soon as it exists): its partials evaluated at
 * doubles equal {@link Rules}' to rounding at points across each domain, and exactly at the
 * conventions documented on {@link Primitive}; and its partials differentiated symbolically give
 * {@link Rules}' second partials. So the two tables cannot drift apart unseen.
 */
class ScalarRulesTest {
    private static final int POINTS = 400;
    private static final Variable A = Expr.variable("a");
    private static final Variable B = Expr.variable("b");
    private static final Variable C = Expr.variable("c");

    /**
     * Both tables evaluate a handful of correctly rounded operations (≤ 2 ulps each for the Math
     * functions) in a different order or form, so they differ by some tens of ulps at most: 1e-14
     * relative (45 ulps). Where a partial falls below the normal range an ulp is larger than that,
     * hence the floor of 16 ulps; and where Rules switches formula to keep a tail subnormal (atan
     * beyond 1.3e154, 1/a² against 1/(1 + a²) = 0) the difference is below Double.MIN_NORMAL.
     */
    private static final double FIRST = 1e-14;

    /**
     * Second partials: the symbolic derivative of a generic partial is a different formula from
     * Rules' closed form (the product and chain rules applied to it), a few more operations: 1e-13
     * relative to the larger of the result and the terms that cancel in it ({@link #symbolicScale}).
     * Reverse accumulation multiplies adjoints and partials in an order the closed forms avoid, so
     * in far tails an intermediate product may underflow or overflow where the closed form does not
     * (∂²tanh at a = -275 is 8e-238, but the adjoint on the way is 2e-119 · 4e-238): second partials
     * are compared where they lie within [1e-150, 1e150].
     */
    private static final double SECOND = 1e-13;

    /**
     * {@return the size of the terms the symbolic second partial {@code k} subtracts}: the quotient
     * rule on hypot's a/v gives 1/v - a²/v³, which cancels where |a| dominates |b| (Rules computes
     * b²/v³ directly); elsewhere the cancellations are those of the closed forms
     */
    private static double symbolicScale(Primitive op, int k, double a, double b) {
        if (op == Primitive.HYPOT && (k == 3 || k == 5)) {
            return 1 / Math.hypot(a, b);
        }
        if (op == Primitive.SIGMOID && k == 3) {
            // the derivative of σ(a)σ(-a) is σ'(a)·(σ(-a) - σ(a)), a difference of terms near ½ at
            // small a, so its error is absolute, a few ulps of σ' ≤ ¼ (the table's form, -σ'·tanh(a/2), is not)
            return 0.25;
        }
        return RuleOracles.cancellation(op, k, a, b);
    }

    static Stream<Primitive> primitives() {
        return Arrays.stream(Primitive.values());
    }

    private static double[] rules(Primitive op, double a, double b, double p) {
        Partials out = new Partials();
        Rules.apply(op.ordinal(), a, b, p, out);
        return new double[] {out.value, out.da, out.db, out.secondAA(), out.secondAB(), out.secondBB()};
    }

    /** {@return ∂a and ∂b of the generic table at doubles}, NaN-free zeros for structural zeros */
    private static double[] generic(Primitive op, double a, double b, double p) {
        Num x = new Num(a);
        Num y = (op.arity() == 2 && !op.hasConstantOrder()) || op == Primitive.IF_ELSE ? new Num(b) : null;
        Num c = op == Primitive.IF_ELSE ? new Num(p) : null;
        Num v = new Num(rules(op, a, b, p)[0]);
        ScalarRules.Pair<Num> d = ScalarRules.partials(op, x, y, p, c, v);
        return new double[] {value(d.da()), value(d.db())};
    }

    private static double value(@Nullable Num n) {
        return n == null ? 0 : n.v();
    }

    private static double tolerance(double expected, double scale) {
        return Math.max(Math.max(16 * Math.ulp(expected), Double.MIN_NORMAL), FIRST * Math.max(Math.abs(expected), scale));
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void genericPartialsAtDoublesEqualTheNumericTable(Primitive op) {
        for (Point pt : RuleOracles.points(op, new Random(4321 + op.ordinal()), POINTS)) {
            double[] expected = rules(op, pt.a(), pt.b(), pt.p());
            double[] actual = generic(op, pt.a(), pt.b(), pt.p());
            for (int k = 0; k < 2; k++) {
                double e = expected[1 + k];
                int kk = k;
                assertEquals(e, actual[k], tolerance(e, 0), () -> op + (kk == 0 ? " ∂a" : " ∂b") + " at " + pt);
            }
        }
    }

    /** {@return the expression of {@code op} over variables a, b (and condition c)} */
    private static Expr node(Primitive op, double p) {
        return switch (op) {
            case POW_CONST -> A.pow(p);
            case POLYGAMMA -> A.polygamma((int) p);
            case IF_ELSE -> Expr.ifElse(C, A, B);
            default -> op.arity() == 1 ? Unary.of(op, A) : Binary.of(op, A, B);
        };
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void symbolicFirstAndSecondDerivativesEqualTheNumericTable(Primitive op) {
        for (Point pt : RuleOracles.points(op, new Random(8765 + op.ordinal()), POINTS / 4)) {
            // IF_ELSE's third argument is its condition; POW_CONST's is a constant exponent
            Expr f = node(op, pt.p());
            Map<Variable, Num> at = Map.of(A, new Num(pt.a()), B, new Num(pt.b()), C, new Num(pt.p()));
            List<Expr> first = f.gradient(List.of(A, B));
            List<Expr> fa = first.get(0).gradient(List.of(A, B));
            List<Expr> fb = first.get(1).gradient(List.of(A, B));
            double[] expected = rules(op, pt.a(), pt.b(), pt.p());
            double[] actual = {
                first.get(0).evaluate(at).v(), first.get(1).evaluate(at).v(),
                fa.get(0).evaluate(at).v(), fa.get(1).evaluate(at).v(), fb.get(1).evaluate(at).v(),
            };
            String[] names = {"∂a", "∂b", "∂a∂a", "∂a∂b", "∂b∂b"};
            for (int k = 0; k < actual.length; k++) {
                double e = expected[1 + k];
                if (k >= 2 && e != 0 && !(Math.abs(e) > 1e-150 && Math.abs(e) < 1e150)) {
                    continue;
                }
                double scale = symbolicScale(op, 1 + k, pt.a(), pt.b());
                double tol = k < 2 ? tolerance(e, scale)
                        : Math.max(Math.max(16 * Math.ulp(e), Double.MIN_NORMAL), SECOND * Math.max(Math.abs(e), scale));
                int kk = k;
                assertEquals(e, actual[k], tol, () -> op + " " + names[kk] + " at " + pt + " from " + f);
            }
            // the mixed partial is the same whichever way it is taken
            if (op.arity() == 2 && !op.hasConstantOrder()) {
                double ab = fa.get(1).evaluate(at).v();
                double ba = fb.get(0).evaluate(at).v();
                assertEquals(ab, ba, Math.max(SECOND * Math.max(Math.abs(ab), RuleOracles.cancellation(op, 4, pt.a(), pt.b())),
                        Double.MIN_NORMAL), () -> op + " ∂a∂b ≠ ∂b∂a at " + pt);
            }
        }
    }

    // ---- the documented conventions, exactly ----

    /** {@return whether x and y are equal numbers, or both NaN}: a partial of 0 may be -0.0 in one table and 0.0 in the other */
    private static boolean same(double x, double y) {
        return x == y || (x != x && y != y);
    }

    private static void partialsAre(Primitive op, double a, double b, double p, double da, double db) {
        double[] actual = generic(op, a, b, p);
        double[] numeric = rules(op, a, b, p);
        if (!(same(actual[0], da) && same(actual[1], db) && same(numeric[1], da) && same(numeric[2], db))) {
            fail(op + " at (" + a + ", " + b + ", p=" + p + "): expected partials " + da + ", " + db + "; generic "
                    + Arrays.toString(actual) + ", numeric " + Arrays.toString(Arrays.copyOfRange(numeric, 1, 3)));
        }
    }

    @Test
    void absHasDerivativeZeroAtZero() {
        partialsAre(Primitive.ABS, 0.0, 0, 0, 0, 0);
        partialsAre(Primitive.ABS, -0.0, 0, 0, 0, 0);
        partialsAre(Primitive.ABS, Double.NaN, 0, 0, 0, 0);
        partialsAre(Primitive.ABS, -3, 0, 0, -1, 0);
    }

    @Test
    void maxAndMinSplitTheDerivativeAtTiesAndAtNaN() {
        for (double t : new double[] {3, -2.5, 0, 1e300, Double.POSITIVE_INFINITY}) {
            partialsAre(Primitive.MAX, t, t, 0, 0.5, 0.5);
            partialsAre(Primitive.MIN, t, t, 0, 0.5, 0.5);
        }
        partialsAre(Primitive.MAX, 0.0, -0.0, 0, 0.5, 0.5);
        partialsAre(Primitive.MIN, -0.0, 0.0, 0, 0.5, 0.5);
        partialsAre(Primitive.MAX, Double.NaN, 1, 0, 0.5, 0.5);
        partialsAre(Primitive.MAX, 2, 1, 0, 1, 0);
        partialsAre(Primitive.MIN, 2, 1, 0, 0, 1);
    }

    @Test
    void atan2AndHypotHaveZeroPartialsAtTheOrigin() {
        for (double a : new double[] {0.0, -0.0}) {
            for (double b : new double[] {0.0, -0.0}) {
                partialsAre(Primitive.ATAN2, a, b, 0, 0, 0);
                partialsAre(Primitive.HYPOT, a, b, 0, 0, 0);
            }
        }
        // and do not overflow where a² + b² would
        double[] big = generic(Primitive.ATAN2, 1e200, 1e200, 0);
        assertEquals(0.5e-200, big[0], 1e-15 * 0.5e-200);
        assertEquals(-0.5e-200, big[1], 1e-15 * 0.5e-200);
    }

    @Test
    void powHasItsConventionsAtBaseZeroAndExponentsZeroAndOne() {
        for (double b : new double[] {-2, -0.5, 0, 0.5, 1, 1.5, 2, 3}) {
            double da = rules(Primitive.POW, 0, b, 0)[1];
            partialsAre(Primitive.POW, 0, b, 0, da, 0);
        }
        for (double a : new double[] {0, -0.0, 2, -3, 1e-300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            partialsAre(Primitive.POW, a, 0, 0, 0, rules(Primitive.POW, a, 0, 0)[2]);
            double[] one = generic(Primitive.POW, a, 1, 0);
            assertEquals(1.0, one[0], 0.0, "∂a at b=1, a=" + a);
        }
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.POW, 0, 0.5, 0)[0]);
    }

    @Test
    void powConstHasDerivativeZeroAtExponentZeroAndOneAtExponentOne() {
        for (double a : new double[] {0, -0.0, 2, -3, 1e-300, Double.POSITIVE_INFINITY, Double.NaN}) {
            partialsAre(Primitive.POW_CONST, a, 0, 0, 0, 0);
            partialsAre(Primitive.POW_CONST, a, 0, 1, 1, 0);
        }
        assertNull(ScalarRules.partials(Primitive.POW_CONST, new Num(2), null, 0, null, new Num(1)).da(),
                "x^0 has a structural zero derivative");
    }

    @Test
    void infiniteDerivativesAtTheEdgesOfDomains() {
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.SQRT, 0, 0, 0)[0]);
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.CBRT, 0, 0, 0)[0]);
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.ASIN, 1, 0, 0)[0]);
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.ASIN, -1, 0, 0)[0]);
        assertEquals(Double.NEGATIVE_INFINITY, generic(Primitive.ACOS, 1, 0, 0)[0]);
        assertEquals(Double.NEGATIVE_INFINITY, generic(Primitive.ACOS, -1, 0, 0)[0]);
        assertEquals(Double.POSITIVE_INFINITY, generic(Primitive.ACOSH, 1, 0, 0)[0]);
    }

    @Test
    void comparisonsHaveStructuralZeroPartials() {
        for (Primitive op : Primitive.values()) {
            if (op.isComparison()) {
                ScalarRules.Pair<Num> d = ScalarRules.partials(op, new Num(1), new Num(2), 0, null, new Num(1));
                assertNull(d.da(), op + " ∂a");
                assertNull(d.db(), op + " ∂b");
            }
        }
    }

    @Test
    void ifElseSendsTheWholeDerivativeToTheBranchTakenAndNoneForANaNCondition() {
        for (double c : new double[] {1, -2, 1e-300, Double.POSITIVE_INFINITY}) {
            partialsAre(Primitive.IF_ELSE, 3, 4, c, 1, 0);
        }
        partialsAre(Primitive.IF_ELSE, 3, 4, 0.0, 0, 1);
        partialsAre(Primitive.IF_ELSE, 3, 4, -0.0, 0, 1);
        partialsAre(Primitive.IF_ELSE, 3, 4, Double.NaN, 0, 0);
    }

    @Test
    void everyPrimitiveHasAnEntry() {
        // the table's switch is exhaustive; this guards against an entry that throws
        for (Primitive op : Primitive.values()) {
            double[] d = generic(op, 0.5, 0.25, op == Primitive.POW_CONST ? 3 : 1);
            assertTrue(d.length == 2, op.toString());
        }
    }
}
