package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * The entries of the special functions: sigmoid, softplus, erf, erfc, lgamma and polygamma. Each
 * entry holds every rule of its primitive (see {@link Rule} and the package documentation); the
 * numeric functions are in {@link SpecialFunctions}, the series, which are written whole, in
 * {@link SpecialSeries}. Their second partials cost more than arithmetic, so they are computed only
 * when {@link Rule#apply} asks for them.
 */
public final class Special {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Special() {}

    /** The logistic sigmoid {@code 1/(1 + e^-a)}. */
    public static final class Sigmoid extends Rule {
        /** The entry's one instance. */
        public static final Sigmoid RULE = new Sigmoid();

        private Sigmoid() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.sigmoid(a);
        }

        /** Value and partials from one exponential; σ'' only when {@code second}, NaN otherwise. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            SpecialFunctions.logistic(false, a, second, out);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(value.times(a.unaryMinus().sigmoid()), null); // σ(a)σ(-a): no cancellation
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            SpecialSeries.sigmoidSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** {@code softplus(a) = log(1 + e^a)}, without overflow. */
    public static final class Softplus extends Rule {
        /** The entry's one instance. */
        public static final Softplus RULE = new Softplus();

        private Softplus() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.softplus(a);
        }

        /** Value and partials from one exponential; the second partial σ' costs nothing more, so always. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            SpecialFunctions.logistic(true, a, true, out);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.sigmoid(), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            SpecialSeries.softplusSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The error function. */
    public static final class Erf extends Rule {
        /** The entry's one instance. */
        public static final Erf RULE = new Erf();

        private Erf() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.erf(a);
        }

        /** erf'' (from erf', no second exponential) only when {@code second}, NaN otherwise. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double d = SpecialFunctions.erfDerivative(a);
            out.set(SpecialFunctions.erf(a), d, second ? SpecialFunctions.erfSecond(a, d) : Double.NaN);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(gaussian(a, TWO_OVER_SQRT_PI), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            SpecialSeries.erfSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The complementary error function {@code 1 - erf(a)}, accurate in the tail. */
    public static final class Erfc extends Rule {
        /** The entry's one instance. */
        public static final Erfc RULE = new Erfc();

        private Erfc() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.erfc(a);
        }

        /** erfc' = -erf', erfc'' = -erf'' (one exponential), the latter only when {@code second}. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            double d = SpecialFunctions.erfDerivative(a);
            out.set(SpecialFunctions.erfc(a), -d, second ? -SpecialFunctions.erfSecond(a, d) : Double.NaN);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(gaussian(a, -TWO_OVER_SQRT_PI), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
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
    public static final class Lgamma extends Rule {
        /** The entry's one instance. */
        public static final Lgamma RULE = new Lgamma();

        private Lgamma() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.lgamma(a);
        }

        /** Trigamma only when {@code second}, NaN otherwise. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            out.set(SpecialFunctions.lgamma(a), SpecialFunctions.digamma(a),
                    second ? SpecialFunctions.trigamma(a) : Double.NaN);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            return new Pair<>(a.digamma(), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            SpecialSeries.lgammaSeries(s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }

    /** The polygamma function {@code ψ⁽ⁿ⁾(a)}; the order n is the constant parameter p, a the argument. */
    public static final class Polygamma extends Rule {
        /** The entry's one instance. */
        public static final Polygamma RULE = new Polygamma();

        private Polygamma() {
            super(Traits.of(Structure.NONLINEAR));
        }

        @Override
        public double value(double a, double b, double p) {
            return SpecialFunctions.polygamma((int) p, a);
        }

        /** The next order but one only when {@code second}, NaN otherwise. */
        @Override
        public void apply(double a, double b, double p, Partials out, boolean second) {
            int n = (int) p; // the order, a constant the program holds as the parameter
            out.set(SpecialFunctions.polygamma(n, a), SpecialFunctions.polygamma(n + 1, a),
                    second ? SpecialFunctions.polygamma(n + 2, a) : Double.NaN);
        }

        @Override
        <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value, T one) {
            // the order is the parameter, as programs compile it: a is the argument
            return new Pair<>(a.polygamma((int) p + 1), null);
        }

        @Override
        void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
            SpecialSeries.polygammaSeries((int) p, s, a, w.specialOut, 0, d, w.special);
            TaylorRules.takeWhole(w, s, y, d, from);
        }
    }
}
