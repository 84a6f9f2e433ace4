package dev.autodiff.core;

/**
 * A differentiable scalar: what an expression ({@link Expr}), a dual number ({@code Dual}, forward
 * mode) and a tape scalar ({@code Tracked}, reverse mode) have in common, so that a function written
 * once over {@code T extends Scalar<T>} runs symbolically, on dual numbers or on a tape.
 *
 * <pre>{@code
 * static <T extends Scalar<T>> T rosenbrock(List<? extends T> x) {
 *     T sum = x.get(0).newConstant(0);
 *     for (int i = 0; i + 1 < x.size(); i++) {
 *         T xi = x.get(i);
 *         sum = sum.plus(x.get(i + 1).minus(xi.square()).square().times(100)).plus(xi.newConstant(1).minus(xi).square());
 *     }
 *     return sum;
 * }
 * rosenbrock(Expr.variables("x", 3));                                   // an expression
 * Forward.gradient(v -> rosenbrock(List.of(v)), 1.0, 2.0, 3.0);        // dual numbers
 * Reverse.gradient(v -> rosenbrock(List.of(v)), 1.0, 2.0, 3.0);        // a tape
 * }</pre>
 *
 * <p>An implementation supplies a small core: {@link #newConstant}, {@link #apply(Primitive)},
 * {@link #apply(Primitive, Scalar)}, {@link #pow(double)}, {@link #ifElse} and
 * {@link #apply(CustomOperation)}. Every operator and function is a default method over that core,
 * so the three types offer the same operations with the same rules: the primitive table's, with the
 * conventions documented on {@link Primitive}. An implementation may override a default for speed,
 * never to change what it computes.
 *
 * <p>Comparisons ({@link #lessThan(Scalar)} …) return a scalar, 1 or 0 with derivative 0, for
 * {@link #ifElse}; types with a numeric value also offer plain comparisons for branching in ordinary
 * code ({@link NumericScalar}). The methods are named as Kotlin operators, so {@code x * y + x}
 * reads as in mathematics; {@code dev.autodiff.kotlin} adds {@code sin(x)} and {@code 2.0 * x} for
 * every scalar type at once.
 *
 * @param <T> the implementing type itself
 */
public interface Scalar<T extends Scalar<T>> {

    // ---- the core ----

    /**
     * {@return the constant {@code value} of this scalar's kind}: an expression {@link Constant}, a
     * plain dual number, a constant of this scalar's tape
     *
     * @param value the number
     */
    T newConstant(double value);

    /**
     * {@return unary primitive {@code op} applied to this}
     *
     * @param op the unary primitive
     * @throws IllegalArgumentException when {@code op} is not unary, or is {@link Primitive#POW_CONST}
     *     (use {@link #pow(double)})
     */
    T apply(Primitive op);

    /**
     * {@return binary primitive {@code op} applied to this and {@code other}}
     *
     * @param op the binary primitive
     * @param other its second operand
     * @throws IllegalArgumentException when {@code op} is not binary
     */
    T apply(Primitive op, T other);

    /**
     * {@return {@code this ^ exponent}} for a constant exponent, which never takes the logarithm of
     * the base, so negative bases differentiate ({@link Primitive#POW_CONST})
     *
     * @param exponent the constant exponent
     */
    T pow(double exponent);

    /**
     * {@return {@code whenTrue} where this condition is non-zero, {@code whenFalse} where it is zero,
     * NaN where it is NaN}: only the branch taken contributes to derivatives, and the condition has
     * derivative 0 (see {@link IfElse})
     *
     * @param whenTrue the value where this condition holds
     * @param whenFalse the value where it does not
     */
    T ifElse(T whenTrue, T whenFalse);

    /**
     * {@return the custom operation {@code op} applied to this}
     *
     * @param op the custom operation
     */
    T apply(CustomOperation op);

    // ---- arithmetic ----

    /**
     * {@return {@code this + other}}
     *
     * @param other the other operand
     */
    default T plus(T other) {
        return apply(Primitive.ADD, other);
    }

    /**
     * {@return {@code this + c}}
     *
     * @param c the number
     */
    default T plus(double c) {
        return plus(newConstant(c));
    }

    /**
     * {@return {@code this - other}}
     *
     * @param other the other operand
     */
    default T minus(T other) {
        return apply(Primitive.SUB, other);
    }

    /**
     * {@return {@code this - c}}
     *
     * @param c the number
     */
    default T minus(double c) {
        return minus(newConstant(c));
    }

