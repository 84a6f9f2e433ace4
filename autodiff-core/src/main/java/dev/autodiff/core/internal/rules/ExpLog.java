package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the exponentials and logarithms: {@code e^a}, {@code e^a - 1}, {@code ln a},
 * {@code log₁₀ a} and {@code ln(1 + a)}. Each entry holds every rule of its primitive (see the
 * package documentation). The logarithms' series solve {@code y'·h = a'} ({@link InverseSeries}).
 */
final class ExpLog {
    static final double LN10 = Math.log(10);

    private ExpLog() {}

    /** {@code e^a}. */
    static final class Exp {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.exp(a);
        }

        static void partials(double v, Partials out) {
            out.set(v, v, v);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T value) {
            return new Pair<>(value, null);
        }

        static void series(double[] s, int a, int y, int d, int from) {
            TaylorRules.exp(s, a, y, d, from, s[y]);
        }
    }

    /** {@code e^a - 1}, accurate near 0. */
    static final class Expm1 {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.expm1(a);
        }

        static void partials(double a, double v, Partials out) {
            // not v + 1, which cancels for negative a (and is 0 below a ≈ -37)
            double e = Math.exp(a);
            out.set(v, e, e);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            // not v + 1, which cancels for negative a
            return new Pair<>(a.exp(), null);
        }

        static void series(double[] s, int a, int y, int d, int from) {
            TaylorRules.exp(s, a, y, d, from, Math.exp(s[a])); // e^a, not expm1(a) + 1, which cancels below 0
        }
    }

    /** Natural logarithm; derivative {@code 1/a}, IEEE at 0 and below. */
    static final class Log {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.log(a);
        }

        static void partials(double a, double v, Partials out) {
            double r = 1 / a;
            Rules.unary(out, v, r, r, -1, -r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one.div(a), null);
        }

        static void series(double[] s, int a, int y, int d, int from) {
            InverseSeries.solve(s, a, s, a, s, y, d, from); // y'·a = a'
        }
    }

    /** Base-10 logarithm. */
    static final class Log10 {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.log10(a);
        }

        static void partials(double a, double v, Partials out) {
            double r = 1 / (a * LN10);
            Rules.unary(out, v, r, 1 / a, -1 / LN10, -r / a);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one.div(a.times(LN10)), null);
        }

        /** {@code y'·(a ln 10) = a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            double[] h = w.h;
            for (int k = 0; k <= d; k++) {
                h[k] = s[a + k] * LN10;
            }
            InverseSeries.solve(s, a, h, 0, s, y, d, from);
        }
    }

    /** {@code ln(1 + a)}, accurate near 0. */
    static final class Log1p {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.log1p(a);
        }

        static void partials(double a, double v, Partials out) {
            double r = 1 / (1 + a);
            Rules.unary(out, v, r, r, -1, -r * r);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one.div(one.plus(a)), null);
        }

        /** {@code y'·(1 + a) = a'}. */
        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            double[] h = w.h;
            System.arraycopy(s, a, h, 0, d + 1);
            h[0] = 1 + s[a];
            InverseSeries.solve(s, a, h, 0, s, y, d, from);
        }
    }
}
