package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the arithmetic primitives: {@code a + b}, {@code a - b}, {@code a · b},
 * {@code a / b} and {@code -a}. Each entry holds every rule of its primitive (see {@link Rule} and
 * the package documentation): traits, value, numeric partials, generic partials and Taylor series.
 * Sums, differences and negations write no series: they are {@link Structure#LINEAR}, and
 * {@link Rule}'s default derives it. Their numeric rules are what {@link Rules#apply}'s arithmetic
 * fast path calls.
 */
public final class Arithmetic {
    private Arithmetic() {}

    /** {@code a + b}. */
    public static final class Add extends Rule {
        /** The entry's one instance. */
        public static final Add RULE = new Add();

        private Add() {
            super(Traits.of(Structure.LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return a + b;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(a + b, 1, 1, 0, 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one, one);
        }
    }

    /** {@code a - b}. */
    public static final class Sub extends Rule {
        /** The entry's one instance. */
        public static final Sub RULE = new Sub();

        private Sub() {
            super(Traits.of(Structure.LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return a - b;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(a - b, 1, -1, 0, 0, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one, a.newConstant(-1));
        }
    }

    /** {@code a · b}. */
    public static final class Mul extends Rule {
        /** The entry's one instance. */
        public static final Mul RULE = new Mul();

        private Mul() {
            super(Traits.of(Structure.BILINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return a * b;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(a * b, b, a, 0, 1, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            T other = need(b);
            return new Pair<>(other, a);
        }

        /** The Cauchy product. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            for (int k = from; k <= d; k++) {
                s[y + k] = TaylorRules.cauchy(s, a, s, b, k, 0, k);
            }
        }
    }

    /** {@code a / b}; IEEE at {@code b = 0}. */
    public static final class Div extends Rule {
        /** The entry's one instance. */
        public static final Div RULE = new Div();

        private Div() {
            super(Traits.of(Structure.QUOTIENT));
        }

        @Override
        public double value(double a, double b, double p) {
            return a / b;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = a / b;
            double r = 1 / b;
            // ∂b(a/b) = -a/b², ∂a∂b = -1/b², ∂b∂b = 2a/b³: scaled by r = 1/b, they are -1 and 2v
            if (Rules.scalable(r)) {
                out.set(v, r, -v * r, r, 0, -1, 2 * v);
            } else {
                out.set(v, r, -v * r, 0, -r * r, 2 * v * r * r);
            }
        }

        /**
         * {@return {@code weight · ∂}} of operand 0 or 1 where the partial alone overflows:
         * {@code -(w·(a/b))/b} stays finite near {@code b → 0} for a tiny weight where {@code -a/b²} does not
         */
        @Override
        double chain(int operand, double weight, double a, double b, double p, double partial) {
            if (Double.isNaN(partial)) {
                return weight * partial;
            }
            return operand == 0 ? weight / b : -(weight * (a / b)) / b;
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // as the numeric partials: ∂a = r = 1/b, ∂b = -v·r
            T r = one.div(need(b));
            return new Pair<>(r, value.unaryMinus().times(r));
        }

        /** Solves {@code y·b = a} for the unknown coefficient. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            for (int k = from; k <= d; k++) {
                s[y + k] = (s[a + k] - TaylorRules.cauchy(s, b, s, y, k, 1, k)) / s[b];
            }
        }
    }

    /** {@code -a}. */
    public static final class Neg extends Rule {
        /** The entry's one instance. */
        public static final Neg RULE = new Neg();

        private Neg() {
            super(Traits.of(Structure.LINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return -a;
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(-a, -1, 0);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.newConstant(-1), null);
        }
    }
}