    /**
     * {@return {@code this * other}}
     *
     * @param other the other operand
     */
    default T times(T other) {
        return apply(Primitive.MUL, other);
    }

    /**
     * {@return {@code this * c}}
     *
     * @param c the number
     */
    default T times(double c) {
        return times(newConstant(c));
    }

    /**
     * {@return {@code this / other}}; IEEE at 0
     *
     * @param other the divisor
     */
    default T div(T other) {
        return apply(Primitive.DIV, other);
    }

    /**
     * {@return {@code this / c}}
     *
     * @param c the divisor
     */
    default T div(double c) {
        return div(newConstant(c));
    }

    /** {@return {@code -this}} */
    default T unaryMinus() {
        return apply(Primitive.NEG);
    }

    /**
     * {@return {@code this ^ exponent}}; see {@link Primitive#POW} for the conventions
     *
     * @param exponent the exponent
     */
    default T pow(T exponent) {
        return apply(Primitive.POW, exponent);
    }

    /** {@return {@code this²}} */
    default T square() {
        return pow(2);
    }

    /**
     * {@return {@code max(this, other)}}; at a tie each side gets half the derivative
     *
     * @param other the other operand
     */
    default T max(T other) {
        return apply(Primitive.MAX, other);
    }

    /**
     * {@return {@code max(this, c)}}
     *
     * @param c the number
     */
    default T max(double c) {
        return max(newConstant(c));
    }

    /**
     * {@return {@code min(this, other)}}; at a tie each side gets half the derivative
     *
     * @param other the other operand
     */
    default T min(T other) {
        return apply(Primitive.MIN, other);
    }

    /**
     * {@return {@code min(this, c)}}
     *
     * @param c the number
     */
    default T min(double c) {
        return min(newConstant(c));
    }

    /**
     * {@return {@code atan2(this, x)}}, the angle of the point {@code (x, this)}; partials 0 at the origin
     *
     * @param x the abscissa
     */
    default T atan2(T x) {
        return apply(Primitive.ATAN2, x);
    }

    /**
     * {@return {@code atan2(this, x)}}
     *
     * @param x the abscissa
     */
    default T atan2(double x) {
        return atan2(newConstant(x));
    }

    /**
     * {@return {@code sqrt(this² + other²)}} without overflow; partials 0 at the origin
     *
     * @param other the other operand
     */
    default T hypot(T other) {
        return apply(Primitive.HYPOT, other);
    }

    /**
     * {@return {@code sqrt(this² + c²)}} without overflow
     *
     * @param c the number
     */
    default T hypot(double c) {
        return hypot(newConstant(c));
    }

    // ---- comparisons: 1 where true, 0 where false (and for NaN), derivative 0 ----

    /**
     * {@return {@code this < other}: 1 or 0, with derivative 0}
     *
     * @param other the other operand
     */
    default T lessThan(T other) {
        return apply(Primitive.LESS, other);
    }

    /**
     * {@return {@code this < c}: 1 or 0, with derivative 0}
     *
     * @param c the number
     */
    default T lessThan(double c) {
        return lessThan(newConstant(c));
    }

    /**
     * {@return {@code this <= other}: 1 or 0, with derivative 0}
     *
     * @param other the other operand
     */
    default T lessOrEqual(T other) {
        return apply(Primitive.LESS_OR_EQUAL, other);
    }

    /**
     * {@return {@code this <= c}: 1 or 0, with derivative 0}
     *
     * @param c the number
     */
    default T lessOrEqual(double c) {
        return lessOrEqual(newConstant(c));
    }

    /**
     * {@return {@code this > other}: 1 or 0, with derivative 0}
     *
     * @param other the other operand
     */
    default T greaterThan(T other) {
        return apply(Primitive.GREATER, other);
    }

    /**
     * {@return {@code this > c}: 1 or 0, with derivative 0}
     *
     * @param c the number
     */
    default T greaterThan(double c) {
        return greaterThan(newConstant(c));
    }

    /**
     * {@return {@code this >= other}: 1 or 0, with derivative 0}
     *
     * @param other the other operand
     */
    default T greaterOrEqual(T other) {
        return apply(Primitive.GREATER_OR_EQUAL, other);
    }

    /**
     * {@return {@code this >= c}: 1 or 0, with derivative 0}
     *
     * @param c the number
     */
    default T greaterOrEqual(double c) {
        return greaterOrEqual(newConstant(c));
    }

