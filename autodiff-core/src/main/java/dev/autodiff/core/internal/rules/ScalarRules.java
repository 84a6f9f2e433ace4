package dev.autodiff.core.internal.rules;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import org.jspecify.annotations.Nullable;

/**
 * The table of first partial derivatives of every {@link Primitive}, written over any
 * {@link Scalar} rather than over doubles, so that a partial is itself a differentiable scalar:
 * an expression for symbolic derivatives, a scalar of the enclosing tape for nested tapes, a dual
 * number for nested duals. Differentiating these partials again gives derivatives of any order.
 *
 * <p>Each entry mirrors the numeric table {@link Rules} operation for operation where that is
 * exact and readable, and states its conventions at non-differentiable points with comparisons and
 * {@code ifElse}, so that evaluated at doubles it gives {@link Rules}' partials to rounding, and
 * exactly at the conventions documented on {@link Primitive} (a test checks both for every
 * primitive). Where {@link Rules} switches formulas for accuracy in far tails, an entry uses one
 * formula accurate everywhere instead ({@code asinh}, {@code acosh}); {@code atan} uses
 * {@code 1/(1 + a²)}, which underflows to 0 beyond |a| ≈ 1.3e154 where {@link Rules} gives a
 * subnormal.
 *
 * <p>Adding a primitive is one entry here, beside its entry in {@link Rules}; the switch is
 * exhaustive, so a primitive without an entry does not compile.
 */
