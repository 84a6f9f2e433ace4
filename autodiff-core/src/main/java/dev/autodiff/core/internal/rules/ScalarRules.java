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
 * primitive's generic partials are written in its entry ({@code scalar}, in the family files), beside
 * its numeric rules ({@link Rules}).
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
        // made first for every primitive: a tape scalar records its constants, in this order
        T one = a.newConstant(1);
        return switch (op) {
            case ADD -> Arithmetic.Add.scalar(one);
            case SUB -> Arithmetic.Sub.scalar(a, one);
            case MUL -> Arithmetic.Mul.scalar(a, need(b));
            case DIV -> Arithmetic.Div.scalar(need(b), one, value);
            case NEG -> Arithmetic.Neg.scalar(a);
            case POW -> Powers.Pow.scalar(a, need(b), value);
            case POW_CONST -> Powers.PowConst.scalar(a, p, one);
            case SQRT -> Powers.Sqrt.scalar(a, value);
            case CBRT -> Powers.Cbrt.scalar(a, one, value);
            case HYPOT -> Powers.Hypot.scalar(a, need(b), value);
            case EXP -> ExpLog.Exp.scalar(value);
            case EXPM1 -> ExpLog.Expm1.scalar(a);
            case LOG -> ExpLog.Log.scalar(a, one);
            case LOG10 -> ExpLog.Log10.scalar(a, one);
            case LOG1P -> ExpLog.Log1p.scalar(a, one);
            case SIN -> Trigonometric.Sin.scalar(a);
            case COS -> Trigonometric.Cos.scalar(a);
            case TAN -> Trigonometric.Tan.scalar(one, value);
            case ASIN -> Trigonometric.Asin.scalar(a, one);
            case ACOS -> Trigonometric.Acos.scalar(a, one);
            case ATAN -> Trigonometric.Atan.scalar(a, one);
            case ATAN2 -> Trigonometric.Atan2.scalar(a, need(b));
            case SINH -> Hyperbolic.Sinh.scalar(a);
            case COSH -> Hyperbolic.Cosh.scalar(a);
            case TANH -> Hyperbolic.Tanh.scalar(a, one, value);
            case ASINH -> Hyperbolic.Asinh.scalar(a, one);
            case ACOSH -> Hyperbolic.Acosh.scalar(a, one);
            case ATANH -> Hyperbolic.Atanh.scalar(a, one);
            case SIGMOID -> Special.Sigmoid.scalar(a, value);
            case SOFTPLUS -> Special.Softplus.scalar(a);
            case ERF -> Special.Erf.scalar(a);
            case ERFC -> Special.Erfc.scalar(a);
            case LGAMMA -> Special.Lgamma.scalar(a);
            case POLYGAMMA -> Special.Polygamma.scalar(a, p);
            case ABS -> Piecewise.Abs.scalar(a);
            case MAX -> Piecewise.Max.scalar(a, need(b));
            case MIN -> Piecewise.Min.scalar(a, need(b));
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> Piecewise.Comparison.scalar();
            case IF_ELSE -> Piecewise.IfElse.scalar(need(condition));
        };
    }

    /**
     * {@return the derivative of custom operation {@code op} at {@code a}}: its derivative expression
     * where it has one, otherwise the operation {@code f'} of its numeric derivatives
     * ({@link CustomOperation#derivativeOperation()}), whose own derivatives are the next orders
     */
    public static <T extends Scalar<T>> T partial(CustomOperation op, T a) {
        return op.hasSymbolicDerivative() ? op.symbolicDerivative(a) : a.apply(op.derivativeOperation());
    }

    private static <T> T need(@Nullable T operand) {
        if (operand == null) {
            throw new IllegalArgumentException("expected an operand for this primitive, got none");
        }
        return operand;
    }
}
