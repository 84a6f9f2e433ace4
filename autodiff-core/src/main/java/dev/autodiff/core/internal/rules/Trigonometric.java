package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the trigonometric functions and their inverses: sin, cos, tan, asin, acos, atan,
 * atan2. Each entry holds every rule of its primitive (see {@link Rule} and the package
 * documentation). The inverses' series solve {@code y'·h = a'} ({@link InverseSeries}), with h
 * built in the stable form the partials use.
 */
public final class Trigonometric {
    private Trigonometric() {}

    /** Sine. */
    public static final class Sin extends Rule {
        /** The entry's one instance. */
        public static final Sin RULE = new Sin();

        private Sin() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.sin(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.sin(a);
            out.set(v, Math.cos(a), -v);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.cos(), null);
        }

        /** {@code s' = c·a'}, {@code c' = -s·a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.cos(s[a]), 1, -1);
        }
    }

    /** Cosine. */
    public static final class Cos extends Rule {
        /** The entry's one instance. */
        public static final Cos RULE = new Cos();

        private Cos() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.cos(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.cos(a);
            out.set(v, -Math.sin(a), -v);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.sin().unaryMinus(), null);
        }

        /** {@code c' = -s·a'}, {@code s' = c·a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.sin(s[a]), -1, 1);
        }
    }

    /** Tangent. */
    public static final class Tan extends Rule {
        /** The entry's one instance. */
        public static final Tan RULE = new Tan();

        private Tan() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.tan(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.tan(a);
            double d = 1 + v * v;
            out.set(v, d, 2 * v * d);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.plus(value.square()), null);
        }

        /** {@code y' = q·a'} with {@code q = 1 + y²}, from the first partial {@code da}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            TaylorRules.tangentLike(s, a, y, d, from, w.g, q.da, 1);
        }
    }

    /** Arc sine; derivative {@code +∞} at ±1. */
    public static final class Asin extends Rule {
        /** The entry's one instance. */
        public static final Asin RULE = new Asin();

        private Asin() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.asin(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // (1 - a)(1 + a), not 1 - a², which cancels near ±1
            double r = 1 / Math.sqrt((1 - a) * (1 + a));
            Rules.unary(out, Math.asin(a), r, r, a * r, a * r * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // (1 - a)(1 + a), not 1 - a², which cancels near ±1
            return new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()), null);
        }

        /** {@code y'·√((1 - a)(1 + a)) = a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            double[] u = w.g;
            InverseSeries.oneMinusSquare(s, a, u, d);
            InverseSeries.sqrt(u, w.h, d, Math.sqrt(u[0]));
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }

    /** Arc cosine; derivative {@code -∞} at ±1. */
    public static final class Acos extends Rule {
        /** The entry's one instance. */
        public static final Acos RULE = new Acos();

        private Acos() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.acos(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double r = 1 / Math.sqrt((1 - a) * (1 + a));
            Rules.unary(out, Math.acos(a), -r, r, -a * r, -a * r * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()).unaryMinus(), null);
        }

        /** {@code y'·(-√((1 - a)(1 + a))) = a'}. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            double[] u = w.g;
            InverseSeries.oneMinusSquare(s, a, u, d);
            InverseSeries.sqrt(u, w.h, d, -Math.sqrt(u[0]));
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }

    /** Arc tangent. */
    public static final class Atan extends Rule {
        /** The entry's one instance. */
        public static final Atan RULE = new Atan();

        private Atan() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.atan(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            // beyond 1e8, 1 + a² is a² to double precision; dividing twice avoids overflowing a²
            double r = Math.abs(a) > 1e8 ? 1 / a / a : 1 / (1 + a * a);
            Rules.unary(out, Math.atan(a), r, r, -2 * a, -2 * a * r * r);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // one formula, not the numeric partials' two: 1/(1 + a²) underflows to 0 beyond
            // |a| ≈ 1.3e154, where the numeric 1/a/a is still a subnormal
            return new Pair<>(one.div(one.plus(a.square())), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            // 1 + a² = m²·(m⁻² + t²) with t = a/m, so y'·(m⁻² + t²) = (t/m)'
            double[] h = w.h;
            double[] t = w.ta;
            double m = InverseSeries.scale(Math.max(1, Math.abs(s[a])));
            InverseSeries.divide(s, a, m, t, d);
            InverseSeries.squarePlus(t, 1 / m / m, h, d);
            for (int k = 0; k <= d; k++) {
                t[k] /= m;
            }
            InverseSeries.solve(t, 0, h, 0, s, y, d, from);
        }
    }

    /** {@code atan2(a, b)}, the angle of the point {@code (b, a)}; both partials are 0 at the origin. */
    public static final class Atan2 extends Rule {
        /** The entry's one instance. */
        public static final Atan2 RULE = new Atan2();

        private Atan2() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.atan2(a, b);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.atan2(a, b);
            double r = Math.hypot(a, b);
            if (r == 0) {
                out.set(v, 0, 0, 0, 0, 0);
            } else {
                // atan2(a, b): ∂a = b/r², ∂b = -a/r², ∂a∂a = -2ab/r⁴, ∂a∂b = (a²-b²)/r⁴, ∂b∂b = 2ab/r⁴,
                // through the unit vector (s, c) = (a, b)/r: a² + b² would underflow or overflow
                // where these are representable
                double s = a / r;
                double c = b / r;
                double q = 2 * s * c / r / r;
                out.set(v, c / r, -s / r, -q, (s - c) * (s + c) / r / r, q);
            }
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // as the numeric partials, through the unit vector (s, c) = (a, b)/r, which neither
            // overflows nor underflows; both partials 0 at the origin
            T other = need(b);
            T r = a.hypot(other);
            T zero = a.newConstant(0);
            return new Pair<>(r.ifElse(other.div(r).div(r), zero), r.ifElse(a.div(r).unaryMinus().div(r), zero));
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            InverseSeries.atan2(s, a, b, y, d, from, w);
        }
    }
}
