package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the hyperbolic functions and their inverses: sinh, cosh, tanh, asinh, acosh,
 * atanh. Each entry holds every rule of its primitive (see {@link Rule} and the package
 * documentation). Where the numeric partials switch formulas in far tails (asinh, acosh beyond
 * 1e8), the generic partials use one formula accurate everywhere instead, so that their own
 * derivatives are smooth.
 */
public final class Hyperbolic {
    private Hyperbolic() {}

    /** Hyperbolic sine. */
    public static final class Sinh extends Rule {
        /** The entry's one instance. */
        public static final Sinh RULE = new Sinh();

        private Sinh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.sinh(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.sinh(a);
            out.set(v, Math.cosh(a), v);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.cosh(), null);
        }

        /** {@code s' = c·a'}, {@code c' = s·a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.cosh(s[a]), 1, 1);
        }
    }

    /** Hyperbolic cosine. */
    public static final class Cosh extends Rule {
        /** The entry's one instance. */
        public static final Cosh RULE = new Cosh();

        private Cosh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.cosh(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.cosh(a);
            out.set(v, Math.sinh(a), v);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.sinh(), null);
        }

        /** {@code c' = s·a'}, {@code s' = c·a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.sinh(s[a]), 1, 1);
        }
    }

    /** Hyperbolic tangent. */
    public static final class Tanh extends Rule {
        /** The entry's one instance. */
        public static final Tanh RULE = new Tanh();

        private Tanh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.tanh(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.tanh(a);
            // 1/cosh², not 1 - tanh², which cancels once |a| exceeds a few units (and is 0 beyond 19)
            double r = 1 / Math.cosh(a);
            double d = r * r;
            Rules.unary(out, v, d, r, -2 * v, -2 * v * d);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // sech² a: 1 - tanh² below |a| = 1, whose derivative -2 tanh·sech² keeps its relative
            // accuracy near 0; beyond, where 1 - tanh² cancels, 4σ(2a)σ(-2a), whose derivative
            // 8σ'(2a)(σ(-2a) - σ(2a)) does not cancel there (and 0 where e^-2|a| underflows, no
            // 0·∞). Not (1/cosh a)², as the numeric partials: its derivative 2r·(-r·r)·sinh a
            // underflows in its first product beyond |a| ≈ 180, where tanh'' is still normal.
            T twice = a.times(2);
            T tail = twice.sigmoid().times(twice.unaryMinus().sigmoid()).times(4);
            return new Pair<>(a.abs().lessThan(1).ifElse(one.minus(value.square()), tail), null);
        }

        /** {@code y' = q·a'} with {@code q = 1 - y²} started from {@code da = 1/cosh²}, not 1 - tanh², which is 0 beyond 19. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.tangentLike(s, a, y, d, from, w.g, q.da, -1);
        }
    }

    /** Inverse hyperbolic sine. */
    public static final class Asinh extends Rule {
        /** The entry's one instance. */
        public static final Asinh RULE = new Asinh();

        private Asinh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        /** Odd, and accurate for large and small |a|. */
        @Override
        public double value(double a, double b, double p) {
            double x = Math.abs(a);
            double r = x > 1e8 ? Math.log(x) + Math.log(2) : Math.log1p(x + x * x / (1 + Math.sqrt(1 + x * x)));
            return Math.copySign(r, a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // beyond 1e8, √(a² + 1) is |a| to double precision, and a² may overflow
            double r = Math.abs(a) > 1e8 ? 1 / Math.abs(a) : 1 / Math.sqrt(a * a + 1);
            Rules.unary(out, value(a, b, p), r, r, -a * r, -a * r * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // hypot(a, 1) = √(a² + 1) without overflow
            return new Pair<>(one.div(a.hypot(one)), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            // √(1 + a²) = m·√(m⁻² + t²) with t = a/m, so y'·√(m⁻² + t²) = t'
            double[] u = w.g;
            double[] t = w.ta;
            double m = InverseSeries.scale(Math.max(1, Math.abs(s[a])));
            InverseSeries.divide(s, a, m, t, d);
            InverseSeries.squarePlus(t, 1 / m / m, u, d);
            InverseSeries.sqrt(u, w.h, d, Math.sqrt(u[0]));
            InverseSeries.solve(t, 0, w.h, 0, s, y, d, from);
        }
    }

    /** Inverse hyperbolic cosine; derivative {@code +∞} at 1. */
    public static final class Acosh extends Rule {
        /** The entry's one instance. */
        public static final Acosh RULE = new Acosh();

        private Acosh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        /**
         * NaN below 1. As {@code log1p(t + √(t(a + 1)))} with {@code t = a - 1}, exact near 1, where
         * {@code log(a + √(a² - 1))} loses half the digits.
         */
        @Override
        public double value(double a, double b, double p) {
            double t = a - 1;
            return a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(t + Math.sqrt(t * (a + 1)));
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // (a - 1)(a + 1) is accurate near 1 (a - 1 is exact there); a² may overflow beyond 1e8;
            // NaN below 1, where the value is (as the generic √(a - 1)·√(a + 1) gives it), not the
            // finite 1/√(a² - 1) of a ≤ -1
            double r = a > 1e8 ? 1 / a : a >= 1 ? 1 / Math.sqrt((a - 1) * (a + 1)) : Double.NaN;
            Rules.unary(out, value(a, b, p), r, r, -a * r, -a * r * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // √(a - 1)·√(a + 1): accurate near 1, no overflow for large a
            return new Pair<>(one.div(a.minus(1).sqrt().times(a.plus(1).sqrt())), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            // √((a - 1)(a + 1)) = m·√(((a - 1)/m)·((a + 1)/m)), a - 1 exact near 1
            double a0 = s[a];
            double[] u = w.g;
            double[] t = w.ta;
            double m = InverseSeries.scale(Math.max(1, Math.abs(a0)));
            InverseSeries.divide(s, a, m, t, d);
            InverseSeries.squarePlus(t, 0, u, d);
            u[0] = ((a0 - 1) / m) * ((a0 + 1) / m);
            InverseSeries.sqrt(u, w.h, d, Math.sqrt(u[0]));
            InverseSeries.solve(t, 0, w.h, 0, s, y, d, from);
        }
    }

    /** Inverse hyperbolic tangent. */
    public static final class Atanh extends Rule {
        /** The entry's one instance. */
        public static final Atanh RULE = new Atanh();

        private Atanh() {
            super(Traits.of(Structure.NONLINEAR));
        }

        /** NaN outside [-1, 1]. Odd, and computed at |a|: near -1 the argument of log1p would be near -1 and lose digits. */
        @Override
        public double value(double a, double b, double p) {
            double x = Math.abs(a);
            return Math.copySign(0.5 * Math.log1p(2 * x / (1 - x)), a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double r = 1 / ((1 - a) * (1 + a));
            Rules.unary(out, value(a, b, p), r, r, 2 * a, 2 * a * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(one.minus(a).times(one.plus(a))), null);
        }

        /** {@code y'·(1 - a)(1 + a) = a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            InverseSeries.oneMinusSquare(s, a, w.h, d);
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }
}