    // ---- functions ----

    /** {@return {@code e^this}} */
    default T exp() {
        return apply(Primitive.EXP);
    }

    /** {@return the natural logarithm} */
    default T log() {
        return apply(Primitive.LOG);
    }

    /** {@return the base-10 logarithm} */
    default T log10() {
        return apply(Primitive.LOG10);
    }

    /** {@return {@code ln(1 + this)}}, accurate near 0 */
    default T log1p() {
        return apply(Primitive.LOG1P);
    }

    /** {@return {@code e^this - 1}}, accurate near 0 */
    default T expm1() {
        return apply(Primitive.EXPM1);
    }

    /** {@return the square root}; its derivative at 0 is {@code +∞} */
    default T sqrt() {
        return apply(Primitive.SQRT);
    }

    /** {@return the cube root}; its derivative at 0 is {@code +∞} */
    default T cbrt() {
        return apply(Primitive.CBRT);
    }

    /** {@return the sine} */
    default T sin() {
        return apply(Primitive.SIN);
    }

    /** {@return the cosine} */
    default T cos() {
        return apply(Primitive.COS);
    }

    /** {@return the tangent} */
    default T tan() {
        return apply(Primitive.TAN);
    }

    /** {@return the arc sine} */
    default T asin() {
        return apply(Primitive.ASIN);
    }

    /** {@return the arc cosine} */
    default T acos() {
        return apply(Primitive.ACOS);
    }

    /** {@return the arc tangent} */
    default T atan() {
        return apply(Primitive.ATAN);
    }

    /** {@return the hyperbolic sine} */
    default T sinh() {
        return apply(Primitive.SINH);
    }

    /** {@return the hyperbolic cosine} */
    default T cosh() {
        return apply(Primitive.COSH);
    }

    /** {@return the hyperbolic tangent} */
    default T tanh() {
        return apply(Primitive.TANH);
    }

    /** {@return the inverse hyperbolic sine} */
    default T asinh() {
        return apply(Primitive.ASINH);
    }

    /** {@return the inverse hyperbolic cosine} */
    default T acosh() {
        return apply(Primitive.ACOSH);
    }

    /** {@return the inverse hyperbolic tangent} */
    default T atanh() {
        return apply(Primitive.ATANH);
    }

    /** {@return the absolute value}; its derivative at 0 is 0 */
    default T abs() {
        return apply(Primitive.ABS);
    }

    /**
     * {@return the logistic sigmoid {@code 1 / (1 + e^-this)}}, a primitive: finite value and
     * derivatives at every point, ±800 included
     */
    default T sigmoid() {
        return apply(Primitive.SIGMOID);
    }

    /** {@return {@code log(1 + e^this)}}, without overflow; its derivative is the sigmoid */
    default T softplus() {
        return apply(Primitive.SOFTPLUS);
    }

    /** {@return the error function {@code erf(this)}} */
    default T erf() {
        return apply(Primitive.ERF);
    }

    /** {@return the complementary error function {@code 1 - erf(this)}}, accurate in its tail */
    default T erfc() {
        return apply(Primitive.ERFC);
    }

    /** {@return {@code log|Γ(this)|}}; its derivative is {@link #digamma()} */
    default T lgamma() {
        return apply(Primitive.LGAMMA);
    }

    /** {@return the digamma function ψ(this) = Γ'/Γ}, as {@code polygamma(0)} */
    default T digamma() {
        return polygamma(0);
    }

    /** {@return the trigamma function ψ'(this)}, as {@code polygamma(1)} */
    default T trigamma() {
        return polygamma(1);
    }

    /**
     * {@return the polygamma function ψ⁽ⁿ⁾(this)}, the n-th derivative of the digamma function, of a
     * constant order: the primitive {@link Primitive#POLYGAMMA} applied to the order and this
     *
     * @param n the order, 0 … {@value Primitive#POLYGAMMA_ORDERS}
     * @throws IllegalArgumentException for an order outside that range
     */
    @SuppressWarnings("unchecked")
    default T polygamma(int n) {
        if (n < 0 || n > Primitive.POLYGAMMA_ORDERS) {
            throw new IllegalArgumentException("expected a polygamma order from 0 to " + Primitive.POLYGAMMA_ORDERS + ", got " + n);
        }
        return newConstant(n).apply(Primitive.POLYGAMMA, (T) this);
    }
}
