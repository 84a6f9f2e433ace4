package dev.autodiff.forward;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.NumericScalar;
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
 * Binary {@code div pow atan2 hypot} on nested duals, and custom operations, multiply the tangent
 * by their partial derivatives computed as duals by the generic rule table (the same one symbolic
 * derivatives and nested tapes use), so they nest to any depth.
 *
 * <p>{@code Dual} is a {@link NumericScalar}: the operations and functions not written here are the
 * interface's, over the core ({@link #apply(Primitive)} …), and a function written over
 * {@code Scalar} runs on duals. Comparisons ({@code lessThan} …) give plain 1 or 0,
 * {@link #ifElse} selects a whole dual, and {@code compareTo} branches in plain code
 * ({@code if (x > 0.0)} in Kotlin).
 *
 * <p><b>Chunks.</b> {@link Forward#gradient(MultivariateDualFunction, double...)} perturbs up to
 * 12 variables at once, as ForwardDiff.jl's chunk mode does: one tag stands for k perturbations
 * {@code ε₁ … ε_k} with {@code εᵢ·εⱼ = 0}, and a dual of that tag carries k tangents, one per
 * variable of the chunk (as plain numbers when none carries an older perturbation). Every operation
 * computes each tangent by the formula it uses for a single perturbation, and a tangent that is
 * exactly zero acts as no perturbation at all, so each is the one a single-variable evaluation gives,
 * to the bit when no perturbation of an enclosing derivative call is involved.
 *
 * <p>Tangents that are exactly zero are dropped, so a dual that does not depend on a perturbation
 * costs nothing for it. Duals are equal only when identical; compare {@link #value()} for numbers.
 */
public final class Dual implements NumericScalar<Dual> {
    private static final AtomicLong TAGS = new AtomicLong();
    static final Dual ZERO = new Dual(0.0);
    static final Dual ONE = new Dual(1.0);

    /** 0 for a plain number; otherwise the perturbation (or chunk of them) this dual's tangents multiply. */
    final long tag;
    /** The plain number, or the innermost real part of the primal chain. */
    final double real;
    /** The number of tags along the primal chain: powers of {@code this - real} above it vanish. */
    final int order;
    private final @Nullable Dual primal;
    /** The tangent of a single perturbation; null for plain numbers and chunks. */
    private final @Nullable Dual tangent;
    /** A chunk's tangents as plain numbers, when none carries an older perturbation; else null. */
    final double @Nullable [] partials;
    /** A chunk's tangents as duals, when some carries an older perturbation; else null. */
    final Dual @Nullable [] tangents;

    private Dual(double real) {
        this.tag = 0;
        this.real = real;
        this.order = 0;
        this.primal = null;
        this.tangent = null;
        this.partials = null;
        this.tangents = null;
    }

    private Dual(long tag, Dual primal, @Nullable Dual tangent, double @Nullable [] partials, Dual @Nullable [] tangents) {
        this.tag = tag;
        this.real = primal.real;
        this.order = primal.order + 1;
        this.primal = primal;
        this.tangent = tangent;
        this.partials = partials;
        this.tangents = tangents;
    }

    private Dual(long tag, Dual primal, Dual tangent) {
        this(tag, primal, tangent, null, null);
    }

    /** {@return {@code p + Σ partials[j]·ε_j}} for chunk tag {@code tag}; the caller has checked some partial is non-zero */
    static Dual chunk(long tag, Dual p, double[] partials) {
        return new Dual(tag, p, null, partials, null);
    }

    /** {@return {@code p + Σ tangents[j]·ε_j}} for chunk tag {@code tag}; the caller has checked some tangent is tagged */
    static Dual chunk(long tag, Dual p, Dual[] tangents) {
        return new Dual(tag, p, null, null, tangents);
    }

    /** {@return whether this dual's tag is a chunk of perturbations} */
    boolean isChunk() {
        return partials != null || tangents != null;
    }

    /**
     * {@return the plain number {@code value}, a dual without perturbations}
     *
     * @param value the number
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

    /** {@return the tangent part with respect to tag {@code e}, a single perturbation at least this dual's tag} */
    Dual tangentAt(long e) {
        return tag == e ? tangent() : ZERO;
    }

    /** {@return whether the newer of the tags of {@code a} and {@code b} is a chunk} */
    static boolean chunkAt(Dual a, Dual b) {
        return (a.tag >= b.tag ? a : b).isChunk();
    }

    Dual primal() {
        return primal == null ? this : primal;
    }

    /** {@return the tangent of a single perturbation} (a chunk's are {@link ChunkMath#component}'s) */
    Dual tangent() {
        if (isChunk()) {
            throw new IllegalStateException("internal: a chunk dual has no single tangent: " + this);
        }
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
        if (isChunk()) {
            return ChunkMath.map(this, d -> d.perturbation(e));
        }
        return make(tag, primal().perturbation(e), tangent().perturbation(e));
    }

    /** {@return the coefficient of the j-th perturbation of chunk tag {@code e} in this dual}, as {@link #perturbation(long)} */
    Dual perturbation(long e, int j) {
        if (tag < e) {
            return ZERO;
        }
        if (tag == e) {
            return ChunkMath.component(this, j);
        }
        if (isChunk()) {
            return ChunkMath.map(this, d -> d.perturbation(e, j));
        }
        return make(tag, primal().perturbation(e, j), tangent().perturbation(e, j));
    }

    /** {@return the real part: this number with every perturbation dropped} */
    @Override
    public double value() {
        return real;
    }

    /** {@return {@code this + other}} */
    @Override
    public Dual plus(Dual other) {
        if (tag == 0 && other.tag == 0) {
            return constant(real + other.real);
        }
        if (chunkAt(this, other)) {
            return ChunkMath.plus(this, other);
        }
        long e = Math.max(tag, other.tag);
        return make(e, primalAt(e).plus(other.primalAt(e)), DualMath.sum(tangentAt(e), other.tangentAt(e)));
    }

    /** {@return {@code this + c}} */
    @Override
    public Dual plus(double c) {
        return tag == 0 ? constant(real + c) : new Dual(tag, primal().plus(c), tangent, partials, tangents);
    }

    /** {@return {@code this - other}} */
    @Override
    public Dual minus(Dual other) {
        return plus(other.unaryMinus());
    }

    /** {@return {@code this - c}} */
    @Override
    public Dual minus(double c) {
        return tag == 0 ? constant(real - c) : new Dual(tag, primal().minus(c), tangent, partials, tangents);
    }

    /** {@return {@code -this}} */
    @Override
    public Dual unaryMinus() {
        if (tag == 0) {
            return constant(-real);
        }
        return isChunk() ? ChunkMath.negate(this) : new Dual(tag, primal().unaryMinus(), tangent().unaryMinus());
    }

    /** {@return {@code this · other}}, by the product rule on the parts of the newer tag */
    @Override
    public Dual times(Dual other) {
        if (tag == 0 && other.tag == 0) {
            return constant(real * other.real);
        }
        if (chunkAt(this, other)) {
            return ChunkMath.times(this, other);
        }
        long e = Math.max(tag, other.tag);
        Dual ap = primalAt(e);
        Dual bp = other.primalAt(e);
        Dual t = DualMath.sum(DualMath.scale(tangentAt(e), bp), DualMath.scale(other.tangentAt(e), ap));
        return make(e, ap.times(bp), t);
    }

    /** {@return {@code this · c}} */
    @Override
    public Dual times(double c) {
        if (tag == 0) {
            return constant(real * c);
        }
        return isChunk() ? ChunkMath.times(this, c) : make(tag, primal().times(c), DualMath.scale(tangent(), c));
    }

    /** {@return {@code this / other}} */
    @Override
    public Dual div(Dual other) {
        return DualMath.binary(Primitive.DIV, this, other);
    }

    /** {@return {@code this / c}} */
    @Override
    public Dual div(double c) {
        if (tag == 0) {
            return constant(real / c);
        }
        return isChunk() ? ChunkMath.div(this, c) : make(tag, primal().div(c), tangent().div(c));
    }

    /** {@return {@code this ^ p}} for a constant exponent, never taking the logarithm of the base */
    @Override
    public Dual pow(double p) {
        return DualMath.unary(Primitive.POW_CONST, this, p);
    }

    /** {@return {@code this ^ exponent}}; a plain-number exponent is treated as {@link #pow(double)} */
    @Override
    public Dual pow(Dual exponent) {
        return exponent.tag == 0 ? pow(exponent.real) : DualMath.binary(Primitive.POW, this, exponent);
    }

    /** {@return {@code this²}} */
    @Override
    public Dual square() {
        return times(this);
    }

    /**
     * {@return the larger of the two}; at a tie (or a NaN), the rule table's: each gets half the
     * derivative, and the value is the table's, never the overflowing mean {@code (a + b)/2}
     */
    @Override
    public Dual max(Dual other) {
        return real > other.real ? this : real < other.real ? other : DualMath.binary(Primitive.MAX, this, other);
    }

    /** {@return the smaller of the two}; at a tie (or a NaN), the rule table's, as {@link #max(Dual)} */
    @Override
    public Dual min(Dual other) {
        return real < other.real ? this : real > other.real ? other : DualMath.binary(Primitive.MIN, this, other);
    }

    // ---- the scalar core ----

    /** {@return the plain number {@code value}}, as {@link #constant(double)} */
    @Override
    public Dual newConstant(double value) {
        return constant(value);
    }

    /**
     * {@return unary primitive {@code op} applied to this}: the rule table for one perturbation
     * level, Taylor coefficients for more (see the class comment)
     */
    @Override
    public Dual apply(Primitive op) {
        if (op == Primitive.NEG) {
            return unaryMinus();
        }
        if (op.arity() != 1 || op == Primitive.POW_CONST) {
            throw new IllegalArgumentException("expected a unary primitive other than POW_CONST (use pow(double)), got " + op);
        }
        return DualMath.unary(op, this, 0);
    }

    /** {@return binary primitive {@code op} applied to this and {@code other}}; a comparison is a plain 1 or 0 */
    @Override
    public Dual apply(Primitive op, Dual other) {
        return switch (op) {
            case ADD -> plus(other);
            case SUB -> minus(other);
            case MUL -> times(other);
            case POW -> pow(other);
            case MAX -> max(other);
            case MIN -> min(other);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> constant(Rules.value(op.ordinal(), real, other.real, 0));
            // this is the constant order, other the argument
            case POLYGAMMA -> other.polygamma((int) real);
            default -> {
                if (op.arity() != 2) {
                    throw new IllegalArgumentException("expected a binary primitive, got " + op);
                }
                // DIV, ATAN2, HYPOT and any other: the rule tables, first order and nested
                yield DualMath.binary(op, this, other);
            }
        };
    }

    /** {@return the polygamma function ψ⁽ⁿ⁾ of this dual}, by the rule tables (Taylor for nested duals) */
    @Override
    public Dual polygamma(int n) {
        if (n < 0 || n > Primitive.POLYGAMMA_ORDERS) {
            throw new IllegalArgumentException("expected a polygamma order from 0 to " + Primitive.POLYGAMMA_ORDERS + ", got " + n);
        }
        return DualMath.unary(Primitive.POLYGAMMA, this, n);
    }

    /** {@return {@code whenTrue} where this is non-zero, {@code whenFalse} where it is zero, NaN where it is NaN} */
    @Override
    public Dual ifElse(Dual whenTrue, Dual whenFalse) {
        return real != real ? constant(Double.NaN) : real != 0 ? whenTrue : whenFalse;
    }

    /**
     * {@return custom operation {@code op} applied to this}: {@code f(x₀) + f'(x₀)·t·ε} for
     * {@code x = x₀ + t·ε}, where {@code f'(x₀)} is itself computed on the dual {@code x₀} when that
     * carries perturbations, from the operation's derivative expression or its derivatives of higher
     * order
     *
     * @throws UnsupportedOperationException naming the operation when it lacks the derivatives of
     *     the order this dual's nesting needs
     */
    @Override
    public Dual apply(CustomOperation op) {
        return DualMath.custom(op, this);
    }

    /** {@return the number, with each perturbation written {@code t·ε<tag>}} */
    @Override
    public String toString() {
        if (tag == 0) {
            return Double.toString(real);
        }
        if (isChunk()) {
            StringBuilder s = new StringBuilder("(").append(primal());
            for (int j = 0; j < ChunkMath.width(this); j++) {
                s.append(" + ").append(ChunkMath.component(this, j)).append("·ε").append(tag).append('.').append(j + 1);
            }
            return s.append(')').toString();
        }
        return "(" + primal() + " + " + tangent() + "·ε" + tag + ")";
    }
}
