package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.internal.rules.ScalarRules.Pair;
import org.jspecify.annotations.Nullable;

/**
 * Every rule of one {@link Primitive}, behind one shape: its value, its numeric partials, its
 * partials over any {@link Scalar}, its Taylor series and its traits. Each primitive has one
 * instance, the {@code RULE} field of its entry (a final class nested in its family file, such as
 * {@code Trigonometric.Sin.RULE}); {@link Rules#rule} maps op codes to them.
 *
 * <p>Every method takes operands {@code a} and {@code b} (ignored by unary primitives) and a third
 * argument {@code p}: the constant exponent of {@link Primitive#POW_CONST}, the order of
 * {@link Primitive#POLYGAMMA}, the condition's value of {@link Primitive#IF_ELSE}, unused
 * otherwise. Generated code may call {@link #value} and {@link #apply} on an entry's {@code RULE}
 * directly: the entries are final, so such a call binds to one small method the JIT inlines.
 */
public abstract class Rule {
    private final Traits traits;

    /** An entry whose traits are {@code traits}; entries are the only subclasses. */
    Rule(Traits traits) {
        this.traits = traits;
    }

    /** {@return the primitive's value at operands {@code a}, {@code b} with parameter {@code p}} */
    public abstract double value(double a, double b, double p);

    /**
     * Writes the value and the first partials to {@code out}, and the second partials (scaled, see
     * {@link Partials}) when {@code second}. Without {@code second}, an entry whose second partials
     * cost more than arithmetic (the special functions' further exponentials or polygammas) writes
     * NaN in their place, so that a sweep reading them by mistake shows it; the value and first
     * partials are the same bits either way.
     */
    public abstract void apply(double a, double b, double p, Partials out, boolean second);

    /**
     * {@return the first partials over any {@link Scalar}}: symbolic, tape or dual, differentiable
     * again for higher orders (see {@link ScalarRules})
     *
     * @param a the first operand ({@code whenTrue} of {@link Primitive#IF_ELSE}; the argument of
     *     {@link Primitive#POLYGAMMA})
     * @param b the second operand ({@code whenFalse} of {@link Primitive#IF_ELSE}), null for unary primitives
     * @param p the rule's third argument, a constant
     * @param condition the condition of {@link Primitive#IF_ELSE}, null otherwise
     * @param value the primitive's value at the operands, which several partials reuse
     */
    public final <T extends Scalar<T>> Pair<T> scalar(T a, @Nullable T b, double p, @Nullable T condition, T value) {
        // made first for every primitive, used or not: a tape scalar records its constants, in this order
        T one = a.newConstant(1);
        return partials(a, b, p, condition, value, one);
    }

    /** The entry's generic partials ({@link #scalar}), given {@code one}, the constant 1 made first. */
    abstract <T extends Scalar<T>> Pair<T> partials(T a, @Nullable T b, double p, @Nullable T condition, T value,
            T one);

    /**
     * Writes coefficients {@code from} … d (from is 1, or {@link TaylorRules#FIRST} where the table
     * wrote 1 and 2) of the series at {@code s[y]}, given those below, the operands' series at
     * {@code s[a]} and {@code s[b]} (b < 0 for unary primitives) and the partials {@code q} at
     * coefficient 0. The default serves the locally linear primitives
     * ({@link Structure#isLocallyLinear}): their series is their operands' combined with the first
     * partials as weights. Every other entry writes its recurrence here.
     */
    void series(double[] s, int a, int b, int y, int d, int from, double p, Partials q, TaylorRules.Scratch w) {
        if (!traits.structure().isLocallyLinear()) {
            throw new UnsupportedOperationException("no Taylor rule in " + getClass().getName()
                    + ": its traits declare it " + traits.structure() + ", so it must write its own series");
        }
        // no second partials anywhere: the first-order weights are the whole local rule
        TaylorRules.linear(s, a, b, y, d, from, q.da, q.db);
    }

    /**
     * {@return {@code weight · partial}} for operand {@code operand} (0 for a, 1 for b), where the
     * partial is not finite and neither factor is 0 ({@link Rules#chain}); an entry whose partial
     * overflows where the product need not (the quotient) writes the product another way
     */
    double chain(int operand, double weight, double a, double b, double p, double partial) {
        return weight * partial;
    }

    /** {@return the traits this entry declares} */
    final Traits traits() {
        return traits;
    }

    /** {@return {@code operand}, which a binary primitive (or ifElse's condition) requires} */
    static <T> T need(@Nullable T operand) {
        if (operand == null) {
            throw new IllegalArgumentException("expected an operand for this primitive, got none");
        }
        return operand;
    }
}
