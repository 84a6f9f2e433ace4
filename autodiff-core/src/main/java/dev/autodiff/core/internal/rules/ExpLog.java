package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the exponentials and logarithms: {@code e^a}, {@code e^a - 1}, {@code ln a},
 * {@code log₁₀ a} and {@code ln(1 + a)}. Each entry holds every rule of its primitive (see
 * {@link Rule} and the package documentation). The logarithms' series solve {@code y'·h = a'}
 * ({@link InverseSeries}).
 */
public final class ExpLog {
    static final double LN10 = Math.log(10);

    private ExpLog() {}

    /** {@code e^a}. */
    public static final class Exp extends Rule {
        /** The entry's one instance. */
        public static final Exp RULE = new Exp();

        private Exp() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.exp(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.exp(a);
            out.set(v, v, v);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(value, null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.exp(s, a, y, d, from, s[y]);
        }
    }

    /** {@code e^a - 1}, accurate near 0. */
    public static final class Expm1 extends Rule {
        /** The entry's one instance. */
        public static final Expm1 RULE = new Expm1();

        private Expm1() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.expm1(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // not v + 1, which cancels for negative a (and is 0 below a ≈ -37)
            double e = Math.exp(a);
            out.set(Math.expm1(a), e, e);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // not v + 1, which cancels for negative a
            return new Pair<>(a.exp(), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.exp(s, a, y, d, from, Math.exp(s[a])); // e^a, not expm1(a) + 1, which cancels below 0
        }
    }

    /** Natural logarithm; derivative {@code 1/a}, IEEE at 0 and below. */
    public static final class Log extends Rule {
        /** The entry's one instance. */
        public static final Log RULE = new Log();

        private Log() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.log(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double r = 1 / a;
            Rules.unary(out, Math.log(a), r, r, -1, -r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(a), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            InverseSeries.solve(s, a, s, a, s, y, d, from); // y'·a = a'
        }
    }

    /** Base-10 logarithm. */
    public static final class Log10 extends Rule {
        /** The entry's one instance. */
        public static final Log10 RULE = new Log10();

        private Log10() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.log10(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double r = 1 / (a * LN10);
            Rules.unary(out, Math.log10(a), r, 1 / a, -1 / LN10, -r / a);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(a.times(LN10)), null);
        }

        /** {@code y'·(a ln 10) = a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            double[] h = w.h;
            for (int k = 0; k <= d; k++) {
                h[k] = s[a + k] * LN10;
            }
            InverseSeries.solve(s, a, h, 0, s, y, d, from);
        }
    }

    /** {@code ln(1 + a)}, accurate near 0. */
    public static final class Log1p extends Rule {
        /** The entry's one instance. */
        public static final Log1p RULE = new Log1p();

        private Log1p() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.log1p(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double r = 1 / (1 + a);
            Rules.unary(out, Math.log1p(a), r, r, -1, -r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(one.plus(a)), null);
        }

        /** {@code y'·(1 + a) = a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            double[] h = w.h;
            System.arraycopy(s, a, h, 0, d + 1);
            h[0] = 1 + s[a];
            InverseSeries.solve(s, a, h, 0, s, y, d, from);
        }
    }
}
