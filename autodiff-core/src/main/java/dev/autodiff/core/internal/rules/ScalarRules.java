package dev.autodiff.core.internal.rules;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import org.jspecify.annotations.Nullable;

/**
 * The first partial derivatives of every {@link Primitive}, written over any {@link Scalar} rather
 * than over doubles, so that a partial is itself a differentiable scalar: an expression for symbolic
 * derivatives, a scalar of the enclosing tape for nested tapes, a dual number for nested duals.
 * Differentiating these partials again gives derivatives of any order. A thin dispatcher: each
 * primitive's generic partials are written in its entry ({@link Rule#scalar}), beside its numeric
 * rules, and reached through {@link Rules#rule}.
 *
 * <p>Each entry mirrors the numeric partials operation for operation where that is exact and
 * readable, and states its conventions at non-differentiable points with comparisons and
 * {@code ifElse}, so that evaluated at doubles it gives {@link Rules}' partials to rounding, and
 * exactly at the conventions documented on {@link Primitive} (a test checks both for every
 * primitive). Where the two forms differ (asinh, acosh, atan, tanh), the entry says why.
 */
public final class ScalarRules {
    private ScalarRules() {}

    /**
     * The two partial derivatives of one application of a primitive; {@code null} is a structural
     * zero (the partial is 0 everywhere), which the chain rule skips.
     *
     * @param da the partial with respect to the first operand
     * @param db the partial with respect to the second operand; null for unary primitives
     */
    public record Pair<T>(@Nullable T da, @Nullable T db) {}

    /**
     * {@return the partials of {@code op} at operands {@code a} and {@code b}}
     *
     * @param op the primitive
     * @param a the first operand ({@code whenTrue} of {@link Primitive#IF_ELSE})
     * @param b the second operand ({@code whenFalse} of {@link Primitive#IF_ELSE}), null for unary primitives
     * @param p the constant exponent of {@link Primitive#POW_CONST} or order of {@link Primitive#POLYGAMMA}
     *     (whose argument is then {@code a}), unused otherwise
     * @param condition the condition of {@link Primitive#IF_ELSE}, null otherwise
     * @param value the primitive's value at the operands, which several partials reuse
     */
    public static <T extends Scalar<T>> Pair<T> partials(Primitive op, T a, @Nullable T b, double p,
            @Nullable T condition, T value) {
        return Rules.rule(op.ordinal()).scalar(a, b, p, condition, value);
    }

    /**
     * {@return the derivative of custom operation {@code op} at {@code a}}: its derivative expression
     * where it has one, otherwise the operation {@code f'} of its numeric derivatives
     * ({@link CustomOperation#derivativeOperation()}), whose own derivatives are the next orders
     */
    public static <T extends Scalar<T>> T partial(CustomOperation op, T a) {
        return op.hasSymbolicDerivative() ? op.symbolicDerivative(a) : a.apply(op.derivativeOperation());
    }
}
