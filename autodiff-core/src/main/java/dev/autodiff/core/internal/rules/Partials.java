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
     * {@return {@code weight · partial}, exactly 0 when the weight (a tangent or an adjoint) is 0}:
     * the strong zero every sweep multiplies with, interpreted or generated, so a node that does not
     * influence a result contributes exactly 0 even through an infinite or NaN partial ({@code 0·∞}
     * would be NaN)
     */
    public static double times(double weight, double partial) {
        return weight == 0 ? 0 : weight * partial;
    }
}
