package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import java.util.Objects;

/**
 * A scalar recorded on a {@link Tape}: its value, and a node of the tape through which gradients
 * flow back. Immutable; arithmetic records a new node and returns a new scalar.
 *
 * <p>The methods are named as Kotlin operators, so from Kotlin {@code x * y + sin(x)} reads as
 * {@code x * y + x.sin()}; each binary operation also takes a {@code double}. The rules are the
 * primitive table's (the conventions of {@link Primitive} hold here too).
 *
 * <p>Operands must belong to the same tape, or one to a tape nested in the other's, in which case
 * the result belongs to the nested tape; anything else throws {@link IllegalArgumentException}.
 */
public final class Tracked {
    private final Tape tape;
    private final int index;
    private final double value;

    Tracked(Tape tape, int index, double value) {
        this.tape = tape;
        this.index = index;
        this.value = value;
    }

    /** {@return the numeric value} */
    public double value() {
        return value;
    }

    /** {@return the tape this scalar is recorded on} */
    public Tape tape() {
        return tape;
    }

    /** {@return the node index on the tape} */
    int index() {
        return index;
    }

    private Tracked binary(Primitive p, Tracked other) {
        Objects.requireNonNull(other, "expected a scalar operand, got null");
        return Tape.common(tape, other.tape).record(p, this, other, 0);
    }

    private Tracked unary(Primitive p, double param) {
        return tape.record(p, this, null, param);
    }

    /**
     * {@return {@code this + other}}
     *
     * @param other the right operand
     */
    public Tracked plus(Tracked other) {
        return binary(Primitive.ADD, other);
    }

    /**
     * {@return {@code this + c}}
     *
     * @param c the constant right operand
     */
    public Tracked plus(double c) {
        return binary(Primitive.ADD, tape.constant(c));
    }

    /**
     * {@return {@code this - other}}
     *
     * @param other the right operand
     */
    public Tracked minus(Tracked other) {
        return binary(Primitive.SUB, other);
    }

    /**
     * {@return {@code this - c}}
     *
     * @param c the constant right operand
     */
    public Tracked minus(double c) {
        return binary(Primitive.SUB, tape.constant(c));
    }

    /**
     * {@return {@code this * other}}
     *
     * @param other the right operand
     */
    public Tracked times(Tracked other) {
        return binary(Primitive.MUL, other);
    }

    /**
     * {@return {@code this * c}}
     *
     * @param c the constant right operand
     */
    public Tracked times(double c) {
        return binary(Primitive.MUL, tape.constant(c));
    }

    /**
     * {@return {@code this / other}}
     *
     * @param other the right operand
     */
    public Tracked div(Tracked other) {
        return binary(Primitive.DIV, other);
    }

    /**
     * {@return {@code this / c}}
     *
     * @param c the constant right operand
     */
    public Tracked div(double c) {
        return binary(Primitive.DIV, tape.constant(c));
    }

    /**
     * {@return {@code this ^ other}, see {@link Primitive#POW}}
     *
     * @param other the right operand
     */
    public Tracked pow(Tracked other) {
        return binary(Primitive.POW, other);
    }

    /**
     * {@return {@code max(this, other)}; at a tie each side gets half the derivative}
     *
     * @param other the right operand
     */
    public Tracked max(Tracked other) {
        return binary(Primitive.MAX, other);
    }

    /**
     * {@return {@code max(this, c)}; at a tie each side gets half the derivative}
     *
     * @param c the constant right operand
     */
    public Tracked max(double c) {
        return binary(Primitive.MAX, tape.constant(c));
    }

    /**
     * {@return {@code min(this, other)}; at a tie each side gets half the derivative}
     *
     * @param other the right operand
     */
    public Tracked min(Tracked other) {
        return binary(Primitive.MIN, other);
    }

    /**
     * {@return {@code min(this, c)}; at a tie each side gets half the derivative}
     *
     * @param c the constant right operand
     */
    public Tracked min(double c) {
        return binary(Primitive.MIN, tape.constant(c));
    }

    /**
     * {@return {@code atan2(this, other)}, the angle of the point {@code (other, this)}}
     *
     * @param other the right operand
     */
    public Tracked atan2(Tracked other) {
        return binary(Primitive.ATAN2, other);
    }

