package dev.autodiff.core.internal.rules;

/**
 * Scratch space for one application of a primitive rule: the value and the local first and second
 * partial derivatives with respect to operands {@code a} and {@code b}.
 *
 * <p>Second partials are kept <i>scaled</i>: the true {@code ∂²f/∂a²} is {@code scale²·daa}, and
 * likewise {@code dab} and {@code dbb}. A rule whose second partials under- or overflow where their
 * products with tangents do not (log's {@code −1/a²} times a tangent of size {@code a}) picks a
 * scale such as {@code 1/a}, and every sweep multiplies a tangent by the scale before the scaled
 * partial and by the scale again after ({@link #curvature}): {@code ((ṫ·σ)·D)·σ} stays
 * representable where {@code ṫ·(σ²·D)} would lose it. Most rules have scale 1, which changes no bit.
 *
 * <p>One instance serves a whole sweep; sweeps never allocate per node. For unary primitives the
 * {@code b} fields are zero.
 */
public final class Partials {
    /** The primitive's value. */
    public double value;
    /** ∂f/∂a. */
    public double da;
    /** ∂f/∂b. */
    public double db;
    /** The scale σ of the second partials: the true ones are σ² times the fields below. */
    public double scale = 1;
    /** ∂²f/∂a² divided by σ². */
    public double daa;
    /** ∂²f/∂a∂b divided by σ². */
    public double dab;
    /** ∂²f/∂b² divided by σ². */
    public double dbb;

    /** Sets a unary rule's value and partials, with second-partial scale 1. */
    public void set(double value, double da, double daa) {
        set(value, da, 0, 1, daa, 0, 0);
    }

    /** Sets a binary rule's value and partials, with second-partial scale 1. */
    public void set(double value, double da, double db, double daa, double dab, double dbb) {
        set(value, da, db, 1, daa, dab, dbb);
    }

    /** Sets a unary rule's value and partials with second partial {@code scale²·daa}. */
    public void setScaled(double value, double da, double scale, double daa) {
        set(value, da, 0, scale, daa, 0, 0);
    }

    /** Sets value, first partials, and second partials {@code scale²·(daa, dab, dbb)}. */
    public void set(double value, double da, double db, double scale, double daa, double dab, double dbb) {
        // in two halves, each, and this, under the 35 bytes of bytecode (MaxInlineSize) that C2
        // inlines wherever it is called: as one method of 41 bytes it was inlined only where its
        // call counted as hot, which on some compiles it did not (-XX:+PrintInlining: "too big"),
        // and then every Partials of the numeric tape's loop went to the heap (92 → 164 bytes and
        // 30 → 37 ns a term of chained Rosenbrock, from one JVM to the next)
        setFirst(value, da, db);
        setSecond(scale, daa, dab, dbb);
    }

    private void setFirst(double value, double da, double db) {
        this.value = value;
        this.da = da;
        this.db = db;
    }

    private void setSecond(double scale, double daa, double dab, double dbb) {
        this.scale = scale;
        this.daa = daa;
        this.dab = dab;
        this.dbb = dbb;
    }

    /** {@return ∂²f/∂a², unscaled} (it may under- or overflow where the scaled sweep products do not) */
    public double secondAA() {
        return scale * (scale * daa);
    }

    /** {@return ∂²f/∂a∂b, unscaled} */
    public double secondAB() {
        return scale * (scale * dab);
    }

    /** {@return ∂²f/∂b², unscaled} */
    public double secondBB() {
        return scale * (scale * dbb);
    }

    /**
     * {@return {@code σ·(times(ta·σ, first) + times(tb·σ, second))}}: a row of the rule's second
     * partials applied to the tangents {@code (ta, tb)} of its operands, in the scaled order every
     * second-order sweep uses (interpreted or generated), with the zero-factor rule of {@link #times}
     * on every product. For the a-row pass {@code (daa, dab)}, for the b-row {@code (dab, dbb)}.
     */
    public static double curvature(double ta, double tb, double first, double second, double scale) {
        return times(times(times(ta, scale), first) + times(times(tb, scale), second), scale);
    }

    /**
     * {@return {@code weight · partial}, exactly 0 when either factor is 0}: the one rule for a zero
     * factor in a chain-rule product, which every sweep multiplies with (interpreted or generated,
     * forward or reverse, first or second order). A node that does not move in a direction (tangent
     * 0), does not influence a result (adjoint 0) or has a zero local partial contributes exactly 0,
     * even where the other factor is infinite or NaN ({@code 0·∞} would be NaN). Because the rule is
     * symmetric, a path through the graph contributes 0 whenever any of its factors is 0, in whichever
     * order a mode multiplies them, so forward and reverse mode agree.
     */
    public static double times(double weight, double partial) {
        return weight == 0 || partial == 0 ? 0 : weight * partial;
    }

    /**
     * {@return whether {@code d} is a normal number}: not zero, subnormal, infinite or NaN; its
     * magnitude from {@link Double#MIN_NORMAL} to {@link Double#MAX_VALUE}. A product of normal
     * numbers that is normal again lost no digits to underflow or overflow: the numeric tape folds
     * partials where it is (a product that is not is recomputed exactly), and Taylor series take a
     * power's low orders from the rule table where its value is not.
     */
    public static boolean normal(double d) {
        // The biased exponent e is 1 to 2046 exactly when e + 1 is 2 to 2047 modulo 2048 (0 and 2047
        // wrap to 1 and 0; the sign bit is masked away): one comparison and one branch, where testing
        // the magnitude against both bounds takes two of each. A normal check follows each folded
        // product on the tape's fast path (seven a term of chained Rosenbrock), so it shows: the
        // gradient on the tape was faster in alternated runs of both in one JVM (see BENCHMARKS.md).
        return ((int) (Double.doubleToRawLongBits(d) >>> 52) + 1 & 0x7FF) > 1;
    }
}
