package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.NumericScalar;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.Objects;

/**
 * A scalar recorded on a {@link Tape}: its value, and a node of the tape through which gradients
 * flow back, times a scale. Immutable; arithmetic returns a new scalar, recording a node where two
 * operands meet (see the tape's cost).
 *
 * <p>{@code Tracked} is a {@link NumericScalar}: every operation and function is the interface's,
 * over the small core here, so a function written over {@code Scalar} runs on a tape, and the
 * methods are named as Kotlin operators ({@code x * y + sin(x)} with {@code dev.autodiff.kotlin}).
 * The rules are the primitive table's (the conventions of {@link Primitive} hold here too).
 * Comparisons ({@code lessThan} …) give constants 1 or 0, {@link #ifElse} records a branch whose
 * untaken side receives an exact zero, and {@code compareTo} branches in plain code
 * ({@code if (x > 0.0)} in Kotlin).
 *
 * <p>Operands must belong to the same tape, or one to a tape nested (at any depth) in the other's,
 * in which case the result belongs to the innermost tape; anything else throws
 * {@link IllegalArgumentException}.
 *
 * <p>Arithmetic ({@code plus minus times div unaryMinus square pow}, with a scalar or a number) and
 * the functions are overridden only for speed: on a top-level tape an operation of one operand (or
 * of one and a number) folds its partial into the scale, and one of two operands appends one node
 * straight to the tape's arrays. They compute what the interface's defaults compute, by the same
 * rules, to rounding.
 */
public final class Tracked implements NumericScalar<Tracked> {
    // Kept to small fields, and every method below to a few bytecodes, so that the JIT inlines
    // them into the user's loop and can remove the temporaries it never lets escape. + − × neg and
    // x² are the rule table's inlined head: their rule gets a fresh Partials, which the JIT removes
    // too; the quotient and the functions call the table's switch and share the tape's scratch.

    final Tape tape;
    final double value;
    /** Whether this depends on no variable of its tape or of any tape that encloses it. */
    final boolean constant;
    /** Whether this is a variable or a constant of its tape: a leaf, which gradients may be taken by. */
    final boolean leaf;
    // What this scalar is on its tape: d(this) = scale · d(node), or no node (-1, scale 0) where its
    // derivative is zero. On a top-level tape an operation of one operand (and one with a number)
    // multiplies its operand's scale by its partial instead of recording a node, which the backward
    // sweep would have passed its adjoint through; see Tape#scaledBy and Tape#joined.
    final int node;
    final double scale;

    /** A scalar of {@code tape} whose derivative is {@code scale} times that of {@code node} (-1: none). */
    Tracked(Tape tape, int node, double scale, double value, boolean constant, boolean leaf) {
        this.tape = tape;
        this.node = node;
        this.scale = scale;
        this.value = value;
        this.constant = constant;
        this.leaf = leaf;
    }

    /** {@return the numeric value} */
    @Override
    public double value() {
        return value;
    }

    /** {@return the tape this scalar is recorded on} */
    public Tape tape() {
        return tape;
    }

    /** {@return the constant {@code value} on this scalar's tape} */
    @Override
    public Tracked newConstant(double value) {
        return tape.constant(value);
    }

    // ---- arithmetic: the fast path of a top-level tape, else the general one ----

    /** {@return {@code this + other}} */
    @Override
    public Tracked plus(Tracked other) {
        Objects.requireNonNull(other, "expected a scalar operand, got null");
        Tape t = tape;
        if (t.fast() && other.tape == t) {
            Partials q = new Partials();
            Rules.applyFirst(Tape.ADD, value, other.value, 0, q);
            return t.fastBinaryApplied(Tape.ADD, this, other, q);
        }
        return apply(Primitive.ADD, other);
    }

    /** {@return {@code this + c}} */
    @Override
    public Tracked plus(double c) {
        Tape t = tape;
        return t.fast() ? t.fastNumber(Tape.ADD, this, c, new Partials()) : apply(Primitive.ADD, t.constant(c));
    }

    /** {@return {@code this - other}} */
    @Override
    public Tracked minus(Tracked other) {
        Objects.requireNonNull(other, "expected a scalar operand, got null");
        Tape t = tape;
        if (t.fast() && other.tape == t) {
            Partials q = new Partials();
            Rules.applyFirst(Tape.SUB, value, other.value, 0, q);
            return t.fastBinaryApplied(Tape.SUB, this, other, q);
        }
        return apply(Primitive.SUB, other);
    }

    /** {@return {@code this - c}} */
    @Override
    public Tracked minus(double c) {
        Tape t = tape;
        return t.fast() ? t.fastNumber(Tape.SUB, this, c, new Partials()) : apply(Primitive.SUB, t.constant(c));
    }

    /** {@return {@code this · other}} */
    @Override
    public Tracked times(Tracked other) {
        Objects.requireNonNull(other, "expected a scalar operand, got null");
        Tape t = tape;
        if (t.fast() && other.tape == t) {
            Partials q = new Partials();
            Rules.applyFirst(Tape.MUL, value, other.value, 0, q);
            return t.fastBinaryApplied(Tape.MUL, this, other, q);
        }
        return apply(Primitive.MUL, other);
    }

