package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the trigonometric functions and their inverses: sin, cos, tan, asin, acos, atan,
 * atan2. Each entry holds every rule of its primitive (see the package documentation). The
 * inverses' series solve {@code y'·h = a'} ({@link InverseSeries}), with h built in the stable form
 * the partials use.
 */
final class Trigonometric {
    private Trigonometric() {}

    /** Sine. */
    static final class Sin {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.sin(a);
        }

        static void partials(double a, double v, Partials out) {
            out.set(v, Math.cos(a), -v);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.cos(), null);
        }

        /** {@code s' = c·a'}, {@code c' = -s·a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.cos(s[a]), 1, -1);
        }
    }

    /** Cosine. */
    static final class Cos {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.cos(a);
        }

        static void partials(double a, double v, Partials out) {
            out.set(v, -Math.sin(a), -v);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.sin().unaryMinus(), null);
        }

        /** {@code c' = -s·a'}, {@code s' = c·a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.sin(s[a]), -1, 1);
        }
    }

    /** Tangent. */
    static final class Tan {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.tan(a);
        }

        static void partials(double v, Partials out) {
            double d = 1 + v * v;
            out.set(v, d, 2 * v * d);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T one, T value) {
            return new Pair<>(one.plus(value.square()), null);
        }

        /** {@code y' = q·a'} with {@code q = 1 + y²}, from the first partial {@code da}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w, double da) {
            TaylorRules.tangentLike(s, a, y, d, from, w.g, da, 1);
        }
    }

    /** Arc sine; derivative {@code +∞} at ±1. */
    static final class Asin {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.asin(a);
        }

        static void partials(double a, double v, Partials out) {
            // (1 - a)(1 + a), not 1 - a², which cancels near ±1
            double r = 1 / Math.sqrt((1 - a) * (1 + a));
            Rules.unary(out, v, r, r, a * r, a * r * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            // (1 - a)(1 + a), not 1 - a², which cancels near ±1
            return new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()), null);
        }

        /** {@code y'·√((1 - a)(1 + a)) = a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            double[] u = w.g;
            InverseSeries.oneMinusSquare(s, a, u, d);
            InverseSeries.sqrt(u, w.h, d, Math.sqrt(u[0]));
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }

    /** Arc cosine; derivative {@code -∞} at ±1. */
    static final class Acos {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.acos(a);
        }

        static void partials(double a, double v, Partials out) {
            double r = 1 / Math.sqrt((1 - a) * (1 + a));
            Rules.unary(out, v, -r, r, -a * r, -a * r * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()).unaryMinus(), null);
        }

        /** {@code y'·(-√((1 - a)(1 + a))) = a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            double[] u = w.g;
            InverseSeries.oneMinusSquare(s, a, u, d);
            InverseSeries.sqrt(u, w.h, d, -Math.sqrt(u[0]));
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }

    /** Arc tangent. */
    static final class Atan {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.atan(a);
        }

        static void partials(double a, double v, Partials out) {
            // beyond 1e8, 1 + a² is a² to double precision; dividing twice avoids overflowing a²
            double r = Math.abs(a) > 1e8 ? 1 / a / a : 1 / (1 + a * a);
            Rules.unary(out, v, r, r, -2 * a, -2 * a * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            // one formula, not the numeric partials' two: 1/(1 + a²) underflows to 0 beyond
            // |a| ≈ 1.3e154, where the numeric 1/a/a is still a subnormal
            return new Pair<>(one.div(one.plus(a.square())), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
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
    static final class Atan2 {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a, double b) {
            return Math.atan2(a, b);
        }

        static void partials(double a, double b, double v, Partials out) {
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

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b) {
            // as the numeric partials, through the unit vector (s, c) = (a, b)/r, which neither
            // overflows nor underflows; both partials 0 at the origin
            T r = a.hypot(b);
            T zero = a.newConstant(0);
            return new Pair<>(r.ifElse(b.div(r).div(r), zero), r.ifElse(a.div(r).unaryMinus().div(r), zero));
        }

        static void series(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
            InverseSeries.atan2(s, a, b, y, d, from, w);
        }
    }
}
