package dev.autodiff.core.internal.rules;

/**
 * Scratch space for one application of a primitive rule: the value and the local first and second
 * partial derivatives with respect to operands {@code a} and {@code b}.
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
    /** ∂²f/∂a². */
    public double daa;
    /** ∂²f/∂a∂b. */
    public double dab;
    /** ∂²f/∂b². */
    public double dbb;

    public void set(double value, double da, double daa) {
        this.value = value;
        this.da = da;
        this.db = 0;
        this.daa = daa;
        this.dab = 0;
        this.dbb = 0;
    }

    public void set(double value, double da, double db, double daa, double dab, double dbb) {
        this.value = value;
        this.da = da;
        this.db = db;
        this.daa = daa;
        this.dab = dab;
        this.dbb = dbb;
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
}