    /**
     * {@return {@code atan2(this, c)}, the angle of the point {@code (c, this)}}
     *
     * @param c the constant right operand
     */
    public Tracked atan2(double c) {
        return binary(Primitive.ATAN2, tape.constant(c));
    }

    /**
     * {@return {@code sqrt(this² + other²)} without overflow}
     *
     * @param other the right operand
     */
    public Tracked hypot(Tracked other) {
        return binary(Primitive.HYPOT, other);
    }

    /**
     * {@return {@code sqrt(this² + c²)} without overflow}
     *
     * @param c the constant right operand
     */
    public Tracked hypot(double c) {
        return binary(Primitive.HYPOT, tape.constant(c));
    }

    /**
     * {@return {@code this ^ exponent}} for a constant exponent, which never takes the logarithm of
     * the base ({@link Primitive#POW_CONST})
     *
     * @param exponent the constant exponent
     */
    public Tracked pow(double exponent) {
        return unary(Primitive.POW_CONST, exponent);
    }

    /** {@return {@code -this}} */
    public Tracked unaryMinus() {
        return unary(Primitive.NEG, 0);
    }

    /** {@return {@code this²}} */
    public Tracked square() {
        return pow(2);
    }

    /** {@return the logistic sigmoid {@code 1 / (1 + e^-this)}}, built from primitives as {@code Expr.sigmoid} is */
    public Tracked sigmoid() {
        return tape.constant(1).div(unaryMinus().exp().plus(1));
    }

    /**
     * {@return the custom operation {@code op} applied to this}; on a nested tape it needs its second
     * derivative
     *
     * @param op the custom operation to apply
     */
    public Tracked apply(CustomOperation op) {
        Objects.requireNonNull(op, "expected a custom operation, got null");
        return tape.record(op, this);
    }

    /** {@return {@code e^this}} */
    public Tracked exp() {
        return unary(Primitive.EXP, 0);
    }

    /** {@return the natural logarithm} */
    public Tracked log() {
        return unary(Primitive.LOG, 0);
    }

    /** {@return the base-10 logarithm} */
    public Tracked log10() {
        return unary(Primitive.LOG10, 0);
    }

    /** {@return {@code ln(1 + this)}} */
    public Tracked log1p() {
        return unary(Primitive.LOG1P, 0);
    }

    /** {@return {@code e^this - 1}} */
    public Tracked expm1() {
        return unary(Primitive.EXPM1, 0);
    }

    /** {@return the square root} */
    public Tracked sqrt() {
        return unary(Primitive.SQRT, 0);
    }

    /** {@return the cube root} */
    public Tracked cbrt() {
        return unary(Primitive.CBRT, 0);
    }

    /** {@return the sine} */
    public Tracked sin() {
        return unary(Primitive.SIN, 0);
    }

    /** {@return the cosine} */
    public Tracked cos() {
        return unary(Primitive.COS, 0);
    }

    /** {@return the tangent} */
    public Tracked tan() {
        return unary(Primitive.TAN, 0);
    }

    /** {@return the arc sine} */
    public Tracked asin() {
        return unary(Primitive.ASIN, 0);
    }

    /** {@return the arc cosine} */
    public Tracked acos() {
        return unary(Primitive.ACOS, 0);
    }

    /** {@return the arc tangent} */
    public Tracked atan() {
        return unary(Primitive.ATAN, 0);
    }

    /** {@return the hyperbolic sine} */
    public Tracked sinh() {
        return unary(Primitive.SINH, 0);
    }

    /** {@return the hyperbolic cosine} */
    public Tracked cosh() {
        return unary(Primitive.COSH, 0);
    }

    /** {@return the hyperbolic tangent} */
    public Tracked tanh() {
        return unary(Primitive.TANH, 0);
    }

    /** {@return the inverse hyperbolic sine} */
    public Tracked asinh() {
        return unary(Primitive.ASINH, 0);
    }

    /** {@return the inverse hyperbolic cosine} */
    public Tracked acosh() {
        return unary(Primitive.ACOSH, 0);
    }

    /** {@return the inverse hyperbolic tangent} */
    public Tracked atanh() {
        return unary(Primitive.ATANH, 0);
    }

    /** {@return the absolute value; its derivative at 0 is 0} */
    public Tracked abs() {
        return unary(Primitive.ABS, 0);
    }

    @Override
    public String toString() {
        return "Tracked(" + value + ")";
    }
}
