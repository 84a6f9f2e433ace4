package dev.autodiff.core;

/**
 * A {@link Scalar} that carries a number, as dual numbers and tape scalars do (an expression does
 * not): it has a {@link #value()} and compares with plain comparisons, so ordinary code can branch
 * on it.
 *
 * <pre>{@code
 * Dual relu = x.compareTo(0) > 0 ? x : x.newConstant(0);   // Kotlin: if (x > 0.0) x else x.newConstant(0.0)
 * }</pre>
 *
 * <p>A branch in plain code differentiates the branch taken, like {@link Scalar#ifElse}. Comparisons
 * look at values only, ordered as {@link Double#compare} orders them ({@code -0.0 < 0.0}, NaN above
 * everything), so that they are a total order.
 *
 * @param <T> the implementing type itself
 */
public interface NumericScalar<T extends NumericScalar<T>> extends Scalar<T> {

    /** {@return the numeric value, with every perturbation or recording dropped} */
    double value();

    /**
     * {@return a negative number, zero or a positive number as this value is less than, equal to or
     * greater than {@code other}'s}, by {@link Double#compare}; Kotlin reads it as {@code x < y}
     *
     * @param other the value compared with
     */
    default int compareTo(T other) {
        return Double.compare(value(), other.value());
    }

    /**
     * {@return the comparison of this value with {@code c}}, by {@link Double#compare}; Kotlin: {@code x > 0.0}
     *
     * @param c the number compared with
     */
    default int compareTo(double c) {
        return Double.compare(value(), c);
    }
}