public final class ScalarRules {
    private static final double LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

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
        T one = a.newConstant(1);
        return switch (op) {
            case ADD -> new Pair<>(one, one);
            case SUB -> new Pair<>(one, a.newConstant(-1));
            case MUL -> new Pair<>(need(b), a);
            case DIV -> {
                // as Rules: ∂a = r = 1/b, ∂b = -v·r
                T r = one.div(need(b));
                yield new Pair<>(r, value.unaryMinus().times(r));
            }
            case POW -> {
                // ∂a = b·a^(b-1), 0 where b = 0 even at a = 0 (where a^(b-1) is infinite); ∂b = v·ln a,
                // 0 where a = 0. The guards test a first, so away from a = 0 the plain formulas, and
                // all their derivatives, apply at every exponent.
                T e = need(b);
                T da = e.times(a.pow(e.minus(1)));
                T zero = a.newConstant(0);
                yield new Pair<>(a.ifElse(da, e.ifElse(da, zero)), a.ifElse(value.times(a.log()), zero));
            }
            case POW_CONST -> {
                // conventions: 0 when p = 0 and 1 when p = 1, at every base
                T da = p == 0 ? null : p == 1 ? one : p == 2 ? a.newConstant(2).times(a) : a.newConstant(p).times(a.pow(p - 1));
                yield new Pair<>(da, null);
            }
            case ATAN2 -> {
                // as Rules, through the unit vector (s, c) = (a, b)/r, which neither overflows nor
                // underflows; both partials 0 at the origin
                T r = a.hypot(need(b));
                T zero = a.newConstant(0);
                yield new Pair<>(r.ifElse(b.div(r).div(r), zero), r.ifElse(a.div(r).unaryMinus().div(r), zero));
            }
            case MAX, MIN -> {
                T less = a.lessThan(need(b));
                T greater = a.greaterThan(b);
                yield op == Primitive.MAX
                        ? new Pair<>(share(less, greater), share(greater, less))
                        : new Pair<>(share(greater, less), share(less, greater));
            }
            case HYPOT -> {
                T zero = a.newConstant(0);
                yield new Pair<>(value.ifElse(a.div(value), zero), value.ifElse(need(b).div(value), zero));
            }
            case NEG -> new Pair<>(a.newConstant(-1), null);
            case EXP -> new Pair<>(value, null);
            case LOG -> new Pair<>(one.div(a), null);
            case LOG10 -> new Pair<>(one.div(a.times(LN10)), null);
            case LOG1P -> new Pair<>(one.div(one.plus(a)), null);
            // not v + 1, which cancels for negative a
            case EXPM1 -> new Pair<>(a.exp(), null);
            case SQRT -> new Pair<>(a.newConstant(0.5).div(value), null);
            case CBRT -> new Pair<>(one.div(a.newConstant(3).times(value).times(value)), null);
            case SIN -> new Pair<>(a.cos(), null);
            case COS -> new Pair<>(a.sin().unaryMinus(), null);
            case TAN -> new Pair<>(one.plus(value.square()), null);
            // (1 - a)(1 + a), not 1 - a², which cancels near ±1
            case ASIN -> new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()), null);
            case ACOS -> new Pair<>(one.div(one.minus(a).times(one.plus(a)).sqrt()).unaryMinus(), null);
            case ATAN -> new Pair<>(one.div(one.plus(a.square())), null);
            case SINH -> new Pair<>(a.cosh(), null);
            case COSH -> new Pair<>(a.sinh(), null);
            case TANH -> {
                // sech² a: 1 - tanh² below |a| = 1, whose derivative -2 tanh·sech² keeps its relative
                // accuracy near 0; beyond, where 1 - tanh² cancels, 4σ(2a)σ(-2a), whose derivative
                // 8σ'(2a)(σ(-2a) - σ(2a)) does not cancel there (and 0 where e^-2|a| underflows, no
                // 0·∞). Not (1/cosh a)²: its derivative 2r·(-r·r)·sinh a underflows in its first
                // product beyond |a| ≈ 180, where tanh'' is still normal.
                T twice = a.times(2);
                T tail = twice.sigmoid().times(twice.unaryMinus().sigmoid()).times(4);
                yield new Pair<>(a.abs().lessThan(1).ifElse(one.minus(value.square()), tail), null);
            }
            // hypot(a, 1) = √(a² + 1) without overflow
            case ASINH -> new Pair<>(one.div(a.hypot(one)), null);
            // √(a - 1)·√(a + 1): accurate near 1, no overflow for large a
            case ACOSH -> new Pair<>(one.div(a.minus(1).sqrt().times(a.plus(1).sqrt())), null);
            case ATANH -> new Pair<>(one.div(one.minus(a).times(one.plus(a))), null);
            // sign(a), with sign(0) = 0
            case ABS -> new Pair<>(a.greaterThan(0).minus(a.lessThan(0)), null);
            case SIGMOID -> new Pair<>(value.times(a.unaryMinus().sigmoid()), null); // σ(a)σ(-a): no cancellation
            case SOFTPLUS -> new Pair<>(a.sigmoid(), null);
            // 2/√π·e^(-a²), switched off where e^(-a²) underflows to 0 (|a| ≳ 27.3, and ±∞), so that its
            // derivative is 0 there, as Rules' erf'' is, rather than 0·(-2a) = 0·∞ at ±∞
            case ERF, ERFC -> {
                T e = a.square().unaryMinus().exp();
                yield new Pair<>(e.ifElse(e.times(op == Primitive.ERF ? TWO_OVER_SQRT_PI : -TWO_OVER_SQRT_PI), a.newConstant(0)), null);
            }
            case LGAMMA -> new Pair<>(a.digamma(), null);
            // the order is the parameter, as programs compile it: a is the argument
            case POLYGAMMA -> new Pair<>(a.polygamma((int) p + 1), null);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> new Pair<>(null, null);
            case IF_ELSE -> {
                // 1 towards the branch the condition selects, 0 towards the other, 0 to both for a
                // NaN condition, as Rules: c ≠ 0 is (c > 0) + (c < 0), c = 0 is (c >= 0)·(c <= 0)
                T c = need(condition);
                yield new Pair<>(c.greaterThan(0).plus(c.lessThan(0)), c.greaterOrEqual(0).times(c.lessOrEqual(0)));
            }
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

    /**
     * {@return an operand's share of the derivative of max or min: 0 where it {@code loses}, else 1
     * where it {@code wins}, else ½ (a tie, or a NaN operand, as {@link Rules} has it)}
     */
    private static <T extends Scalar<T>> T share(T loses, T wins) {
        return loses.ifElse(loses.newConstant(0), wins.ifElse(wins.newConstant(1), wins.newConstant(0.5)));
    }

    private static <T> T need(@Nullable T operand) {
        if (operand == null) {
            throw new IllegalArgumentException("expected an operand for this primitive, got none");
        }
        return operand;
    }
}
