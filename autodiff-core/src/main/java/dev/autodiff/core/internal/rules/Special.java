package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;

/**
 * The entries of the special functions: sigmoid, softplus, erf, erfc, lgamma and polygamma. Each
 * entry holds every rule of its primitive (see the package documentation); the numeric functions
 * are in {@link SpecialFunctions}, the series, which are written whole, in {@link SpecialSeries}.
 */
final class Special {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Special() {}

    /** The logistic sigmoid {@code 1/(1 + e^-a)}. */
    static final class Sigmoid {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return SpecialFunctions.sigmoid(a);
        }

        /** Value and partials from one exponential; σ'' only when {@code second}, NaN otherwise. */
        static void partials(double a, Partials out, boolean second) {
            SpecialFunctions.logistic(false, a, second, out);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, T value) {
            return new Pair<>(value.times(a.unaryMinus().sigmoid()), null); // σ(a)σ(-a): no cancellation
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            SpecialSeries.sigmoidSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** {@code softplus(a) = log(1 + e^a)}, without overflow. */
    static final class Softplus {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return SpecialFunctions.softplus(a);
        }

        /** Value and partials from one exponential. */
        static void partials(double a, Partials out) {
            SpecialFunctions.logistic(true, a, true, out);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.sigmoid(), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            SpecialSeries.softplusSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The error function. */
    static final class Erf {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return SpecialFunctions.erf(a);
        }

        /** erf'' (from erf', no second exponential) only when {@code second}, NaN otherwise. */
        static void partials(double a, double v, Partials out, boolean second) {
            double d = SpecialFunctions.erfDerivative(a);
            out.set(v, d, second ? SpecialFunctions.erfSecond(a, d) : Double.NaN);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(gaussian(a, TWO_OVER_SQRT_PI), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            SpecialSeries.erfSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The complementary error function {@code 1 - erf(a)}, accurate in the tail. */
    static final class Erfc {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return SpecialFunctions.erfc(a);
        }

        /** erfc' = -erf', erfc'' = -erf'' (one exponential), the latter only when {@code second}. */
        static void partials(double a, double v, Partials out, boolean second) {
            double d = SpecialFunctions.erfDerivative(a);
            out.set(v, -d, second ? -SpecialFunctions.erfSecond(a, d) : Double.NaN);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(gaussian(a, -TWO_OVER_SQRT_PI), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            SpecialSeries.erfcSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /**
     * {@return {@code c·e^(-a²)}}, the derivative of erf (c = 2/√π) or erfc (c = -2/√π), switched
     * off where e^(-a²) underflows to 0 (|a| ≳ 27.3, and ±∞), so that its derivative is 0 there, as
     * the numeric erf'' is, rather than 0·(-2a) = 0·∞ at ±∞
     */
    private static <T extends Scalar<T>> T gaussian(T a, double c) {
        T e = a.square().unaryMinus().exp();
        return e.ifElse(e.times(c), a.newConstant(0));
    }

    /** {@code log|Γ(a)|}. */
    static final class Lgamma {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a) {
            return SpecialFunctions.lgamma(a);
        }

        /** Trigamma only when {@code second}, NaN otherwise. */
        static void partials(double a, double v, Partials out, boolean second) {
            out.set(v, SpecialFunctions.digamma(a), second ? SpecialFunctions.trigamma(a) : Double.NaN);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a) {
            return new Pair<>(a.digamma(), null);
        }

        static void series(double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
            SpecialSeries.lgammaSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The polygamma function {@code ψ⁽ⁿ⁾(a)}; the order n is the constant parameter p, a the argument. */
    static final class Polygamma {
        static final Traits TRAITS = Traits.of(Structure.NONLINEAR);

        static double value(double a, double p) {
            return SpecialFunctions.polygamma((int) p, a);
        }

        /** The next order but one only when {@code second}, NaN otherwise. */
        static void partials(double a, double p, double v, Partials out, boolean second) {
            int n = (int) p; // the order, a constant the program holds as the parameter
            out.set(v, SpecialFunctions.polygamma(n + 1, a), second ? SpecialFunctions.polygamma(n + 2, a) : Double.NaN);
        }

        static <T extends Scalar<T>> Pair<T> scalar(T a, double p) {
            // the order is the parameter, as programs compile it: a is the argument
            return new Pair<>(a.polygamma((int) p + 1), null);
        }

        static void series(double[] s, int a, int y, int d, int from, double p, TaylorRules.Scratch w) {
            SpecialSeries.polygammaSeries((int) p, s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }
}
