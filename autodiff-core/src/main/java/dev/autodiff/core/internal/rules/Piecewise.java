package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the piecewise primitives: abs, max, min, the comparisons and ifElse. Each entry
 * holds every rule of its primitive (see the package documentation). None declares a series: they
 * are locally linear ({@link Structure#PIECEWISE_LINEAR}, {@link Structure#CONSTANT}), and Taylor
 * mode derives theirs from the first partials. The generic partials state the conventions at ties
 * and at 0 with comparisons and {@code ifElse}, so that they equal the numeric ones exactly there.
 */
final class Piecewise {
    private Piecewise() {}

    /** Absolute value; the derivative at 0 is 0 (the subgradient {@code sign(0)}). */
    static final class Abs {
        static final Traits TRAITS = Traits.of(Structure.PIECEWISE_LINEAR);

        static double value(double a) {
            return Math.abs(a);
        }

        static void partials(double a, double v, Partials out) {
            out.set(v, a > 0 ? 1 : a < 0 ? -1 : 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            // sign(a), with sign(0) = 0
            return new Pair<>(a.greaterThan(0).minus(a.lessThan(0)), null);
        }
    }

    /** {@code max(a, b)}; at a tie each operand receives half the derivative. */
    static final class Max {
        static final Traits TRAITS = Traits.of(Structure.PIECEWISE_LINEAR);

        static double value(double a, double b) {
            return Math.max(a, b);
        }

        static void partials(double a, double b, double v, Partials out) {
            double w = a > b ? 1 : a < b ? 0 : 0.5;
            out.set(v, w, 1 - w, 0, 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b) {
            T less = a.lessThan(b);
            T greater = a.greaterThan(b);
            return new Pair<>(share(less, greater), share(greater, less));
        }
    }

    /** {@code min(a, b)}; at a tie each operand receives half the derivative. */
    static final class Min {
        static final Traits TRAITS = Traits.of(Structure.PIECEWISE_LINEAR);

        static double value(double a, double b) {
            return Math.min(a, b);
        }

        static void partials(double a, double b, double v, Partials out) {
            double w = a < b ? 1 : a > b ? 0 : 0.5;
            out.set(v, w, 1 - w, 0, 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b) {
            T less = a.lessThan(b);
            T greater = a.greaterThan(b);
            return new Pair<>(share(greater, less), share(less, greater));
        }
    }

    /**
     * {@return an operand's share of the derivative of max or min: 0 where it {@code loses}, else 1
     * where it {@code wins}, else ½ (a tie, or a NaN operand, as the numeric partials have it)}
     */
    private static <T extends Scalar<T>> T share(T loses, T wins) {
        return loses.ifElse(loses.newConstant(0), wins.ifElse(wins.newConstant(1), wins.newConstant(0.5)));
    }

    /** The comparisons {@code < <= > >=}: 1 or 0 (0 when either operand is NaN); derivative 0. */
    static final class Comparison {
        static final Traits TRAITS = Traits.of(Structure.CONSTANT);

        static double less(double a, double b) {
            return a < b ? 1 : 0;
        }

        static double lessOrEqual(double a, double b) {
            return a <= b ? 1 : 0;
        }

        static double greater(double a, double b) {
            return a > b ? 1 : 0;
        }

        static double greaterOrEqual(double a, double b) {
            return a >= b ? 1 : 0;
        }

        static void partials(double v, Partials out) {
            out.set(v, 0, 0, 0, 0, 0);
        }

        /** Structural zeros (null), which the chain rule skips. */
        static <T extends Scalar<T>> Pair<T> scalar() {
            return new Pair<>(null, null);
        }
    }

    /**
     * {@code ifElse(c, a, b)}: {@code a} where the condition c (the parameter p of the numeric
     * rules) is non-zero, {@code b} where it is zero, NaN where it is NaN.
     */
    static final class IfElse {
        // ifElse(c, a, b) compiles with its branches as operands (the condition's derivative is 0,
        // so it is no operand of the graph): the branch taken passes its derivative on unchanged,
        // and the pattern is the union of both branches', which holds at every point
        static final Traits TRAITS = Traits.of(Structure.PIECEWISE_LINEAR);

        static double value(double a, double b, double p) {
            return p != p ? Double.NaN : p != 0 ? a : b;
        }

        static void partials(double p, double v, Partials out) {
            // p is the condition's value; the branch not taken gets an exact 0 (a strong zero)
            double wa = p != 0 && p == p ? 1 : 0;
            double wb = p == 0 ? 1 : 0;
            out.set(v, wa, wb, 0, 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T c) {
            // 1 towards the branch the condition selects, 0 towards the other, 0 to both for a
            // NaN condition, as the numeric partials: c ≠ 0 is (c > 0) + (c < 0), c = 0 is (c >= 0)·(c <= 0)
            return new Pair<>(c.greaterThan(0).plus(c.lessThan(0)), c.greaterOrEqual(0).times(c.lessOrEqual(0)));
        }
    }
}
