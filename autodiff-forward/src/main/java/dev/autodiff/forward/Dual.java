package dev.autodiff.forward;

import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Rules;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An immutable dual number for code that builds no expression: write a function over {@code Dual}
 * and differentiate it with {@link Forward#derivative(DualFunction, double)} or
 * {@link Forward#gradient(MultivariateDualFunction, double...)}.
 *
 * <pre>{@code
 * double d = Forward.derivative(x -> x.sin().times(x.exp()).plus(1), 0.5);   // (sin x · eˣ + 1)'
 * }</pre>
 * In Kotlin the operator-named methods read as operators: {@code x.sin() * x.exp() + 1.0}.
 *
 * <p><b>Representation.</b> A dual is either a plain number or a triple {@code (ε, p, t)} meaning
 * {@code p + t·ε} with {@code ε² = 0}, where the primal {@code p} and tangent {@code t} are themselves
 * duals whose tags are all older than {@code ε}. Every derivative call draws a fresh tag, newer
 * than any existing one, so nested calls give nested numbers: perturbations of different calls
 * never mix (no <i>perturbation confusion</i>, Siskind and Pearlmutter 2005; the same scheme as
 * ForwardDiff.jl's tags and DiffSharp's nested perturbations). Arithmetic on two duals splits both
 * by the newer of their outer tags and recurses on the parts, so a function may freely capture
 * duals of an outer derivative call: {@code d/dx [x · d/dy (x + y)] = 1}.
 *
 * <p><b>Rules.</b> A function of a dual with one perturbation level takes its value and derivative
 * from the shared table of primitive rules, so conventions at non-differentiable points
 * ({@code abs} at 0, {@code max} at ties, {@code pow} with a constant exponent at a negative base)
 * are the ones documented on {@link Primitive}. A function of a nested dual {@code x = x₀ + δ}
 * takes its derivatives of every needed order from the Taylor-mode rules and sums
 * {@code Σ f^(k)(x₀)/k! · δ^k}, which is exact because {@code δ^(m+1) = 0} for m nested tags.
 * Binary {@code div pow atan2 hypot} on nested duals apply their first-order rules to the parts.
 *
 * <p>Tangents that are exactly zero are dropped, so a dual that does not depend on a perturbation
 * costs nothing for it. Duals compare by identity; compare {@link #value()} for numbers.
 */
public final class Dual {
    private static final AtomicLong TAGS = new AtomicLong();
    static final Dual ZERO = new Dual(0.0);
    static final Dual ONE = new Dual(1.0);

    /** 0 for a plain number; otherwise the perturbation this dual's tangent multiplies. */
    final long tag;
    /** The plain number, or the innermost real part of the primal chain. */
    final double real;
    /** The number of tags along the primal chain: powers of {@code this - real} above it vanish. */
    final int order;
    private final @Nullable Dual primal;
    private final @Nullable Dual tangent;

    private Dual(double real) {
        this.tag = 0;
        this.real = real;
        this.order = 0;
        this.primal = null;
        this.tangent = null;
    }

    private Dual(long tag, Dual primal, Dual tangent) {
        this.tag = tag;
        this.real = primal.real;
        this.order = primal.order + 1;
        this.primal = primal;
        this.tangent = tangent;
    }

    /**
     * {@return the plain number {@code value}, a dual without perturbations}
     *
     * @param value the value
     */
    public static Dual constant(double value) {
        return value == 0 && Double.doubleToRawLongBits(value) == 0 ? ZERO : new Dual(value);
    }

    /** {@return a fresh tag, newer than every tag drawn before} */
    static long newTag() {
        return TAGS.incrementAndGet();
    }

    /** {@return {@code primal + ε}: the variable of a derivative call with tag {@code ε}} */
    static Dual variable(long tag, Dual primal) {
        return new Dual(tag, primal, ONE);
    }

    /** {@return {@code p + t·ε}}, simply {@code p} when {@code t} is exactly zero */
    static Dual make(long tag, Dual p, Dual t) {
        return t.isZero() ? p : new Dual(tag, p, t);
    }

    boolean isZero() {
        return tag == 0 && real == 0;
    }

    /** {@return the primal part with respect to tag {@code e}, which is at least this dual's tag} */
    Dual primalAt(long e) {
        return tag == e ? primal() : this;
    }

    /** {@return the tangent part with respect to tag {@code e}, which is at least this dual's tag} */
    Dual tangentAt(long e) {
        return tag == e ? tangent() : ZERO;
    }

    Dual primal() {
        return primal == null ? this : primal;
    }

    Dual tangent() {
        return tangent == null ? ZERO : tangent;
    }

    /**
     * {@return the coefficient of {@code ε_e} in this dual}, whatever its position: a tag newer than
     * {@code e} here can only come from a perturbation that escaped its own derivative call
     */
    Dual perturbation(long e) {
        if (tag < e) {
            return ZERO;
        }
        if (tag == e) {
            return tangent();
        }
        return make(tag, primal().perturbation(e), tangent().perturbation(e));
    }

    /** {@return the real part: this number with every perturbation dropped} */
    public double value() {
        return real;
    }

    /**
     * {@return {@code this + other}}
     *
     * @param other the right operand
     */
    public Dual plus(Dual other) {
        if (tag == 0 && other.tag == 0) {
            return constant(real + other.real);
        }
        long e = Math.max(tag, other.tag);
        return make(e, primalAt(e).plus(other.primalAt(e)), DualMath.sum(tangentAt(e), other.tangentAt(e)));
    }

    /**
     * {@return {@code this + c}}
     *
     * @param c the constant right operand
     */
    public Dual plus(double c) {
        return tag == 0 ? constant(real + c) : new Dual(tag, primal().plus(c), tangent());
    }

    /**
     * {@return {@code this - other}}
     *
     * @param other the right operand
     */
    public Dual minus(Dual other) {
        return plus(other.unaryMinus());
    }

    /**
     * {@return {@code this - c}}
     *
     * @param c the constant right operand
     */
    public Dual minus(double c) {
        return tag == 0 ? constant(real - c) : new Dual(tag, primal().minus(c), tangent());
    }

    /** {@return {@code -this}} */
    public Dual unaryMinus() {
        return tag == 0 ? constant(-real) : new Dual(tag, primal().unaryMinus(), tangent().unaryMinus());
    }

    /**
     * {@return {@code this · other}}, by the product rule on the parts of the newer tag
     *
     * @param other the right operand
     */
    public Dual times(Dual other) {
        if (tag == 0 && other.tag == 0) {
            return constant(real * other.real);
        }
        long e = Math.max(tag, other.tag);
        Dual ap = primalAt(e);
        Dual bp = other.primalAt(e);
        Dual t = DualMath.sum(DualMath.scale(tangentAt(e), bp), DualMath.scale(other.tangentAt(e), ap));
        return make(e, ap.times(bp), t);
    }

    /**
     * {@return {@code this · c}}
     *
     * @param c the constant right operand
     */
    public Dual times(double c) {
        return tag == 0 ? constant(real * c) : make(tag, primal().times(c), DualMath.scale(tangent(), c));
    }

    /**
     * {@return {@code this / other}}
     *
     * @param other the right operand
     */
    public Dual div(Dual other) {
        return DualMath.binary(Primitive.DIV, this, other);
    }

    /**
     * {@return {@code this / c}}
     *
     * @param c the constant right operand
     */
    public Dual div(double c) {
        return tag == 0 ? constant(real / c) : make(tag, primal().div(c), tangent().div(c));
    }

    /**
     * {@return {@code this ^ p}} for a constant exponent, never taking the logarithm of the base
     *
     * @param p the constant exponent
     */
    public Dual pow(double p) {
        return DualMath.unary(Primitive.POW_CONST, this, p);
    }

    /**
     * {@return {@code this ^ exponent}}; a plain-number exponent is treated as {@link #pow(double)}
     *
     * @param exponent the exponent
     */
    public Dual pow(Dual exponent) {
        return exponent.tag == 0 ? pow(exponent.real) : DualMath.binary(Primitive.POW, this, exponent);
    }

    /** {@return {@code this²}} */
    public Dual square() {
        return times(this);
    }

    /**
     * {@return {@code atan2(this, x)}}, the angle of the point {@code (x, this)}
     *
     * @param x the abscissa
     */
    public Dual atan2(Dual x) {
        return DualMath.binary(Primitive.ATAN2, this, x);
    }

    /**
     * {@return {@code atan2(this, x)}}
     *
     * @param x the abscissa
     */
    public Dual atan2(double x) {
        return atan2(constant(x));
    }

    /**
     * {@return {@code sqrt(this² + other²)}} without overflow
     *
     * @param other the right operand
     */
    public Dual hypot(Dual other) {
        return DualMath.binary(Primitive.HYPOT, this, other);
    }

    /**
     * {@return the larger of the two}; at a tie, their mean (each gets half the derivative)
     *
     * @param other the right operand
     */
    public Dual max(Dual other) {
        return real > other.real ? this : real < other.real ? other : plus(other).times(0.5);
    }

    /**
     * {@return {@code max(this, c)}}
     *
     * @param c the constant right operand
     */
    public Dual max(double c) {
        return max(constant(c));
    }

    /**
     * {@return the smaller of the two}; at a tie, their mean (each gets half the derivative)
     *
     * @param other the right operand
     */
    public Dual min(Dual other) {
        return real < other.real ? this : real > other.real ? other : plus(other).times(0.5);
    }

    /**
     * {@return {@code min(this, c)}}
     *
     * @param c the constant right operand
     */
    public Dual min(double c) {
        return min(constant(c));
    }

    /** {@return {@code e^this}} */
    public Dual exp() {
        return DualMath.unary(Primitive.EXP, this, 0);
    }

    /** {@return the natural logarithm} */
    public Dual log() {
        return DualMath.unary(Primitive.LOG, this, 0);
    }

    /** {@return the base-10 logarithm} */
    public Dual log10() {
        return DualMath.unary(Primitive.LOG10, this, 0);
    }

    /** {@return {@code ln(1 + this)}} */
    public Dual log1p() {
        return DualMath.unary(Primitive.LOG1P, this, 0);
    }

    /** {@return {@code e^this - 1}} */
    public Dual expm1() {
        return DualMath.unary(Primitive.EXPM1, this, 0);
    }

    /** {@return the square root} */
    public Dual sqrt() {
        return DualMath.unary(Primitive.SQRT, this, 0);
    }

    /** {@return the cube root} */
    public Dual cbrt() {
        return DualMath.unary(Primitive.CBRT, this, 0);
    }

    /** {@return the sine} */
    public Dual sin() {
        return DualMath.unary(Primitive.SIN, this, 0);
    }

    /** {@return the cosine} */
    public Dual cos() {
        return DualMath.unary(Primitive.COS, this, 0);
    }

    /** {@return the tangent} */
    public Dual tan() {
        return DualMath.unary(Primitive.TAN, this, 0);
    }

    /** {@return the arc sine} */
    public Dual asin() {
        return DualMath.unary(Primitive.ASIN, this, 0);
    }

    /** {@return the arc cosine} */
    public Dual acos() {
        return DualMath.unary(Primitive.ACOS, this, 0);
    }

    /** {@return the arc tangent} */
    public Dual atan() {
        return DualMath.unary(Primitive.ATAN, this, 0);
    }

    /** {@return the hyperbolic sine} */
    public Dual sinh() {
        return DualMath.unary(Primitive.SINH, this, 0);
    }

    /** {@return the hyperbolic cosine} */
    public Dual cosh() {
        return DualMath.unary(Primitive.COSH, this, 0);
    }

    /** {@return the hyperbolic tangent} */
    public Dual tanh() {
        return DualMath.unary(Primitive.TANH, this, 0);
    }

    /** {@return the inverse hyperbolic sine} */
    public Dual asinh() {
        return DualMath.unary(Primitive.ASINH, this, 0);
    }

    /** {@return the inverse hyperbolic cosine} */
    public Dual acosh() {
        return DualMath.unary(Primitive.ACOSH, this, 0);
    }

    /** {@return the inverse hyperbolic tangent} */
    public Dual atanh() {
        return DualMath.unary(Primitive.ATANH, this, 0);
    }

    /** {@return the absolute value}; its derivative at 0 is 0 */
    public Dual abs() {
        return DualMath.unary(Primitive.ABS, this, 0);
    }

    /** {@return the logistic sigmoid {@code 1 / (1 + e^-this)}} */
    public Dual sigmoid() {
        return ONE.div(unaryMinus().exp().plus(1));
    }

    /** {@return the number, with each perturbation written {@code t·ε<tag>}} */
    @Override
    public String toString() {
        if (tag == 0) {
            return Double.toString(real);
        }
        return "(" + primal() + " + " + tangent() + "·ε" + tag + ")";
    }
}
