package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the powers and roots: {@code a^b}, {@code a^p} for a constant p, square and cube
 * roots, and {@code hypot}. Each entry holds every rule of its primitive (see the package
 * documentation); the conventions are those documented on {@link dev.autodiff.core.Primitive}.
 */
final class Powers {
    private Powers() {}

    /** {@code a ^ b} with a variable exponent. */
    static final class Pow {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.POWER);

        static double value(double a, double b) {
            return Math.pow(a, b);
        }

        static void partials(double a, double b, double v, Partials out) {
            // Conventions (see Primitive.POW): b·a^(b-1) is 0 at b = 0 and b(b-1)·a^(b-2) is 0 at b = 0
            // or 1, even where the power itself is infinite; terms with ln a are 0 at a = 0.
            double am1 = Math.pow(a, b - 1);
            double da = b == 0 ? 0 : b * am1;
            double daa = b == 0 || b == 1 ? 0 : b * (b - 1) * Math.pow(a, b - 2);
            if (a == 0) {
                out.set(v, da, 0, daa, 0, 0);
                return;
            }
            double ln = Math.log(a);
            // ∂a∂b (a^b) = a^(b-1)·(1 + b·ln a); ∂b∂b = a^b·ln² a
            out.set(v, da, v * ln, daa, am1 * (1 + b * ln), v * ln * ln);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b, T value) {
            // ∂a = b·a^(b-1), 0 where b = 0 even at a = 0 (where a^(b-1) is infinite); ∂b = v·ln a,
            // 0 where a = 0. The guards test a first, so away from a = 0 the plain formulas, and
            // all their derivatives, apply at every exponent.
            T da = b.times(a.pow(b.minus(1)));
            T zero = a.newConstant(0);
            return new Pair<>(a.ifElse(da, b.ifElse(da, zero)), a.ifElse(value.times(a.log()), zero));
        }

        static void series(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.pow(s, a, b, y, d, from, w);
        }
    }

    /** {@code a ^ p} for a constant exponent p, which never takes the logarithm of the base. */
    static final class PowConst {
        /** Nonlinear at a general exponent; see {@link #structure}. */
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR).refinedBy(PowConst::structure)
                .lowOrders(Traits.LowOrders.POWER);

        /** {@return the structure at exponent p}: by the conventions, a^0 has derivative 0 and a^1 derivative 1 */
        static Structure structure(double p) {
            return p == 0 ? Structure.CONSTANT : p == 1 ? Structure.LINEAR : Structure.NONLINEAR;
        }

        static double value(double a, double p) {
            return p == 2 ? square(a) : Math.pow(a, p);
        }

        /** The value at p = 2, which {@link Rules}' arithmetic fast path computes without a call of pow. */
        static double square(double a) {
            return a * a;
        }

        /** The partials at p = 2, for {@link Rules}' arithmetic fast path. */
        static void squarePartials(double a, Partials out) {
            out.set(a * a, 2 * a, 2);
        }

        static void partials(double a, double p, double v, Partials out) {
            if (p == 0) {
                out.set(v, 0, 0);
            } else if (p == 1) {
                out.set(v, 1, 0);
            } else {
                // p == 2 is handled by apply's arithmetic fast path (squarePartials)
                out.set(v, p * Math.pow(a, p - 1), p * (p - 1) * Math.pow(a, p - 2));
            }
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, double p, T one) {
            // conventions: 0 when p = 0 and 1 when p = 1, at every base
            T da = p == 0 ? null : p == 1 ? one : p == 2 ? a.newConstant(2).times(a) : a.newConstant(p).times(a.pow(p - 1));
            return new Pair<>(da, null);
        }

        static void series(double[] s, int a, int y, int d, int from, double p, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.powConst(s, a, y, d, from, p, w);
        }
    }

    /** Square root; the derivative at 0 is {@code +∞}. */
    static final class Sqrt {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return Math.sqrt(a);
        }

        static void partials(double a, double v, Partials out) {
            double d = 0.5 / v;
            // (√a)'' = -1/(4 a^{3/2}) = (1/a)²·(-√a/4)
            Rules.unary(out, v, d, 1 / a, -0.25 * v, -0.5 * d / a);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T value) {
            return new Pair<>(a.newConstant(0.5).div(value), null);
        }

        /** Solves {@code y² = a} for the unknown coefficient. */
        static void series(double[] s, int a, int y, int d, int from) {
            for (int k = from; k <= d; k++) {
                s[y + k] = (s[a + k] - TaylorRules.cauchy(s, y, s, y, k, 1, k - 1)) / (2 * s[y]);
            }
        }
    }

    /** Cube root; the derivative at 0 is {@code +∞}. */
    static final class Cbrt {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.POWER);

        static double value(double a) {
            return Math.cbrt(a);
        }

        static void partials(double a, double v, Partials out) {
            double d = 1 / (3 * v * v);
            // (a^{1/3})'' = -(2/9) a^{-5/3} = (1/a)²·(-(2/9)·a^{1/3})
            Rules.unary(out, v, d, 1 / a, -2.0 / 9 * v, -2 * d / (3 * a));
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one, T value) {
            return new Pair<>(one.div(a.newConstant(3).times(value).times(value)), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.power(s, a, y, d, from, 1.0 / 3);
        }
    }

    /** {@code hypot(a, b) = √(a² + b²)} without overflow; both partials are 0 at the origin. */
    static final class Hypot {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.PARTIALS);

        static double value(double a, double b) {
            return Math.hypot(a, b);
        }

        static void partials(double a, double b, double v, Partials out) {
            if (v == 0) {
                out.set(v, 0, 0, 0, 0, 0);
            } else {
                double ua = a / v;
                double ub = b / v;
                out.set(v, ua, ub, ub * ub / v, -ua * ub / v, ua * ua / v);
            }
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b, T value) {
            T zero = a.newConstant(0);
            return new Pair<>(value.ifElse(a.div(value), zero), value.ifElse(b.div(value), zero));
        }

        static void series(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
            InverseSeries.hypot(s, a, b, y, d, from, w);
        }
    }
}
