package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the arithmetic primitives: {@code a + b}, {@code a - b}, {@code a · b},
 * {@code a / b} and {@code -a}. Each entry holds every rule of its primitive (see the package
 * documentation): traits, value, numeric partials, generic partials and Taylor series. Sums,
 * differences and negations declare no series: they are {@link Structure#LINEAR}, and Taylor mode
 * derives it. Their numeric rules are what {@link Rules#apply}'s arithmetic fast path calls.
 */
final class Arithmetic {
    private Arithmetic() {}

    /** {@code a + b}. */
    static final class Add {
        static final Traits TRAITS = Traits.of(Structure.LINEAR);

        static double value(double a, double b) {
            return a + b;
        }

        static void partials(double a, double b, Partials out) {
            out.set(a + b, 1, 1, 0, 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T one) {
            return new Pair<>(one, one);
        }
    }

    /** {@code a - b}. */
    static final class Sub {
        static final Traits TRAITS = Traits.of(Structure.LINEAR);

        static double value(double a, double b) {
            return a - b;
        }

        static void partials(double a, double b, Partials out) {
            out.set(a - b, 1, -1, 0, 0, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T one) {
            return new Pair<>(one, a.newConstant(-1));
        }
    }

    /** {@code a · b}. */
    static final class Mul {
        static final Traits TRAITS = Traits.of(Structure.BILINEAR);

        static double value(double a, double b) {
            return a * b;
        }

        static void partials(double a, double b, Partials out) {
            out.set(a * b, b, a, 0, 1, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T b) {
            return new Pair<>(b, a);
        }

        /** The Cauchy product. */
        static void series(double[] s, int a, int b, int y, int d, int from) {
            for (int k = from; k <= d; k++) {
                s[y + k] = TaylorRules.cauchy(s, a, s, b, k, 0, k);
            }
        }
    }

    /** {@code a / b}; IEEE at {@code b = 0}. */
    static final class Div {
        static final Traits TRAITS = Traits.of(Structure.QUOTIENT);

        static double value(double a, double b) {
            return a / b;
        }

        static void partials(double b, double v, Partials out) {
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
        static double chain(int operand, double weight, double a, double b) {
            return operand == 0 ? weight / b : -(weight * (a / b)) / b;
        }

        static <T extends Scalar<T>> Pair<T> scalar(T b, T one, T value) {
            // as the numeric partials: ∂a = r = 1/b, ∂b = -v·r
            T r = one.div(b);
            return new Pair<>(r, value.unaryMinus().times(r));
        }

        /** Solves {@code y·b = a} for the unknown coefficient. */
        static void series(double[] s, int a, int b, int y, int d, int from) {
            for (int k = from; k <= d; k++) {
                s[y + k] = (s[a + k] - TaylorRules.cauchy(s, b, s, y, k, 1, k)) / s[b];
            }
        }
    }

    /** {@code -a}. */
    static final class Neg {
        static final Traits TRAITS = Traits.of(Structure.LINEAR);

        static double value(double a) {
            return -a;
        }

        static void partials(double a, Partials out) {
            out.set(-a, -1, 0);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.newConstant(-1), null);
        }
    }
}
