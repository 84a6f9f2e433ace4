package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the hyperbolic functions and their inverses: sinh, cosh, tanh, asinh, acosh,
 * atanh. Each entry holds every rule of its primitive (see the package documentation). Where the
 * numeric partials switch formulas in far tails (asinh, acosh beyond 1e8), the generic partials use
 * one formula accurate everywhere instead, so that their own derivatives are smooth.
 */
final class Hyperbolic {
    private Hyperbolic() {}

    /** Hyperbolic sine. */
    static final class Sinh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.sinh(a);
        }

        static void partials(double a, double v, Partials out) {
            out.set(v, Math.cosh(a), v);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.cosh(), null);
        }

        /** {@code s' = c·a'}, {@code c' = s·a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.cosh(s[a]), 1, 1);
        }
    }

    /** Hyperbolic cosine. */
    static final class Cosh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.cosh(a);
        }

        static void partials(double a, double v, Partials out) {
            out.set(v, Math.sinh(a), v);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.sinh(), null);
        }

        /** {@code c' = s·a'}, {@code s' = c·a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            TaylorRules.coupled(s, a, y, d, from, w.g, Math.sinh(s[a]), 1, 1);
        }
    }

    /** Hyperbolic tangent. */
    static final class Tanh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.tanh(a);
        }

        static void partials(double a, double v, Partials out) {
            // 1/cosh², not 1 - tanh², which cancels once |a| exceeds a few units (and is 0 beyond 19)
            double r = 1 / Math.cosh(a);
            double d = r * r;
            Rules.unary(out, v, d, r, -2 * v, -2 * v * d);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one, T value) {
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
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w, double da) {
            TaylorRules.tangentLike(s, a, y, d, from, w.g, da, -1);
        }
    }

    /** Inverse hyperbolic sine. */
    static final class Asinh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        /** Odd, and accurate for large and small |a|. */
        static double value(double a) {
            double x = Math.abs(a);
            double r = x > 1e8 ? Math.log(x) + Math.log(2) : Math.log1p(x + x * x / (1 + Math.sqrt(1 + x * x)));
            return Math.copySign(r, a);
        }

        static void partials(double a, double v, Partials out) {
            // beyond 1e8, √(a² + 1) is |a| to double precision, and a² may overflow
            double r = Math.abs(a) > 1e8 ? 1 / Math.abs(a) : 1 / Math.sqrt(a * a + 1);
            Rules.unary(out, v, r, r, -a * r, -a * r * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            // hypot(a, 1) = √(a² + 1) without overflow
            return new Pair<>(one.div(a.hypot(one)), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
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
    static final class Acosh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        /**
         * NaN below 1. As {@code log1p(t + √(t(a + 1)))} with {@code t = a - 1}, exact near 1, where
         * {@code log(a + √(a² - 1))} loses half the digits.
         */
        static double value(double a) {
            double t = a - 1;
            return a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(t + Math.sqrt(t * (a + 1)));
        }

        static void partials(double a, double v, Partials out) {
            // (a - 1)(a + 1) is accurate near 1 (a - 1 is exact there); a² may overflow beyond 1e8;
            // NaN below 1, where the value is (as the generic √(a - 1)·√(a + 1) gives it), not the
            // finite 1/√(a² - 1) of a ≤ -1
            double r = a > 1e8 ? 1 / a : a >= 1 ? 1 / Math.sqrt((a - 1) * (a + 1)) : Double.NaN;
            Rules.unary(out, v, r, r, -a * r, -a * r * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            // √(a - 1)·√(a + 1): accurate near 1, no overflow for large a
            return new Pair<>(one.div(a.minus(1).sqrt().times(a.plus(1).sqrt())), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
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
    static final class Atanh {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        /** NaN outside [-1, 1]. Odd, and computed at |a|: near -1 the argument of log1p would be near -1 and lose digits. */
        static double value(double a) {
            double x = Math.abs(a);
            return Math.copySign(0.5 * Math.log1p(2 * x / (1 - x)), a);
        }

        static void partials(double a, double v, Partials out) {
            double r = 1 / ((1 - a) * (1 + a));
            Rules.unary(out, v, r, r, 2 * a, 2 * a * r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one.div(one.minus(a).times(one.plus(a))), null);
        }

        /** {@code y'·(1 - a)(1 + a) = a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            InverseSeries.oneMinusSquare(s, a, w.h, d);
            InverseSeries.solve(s, a, w.h, 0, s, y, d, from);
        }
    }
}
