package dev.autodiff.core.internal.symbolic;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Constant;
import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Unary;
import dev.autodiff.core.internal.rules.Rules;
import org.jspecify.annotations.Nullable;

/**
 * An expression under construction by the symbolic differentiator: a {@link Scalar} whose
 * operations build expression nodes, simplifying only where the result is the same in IEEE
 * arithmetic for every value of the operands.
 *
 * <p>The simplifications: operations on constants fold through the numeric table {@link Rules}
 * (the values compiled code computes); {@code a·1}, {@code 1·a}, {@code a/1}, {@code a - (+0)},
 * {@code a + (-0)}, {@code (-0) + a} and {@code a^1} give {@code a}; {@code a^0} gives 1 (as
 * {@link Math#pow} at every base, NaN included); {@code a·(-1)} and {@code a/(-1)} give {@code -a};
 * {@code -(-a)} gives {@code a}; {@code a + (-b)} and {@code a - (-b)} give {@code a - b} and
 * {@code a + b}; {@code ifElse} on a constant condition gives the branch taken. Never {@code a·0 → 0}
 * (NaN and infinities) nor {@code a + 0 → a} ({@code -0 + 0 = +0}), except for a {@linkplain #CLEAN
 * clean} {@code a}, which is never {@code -0}.
 *
 * <p>Flags say what is known of the values: {@link #STEP} (piecewise constant: built from
 * comparisons and constants, so its derivative is 0 wherever it exists), {@link #BOOL} (always
 * {@code +0} or 1; implies clean) and {@link #CLEAN} (never NaN nor {@code -0}). Comparisons of booleans
 * with 0 simplify with them: {@code c > 0} is {@code c}, {@code c < 0} is 0, {@code c >= 0} is 1,
 * {@code c <= 0} is {@code 1 - c}.
 */
final class Sym implements Scalar<Sym> {
    /** Piecewise constant: built only from constants and comparisons. */
    static final int STEP = 1;
    /** Always {@code +0} or 1. */
    static final int BOOL = 2;
    /** Never NaN nor {@code -0}. */
    static final int CLEAN = 4;

    static final Sym ZERO = constant(0);
    static final Sym ONE = constant(1);

    final Expr expr;
    final int flags;
    /** The operands' symbols where they are known: of a negation, of {@code 1 - c}, of an ifElse. */
    private final Sym @Nullable [] parts;

    Sym(Expr expr, int flags, Sym @Nullable [] parts) {
        this.expr = expr;
        this.flags = flags;
        this.parts = parts;
    }

    /** {@return the constant {@code v}} with what is known of it */
    static Sym constant(double v) {
        return new Sym(Constant.of(v), constantFlags(v), null);
    }

    static int constantFlags(double v) {
        boolean positiveZero = Double.doubleToRawLongBits(v) == 0;
        return STEP | (v == v && Double.doubleToRawLongBits(v) != Long.MIN_VALUE ? CLEAN : 0)
                | (positiveZero || v == 1 ? BOOL : 0);
    }

