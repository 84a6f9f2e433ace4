package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import java.util.function.DoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the powers and roots: {@code a^b}, {@code a^p} for a constant p, square and cube
 * roots, and {@code hypot}. Each entry holds every rule of its primitive (see {@link Rule} and the
 * package documentation); the conventions are those documented on {@link dev.autodiff.core.Primitive}.
 */
public final class Powers {
    private Powers() {}

    /** {@code a ^ b} with a variable exponent. */
    public static final class Pow extends Rule {
        /** The entry's one instance. */
        public static final Pow RULE = new Pow();

        private Pow() {
            super(Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.POWER));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.pow(a, b);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.pow(a, b);
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

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // ∂a = b·a^(b-1), 0 where b = 0 even at a = 0 (where a^(b-1) is infinite); ∂b = v·ln a,
            // 0 where a = 0. The guards test a first, so away from a = 0 the plain formulas, and
            // all their derivatives, apply at every exponent.
            T e = need(b);
            T da = e.times(a.pow(e.minus(1)));
            T zero = a.newConstant(0);
            return new Pair<>(a.ifElse(da, e.ifElse(da, zero)), a.ifElse(value.times(a.log()), zero));
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.pow(s, a, b, y, d, from, w);
        }
    }

    /** {@code a ^ p} for a constant exponent p, which never takes the logarithm of the base. */
    public static final class PowConst extends Rule {
        /** The entry's one instance. */
        public static final PowConst RULE = new PowConst();

        /** Nonlinear at a general exponent; see {@link #structure}. */
        private PowConst() {
            super(Traits.of(Structure.NONLINEAR).refinedBy(new ByExponent()).lowOrders(Traits.LowOrders.POWER));
        }

        /** {@link #structure} as a function: a class, not a method reference (see {@link Traits}). */
        private static final class ByExponent implements DoubleFunction<Structure> {
            @Override
            public Structure apply(double p) {
                return structure(p);
            }
        }

        /** {@return the structure at exponent p}: by the conventions, a^0 has derivative 0 and a^1 derivative 1 */
        static Structure structure(double p) {
            return p == 0 ? Structure.CONSTANT : p == 1 ? Structure.LINEAR : Structure.NONLINEAR;
        }

        @Override
        public double value(double a, double b, double p) {
            return p == 2 ? square(a) : Math.pow(a, p);
        }

        /** The value at p = 2, without a call of pow; also {@link Rules}' arithmetic fast path. */
        static double square(double a) {
            return a * a;
        }

        /** The partials at p = 2; also {@link Rules}' arithmetic fast path. */
        static void squarePartials(double a, Partials out) {
            out.set(a * a, 2 * a, 2);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            if (p == 2) {
                squarePartials(a, out);
                return;
            }
            double v = Math.pow(a, p);
            if (p == 0) {
                out.set(v, 0, 0);
            } else if (p == 1) {
                out.set(v, 1, 0);
            } else {
                out.set(v, p * Math.pow(a, p - 1), p * (p - 1) * Math.pow(a, p - 2));
            }
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // conventions: 0 when p = 0 and 1 when p = 1, at every base
            T da = p == 0 ? null : p == 1 ? one : p == 2 ? a.newConstant(2).times(a) : a.newConstant(p).times(a.pow(p - 1));
            return new Pair<>(da, null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.powConst(s, a, y, d, from, p, w);
        }
    }

    /** Square root; the derivative at 0 is {@code +∞}. */
    public static final class Sqrt extends Rule {
        /** The entry's one instance. */
        public static final Sqrt RULE = new Sqrt();

        private Sqrt() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.sqrt(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.sqrt(a);
            double d = 0.5 / v;
            // (√a)'' = -1/(4 a^{3/2}) = (1/a)²·(-√a/4)
            Rules.unary(out, v, d, 1 / a, -0.25 * v, -0.5 * d / a);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.newConstant(0.5).div(value), null);
        }

        /** Solves {@code y² = a} for the unknown coefficient. */
        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            for (int k = from; k <= d; k++) {
                s[y + k] = (s[a + k] - TaylorRules.cauchy(s, y, s, y, k, 1, k - 1)) / (2 * s[y]);
            }
        }
    }

    /** Cube root; the derivative at 0 is {@code +∞}. */
    public static final class Cbrt extends Rule {
        /** The entry's one instance. */
        public static final Cbrt RULE = new Cbrt();

        private Cbrt() {
            super(Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.POWER));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.cbrt(a);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.cbrt(a);
            double d = 1 / (3 * v * v);
            // (a^{1/3})'' = -(2/9) a^{-5/3} = (1/a)²·(-(2/9)·a^{1/3})
            Rules.unary(out, v, d, 1 / a, -2.0 / 9 * v, -2 * d / (3 * a));
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(one.div(a.newConstant(3).times(value).times(value)), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            w.singular |= PowerSeries.power(s, a, y, d, from, 1.0 / 3);
        }
    }

    /** {@code hypot(a, b) = √(a² + b²)} without overflow; both partials are 0 at the origin. */
    public static final class Hypot extends Rule {
        /** The entry's one instance. */
        public static final Hypot RULE = new Hypot();

        private Hypot() {
            super(Traits.of(Structure.NONLINEAR).lowOrders(Traits.LowOrders.PARTIALS));
        }

        @Override
        public double value(double a, double b, double p) {
            return Math.hypot(a, b);
        }

        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double v = Math.hypot(a, b);
            if (v == 0) {
                out.set(v, 0, 0, 0, 0, 0);
            } else {
                double ua = a / v;
                double ub = b / v;
                out.set(v, ua, ub, ub * ub / v, -ua * ub / v, ua * ua / v);
            }
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            T other = need(b);
            T zero = a.newConstant(0);
            return new Pair<>(value.ifElse(a.div(value), zero), value.ifElse(other.div(value), zero));
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            InverseSeries.hypot(s, a, b, y, d, from, w);
        }
    }
}