    /** {@return {@code this · c}} */
    @Override
    public Tracked times(double c) {
        Tape t = tape;
        return t.fast() ? t.fastNumber(Tape.MUL, this, c, new Partials()) : apply(Primitive.MUL, t.constant(c));
    }

    /** {@return {@code this / other}}; IEEE at 0 */
    @Override
    public Tracked div(Tracked other) {
        return apply(Primitive.DIV, other);
    }

    /** {@return {@code this / c}} */
    @Override
    public Tracked div(double c) {
        Tape t = tape;
        return t.fast() ? t.fastNumber(Tape.DIV, this, c, t.scratch()) : apply(Primitive.DIV, t.constant(c));
    }

    /** {@return {@code -this}} */
    @Override
    public Tracked unaryMinus() {
        Tape t = tape;
        return t.fast() ? t.fastUnary(Tape.NEG, this, 0, new Partials()) : t.record(Primitive.NEG, this, null, 0, null);
    }

    /** {@return {@code this²}} */
    @Override
    public Tracked square() {
        Tape t = tape;
        return t.fast() ? t.fastUnary(Tape.POW_CONST, this, 2, new Partials()) : t.record(Primitive.POW_CONST, this, null, 2, null);
    }

    // + − × of two scalars each spell out their fast path and apply their rule here, not in one
    // method of the operation's code: the JIT compiles each with its own rule alone, small enough to
    // inline into the user's loop. A shared method, compiled on its own with every rule of the
    // switch, was refused as too big to inline (-XX:+PrintInlining), and the scalars of chained
    // Rosenbrock then went to the heap: twice the time.

    // ---- the scalar core ----

    /** {@return unary primitive {@code op} of this, recorded} */
    @Override
    public Tracked apply(Primitive op) {
        Objects.requireNonNull(op, "expected a primitive, got null");
        if (op.arity() != 1 || op == Primitive.POW_CONST) {
            throw new IllegalArgumentException("expected a unary primitive other than POW_CONST (use pow(double)), got " + op);
        }
        Tape t = tape;
        return t.fast() ? t.fastUnary(op.ordinal(), this, 0, t.scratch()) : t.record(op, this, null, 0, null);
    }

    /** {@return binary primitive {@code op} of this and {@code other}, recorded}; a comparison is a constant 1 or 0 */
    @Override
    public Tracked apply(Primitive op, Tracked other) {
        Objects.requireNonNull(op, "expected a primitive, got null");
        Objects.requireNonNull(other, "expected a scalar operand, got null");
        if (op.arity() != 2) {
            throw new IllegalArgumentException("expected a binary primitive, got " + op);
        }
        if (op == Primitive.POLYGAMMA) {
            return other.polygamma((int) value); // this is the constant order, other the argument
        }
        Tape t = Tape.common(tape, other.tape);
        if (op.isComparison()) {
            return t.compare(op, this, other);
        }
        return t.fast() && tape == other.tape ? t.fastBinary(op.ordinal(), this, other, t.scratch()) : t.record(op, this, other, 0, null);
    }

    /** {@return the polygamma function ψ⁽ⁿ⁾ of this scalar}, recorded with the order as its parameter */
    @Override
    public Tracked polygamma(int n) {
        if (n < 0 || n > Primitive.POLYGAMMA_ORDERS) {
            throw new IllegalArgumentException("expected a polygamma order from 0 to " + Primitive.POLYGAMMA_ORDERS + ", got " + n);
        }
        Tape t = tape;
        return t.fast() ? t.fastUnary(Tape.POLYGAMMA, this, n, t.scratch()) : t.record(Primitive.POLYGAMMA, this, null, n, null);
    }

    /**
     * {@return {@code this ^ exponent}} for a constant exponent, which never takes the logarithm of
     * the base ({@link Primitive#POW_CONST})
     */
    @Override
    public Tracked pow(double exponent) {
        Tape t = tape;
        return t.fast() ? t.fastUnary(Tape.POW_CONST, this, exponent, t.scratch()) : t.record(Primitive.POW_CONST, this, null, exponent, null);
    }

    /**
     * {@return {@code whenTrue} where this is non-zero, {@code whenFalse} where it is zero, NaN where
     * it is NaN}, recorded so that the branch not taken receives an exact zero
     */
    @Override
    public Tracked ifElse(Tracked whenTrue, Tracked whenFalse) {
        Objects.requireNonNull(whenTrue, "expected a scalar when true, got null");
        Objects.requireNonNull(whenFalse, "expected a scalar when false, got null");
        Tape t = Tape.common(Tape.common(tape, whenTrue.tape), whenFalse.tape);
        return t.record(Primitive.IF_ELSE, whenTrue, whenFalse, 0, this);
    }

    /**
     * {@return the custom operation {@code op} applied to this}; on a tape nested k deep it needs
     * derivatives up to order k + 1, or a derivative expression
     */
    @Override
    public Tracked apply(CustomOperation op) {
        Objects.requireNonNull(op, "expected a custom operation, got null");
        return tape.record(op, this);
    }

    @Override
    public String toString() {
        return "Tracked(" + value + ")";
    }
}