    /** {@return the flags of a node of kind {@code op} (null for ifElse) from its operands' flags} */
    static int flagsOf(@Nullable Primitive op, int a, int b, int c) {
        if (op == null) {
            // ifElse(c, a, b): a NaN condition gives NaN, so clean and boolean need a clean condition
            int both = a & b;
            return (both & STEP) | ((c & CLEAN) != 0 ? both & (BOOL | CLEAN) : 0);
        }
        if (op.isComparison()) {
            return STEP | BOOL | CLEAN;
        }
        int both = op.arity() == 1 ? a : a & b;
        int f = both & STEP;
        if ((op == Primitive.ADD || op == Primitive.SUB) && (both & BOOL) != 0) {
            f |= CLEAN; // -1, 0, 1 or 2, and 0 - 0 = 0 + 0 = +0
        }
        if (op == Primitive.MUL && (both & BOOL) != 0) {
            f |= BOOL | CLEAN;
        }
        return f;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean isConstant() {
        return expr instanceof Constant;
    }

    double constantValue() {
        return ((Constant) expr).value();
    }

    private boolean isConstant(double v) {
        return expr instanceof Constant c && Double.doubleToRawLongBits(c.value()) == Double.doubleToRawLongBits(v);
    }

    /** {@return whether this is the constant 0 of either sign} */
    boolean isZero() {
        return expr instanceof Constant c && c.value() == 0;
    }

    /** {@return the boolean {@code c} of which this is {@code 1 - c}, or null} */
    @Nullable Sym negationOf() {
        return expr instanceof Binary b && b.op() == Primitive.SUB && parts != null && parts.length == 1 ? parts[0] : null;
    }

    /** {@return the operand symbols (condition, whenTrue, whenFalse) of an ifElse built here, or null} */
    Sym @Nullable [] ifElseParts() {
        return expr instanceof IfElse && parts != null && parts.length == 3 ? parts : null;
    }

    @Override
    public Sym newConstant(double value) {
        return constant(value);
    }

    @Override
    public Sym apply(Primitive op) {
        if (isConstant()) {
            return constant(Rules.value(op.ordinal(), constantValue(), 0, 0));
        }
        if (op == Primitive.NEG) {
            if (expr instanceof Unary u && u.op() == Primitive.NEG) {
                return parts != null ? parts[0] : new Sym(u.operand(), 0, null);
            }
            return new Sym(Unary.of(op, expr), flagsOf(op, flags, 0, 0), new Sym[] {this});
        }
        return new Sym(Unary.of(op, expr), flagsOf(op, flags, 0, 0), null);
    }

    @Override
    public Sym apply(Primitive op, Sym other) {
        if (op == Primitive.POW && other.isConstant()) {
            return pow(other.constantValue());
        }
        if (op == Primitive.POLYGAMMA) {
            // this is the order, a constant; the rule takes the argument first and the order as parameter
            if (other.isConstant()) {
                return constant(Rules.value(op.ordinal(), other.constantValue(), 0, constantValue()));
            }
            return new Sym(Binary.of(op, expr, other.expr), flagsOf(op, other.flags, 0, 0), null);
        }
        if (isConstant() && other.isConstant()) {
            return constant(Rules.value(op.ordinal(), constantValue(), other.constantValue(), 0));
        }
        Sym simpler = simplify(op, other);
        if (simpler != null) {
            return simpler;
        }
        return new Sym(Binary.of(op, expr, other.expr), flagsOf(op, flags, other.flags, 0), null);
    }

    /** {@return an exactly equal simpler form of {@code this op other}, or null} */
    private @Nullable Sym simplify(Primitive op, Sym other) {
        switch (op) {
            case ADD -> {
                if (other.isConstant(-0.0) || (other.isConstant(0.0) && has(CLEAN))) {
                    return this;
                }
                if (isConstant(-0.0) || (isConstant(0.0) && other.has(CLEAN))) {
                    return other;
                }
                Sym negated = other.negated();
                return negated != null ? minus(negated) : null;
            }
            case SUB -> {
                if (other.isConstant(0.0)) {
                    return this;
                }
                if (isConstant(1) && other.has(BOOL)) {
                    return new Sym(Binary.of(op, expr, other.expr), STEP | BOOL | CLEAN, new Sym[] {other});
                }
                Sym negated = other.negated();
                return negated != null ? plus(negated) : null;
            }
            case MUL -> {
                return other.isConstant(1) ? this : isConstant(1) ? other
                        : other.isConstant(-1) ? unaryMinus() : isConstant(-1) ? other.unaryMinus() : null;
            }
            case DIV -> {
                return other.isConstant(1) ? this : other.isConstant(-1) ? unaryMinus() : null;
            }
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                if (!has(BOOL) || !other.isZero()) {
                    return null;
                }
                return op == Primitive.GREATER ? this
                        : op == Primitive.LESS ? ZERO
                        : op == Primitive.GREATER_OR_EQUAL ? ONE
                        : ONE.minus(this);
            }
            default -> {
                return null;
            }
        }
    }

    /** {@return {@code a} where this is {@code -a} built here, or null} */
    private @Nullable Sym negated() {
        return expr instanceof Unary u && u.op() == Primitive.NEG && parts != null ? parts[0] : null;
    }

    @Override
    public Sym pow(double exponent) {
        if (exponent == 1) {
            return this;
        }
        if (exponent == 0) {
            return ONE;
        }
        if (isConstant()) {
            return constant(Rules.value(Primitive.POW_CONST.ordinal(), constantValue(), 0, exponent));
        }
        return new Sym(Binary.of(Primitive.POW, expr, Constant.of(exponent)), flags & STEP, null);
    }

    @Override
    public Sym ifElse(Sym whenTrue, Sym whenFalse) {
        if (isConstant()) {
            double c = constantValue();
            return c != c ? constant(Double.NaN) : c != 0 ? whenTrue : whenFalse;
        }
        if (whenTrue.expr == whenFalse.expr && has(CLEAN)) {
            return whenTrue;
        }
        if (whenTrue == this && whenFalse.isConstant(0.0) && has(CLEAN)) {
            return this; // ifElse(c, c, 0) is c when c is never NaN or -0
        }
        return new Sym(Expr.ifElse(expr, whenTrue.expr, whenFalse.expr), flagsOf(null, whenTrue.flags, whenFalse.flags, flags),
                new Sym[] {this, whenTrue, whenFalse});
    }

    @Override
    public Sym apply(CustomOperation op) {
        return new Sym(op.invoke(expr), flags & STEP, null);
    }

    @Override
    public String toString() {
        return expr.toString();
    }
}
