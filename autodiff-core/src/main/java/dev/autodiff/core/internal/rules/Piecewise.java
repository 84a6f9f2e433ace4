package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the piecewise primitives: abs, max, min, the comparisons and ifElse. Each entry
 * holds every rule of its primitive (see {@link Rule} and the package documentation). None writes a
 * series: they are locally linear ({@link Structure#PIECEWISE_LINEAR}, {@link Structure#CONSTANT}),
 * and {@link Rule}'s default derives theirs from the first partials. The generic partials state the
 * conventions at ties and at 0 with comparisons and {@code ifElse}, so that they equal the numeric
 * ones exactly there.
 */
public final class Piecewise {
    private Piecewise() {}

    /** Absolute value; the derivative at 0 is 0 (the subgradient {@code sign(0)}). */
    public static final class Abs extends Rule {
        /** The entry's one instance. */
        public static final Abs RULE = new Abs();

        private Abs() {
            super(Traits.of(Structure.PIECEWISE_LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.abs(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(Math.abs(a), a > 0 ? 1 : a < 0 ? -1 : 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // sign(a), with sign(0) = 0
            return new Pair<>(a.greaterThan(0).minus(a.lessThan(0)), null);
        }
    }

    /** {@code max(a, b)}; at a tie each operand receives half the derivative. */
    public static final class Max extends Rule {
        /** The entry's one instance. */
        public static final Max RULE = new Max();

        private Max() {
            super(Traits.of(Structure.PIECEWISE_LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.max(a, b);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double w = a > b ? 1 : a < b ? 0 : 0.5;
            out.set(Math.max(a, b), w, 1 - w, 0, 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            T less = a.lessThan(need(b));
            T greater = a.greaterThan(b);
            return new Pair<>(share(less, greater), share(greater, less));
        }
    }

    /** {@code min(a, b)}; at a tie each operand receives half the derivative. */
    public static final class Min extends Rule {
        /** The entry's one instance. */
        public static final Min RULE = new Min();

        private Min() {
            super(Traits.of(Structure.PIECEWISE_LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.min(a, b);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double w = a < b ? 1 : a > b ? 0 : 0.5;
            out.set(Math.min(a, b), w, 1 - w, 0, 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            T less = a.lessThan(need(b));
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

    /**
     * What the four comparisons {@code < <= > >=} share: 1 or 0 (0 when either operand is NaN),
     * derivative 0 everywhere, so their generic partials are structural zeros. Each comparison is
     * its own entry, so that a call of its {@code RULE} binds to its one test.
     */
    public abstract static sealed class Comparison extends Rule permits Less, LessOrEqual, Greater, GreaterOrEqual {
        Comparison() {
            super(Traits.of(Structure.CONSTANT));
        }

        @Override
        public final void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(value(a, b, p), 0, 0, 0, 0, 0);
        }

        /** Structural zeros (null), which the chain rule skips. */
        @Override
        final <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value,
                T one) {
            return new Pair<>(null, null);
        }
    }

    /** {@code a < b}: 1 or 0. */
    public static final class Less extends Comparison {
        /** The entry's one instance. */
        public static final Less RULE = new Less();

        private Less() {}

        @Override
        public double value(double a, double b, double p) {
            return a < b ? 1 : 0;
        }
    }

    /** {@code a <= b}: 1 or 0. */
    public static final class LessOrEqual extends Comparison {
        /** The entry's one instance. */
        public static final LessOrEqual RULE = new LessOrEqual();

        private LessOrEqual() {}

        @Override
        public double value(double a, double b, double p) {
            return a <= b ? 1 : 0;
        }
    }

    /** {@code a > b}: 1 or 0. */
    public static final class Greater extends Comparison {
        /** The entry's one instance. */
        public static final Greater RULE = new Greater();

        private Greater() {}

        @Override
        public double value(double a, double b, double p) {
            return a > b ? 1 : 0;
        }
    }

    /** {@code a >= b}: 1 or 0. */
    public static final class GreaterOrEqual extends Comparison {
        /** The entry's one instance. */
        public static final GreaterOrEqual RULE = new GreaterOrEqual();

        private GreaterOrEqual() {}

        @Override
        public double value(double a, double b, double p) {
            return a >= b ? 1 : 0;
        }
    }

    /**
     * {@code ifElse(c, a, b)}: {@code a} where the condition c (the parameter p of the numeric
     * rules) is non-zero, {@code b} where it is zero, NaN where it is NaN.
     */
    public static final class IfElse extends Rule {
        /** The entry's one instance. */
        public static final IfElse RULE = new IfElse();

        // ifElse(c, a, b) compiles with its branches as operands (the condition's derivative is 0,
        // so it is no operand of the graph): the branch taken passes its derivative on unchanged,
        // and the pattern is the union of both branches', which holds at every point
        private IfElse() {
            super(Traits.of(Structure.PIECEWISE_LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return p != p ? Double.NaN : p != 0 ? a : b;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // p is the condition's value; the branch not taken gets an exact 0 (a strong zero)
            double wa = p != 0 && p == p ? 1 : 0;
            double wb = p == 0 ? 1 : 0;
            out.set(value(a, b, p), wa, wb, 0, 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // 1 towards the branch the condition selects, 0 towards the other, 0 to both for a
            // NaN condition, as the numeric partials: c ≠ 0 is (c > 0) + (c < 0), c = 0 is (c >= 0)·(c <= 0)
            T c = need(condition);
            return new Pair<>(c.greaterThan(0).plus(c.lessThan(0)), c.greaterOrEqual(0).times(c.lessOrEqual(0)));
        }
    }
}
