package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * Which partial derivatives of a primitive may be non-zero, declared once on each primitive's entry
 * ({@link Traits}): the sparsity analysis reads which operands interact, the loop planner which
 * primitives are signed sums, Taylor mode which series are linear combinations of their operands'.
 * An operation the table does not know (a custom one) is taken as {@link #NONLINEAR}, which can only
 * make a pattern denser, never wrong. {@code StructureTest} checks every claim of a zero against the
 * numeric partials ({@link Rules}) at random points.
 */
public enum Structure {
    /** Every second partial may be non-zero: {@code exp}, {@code a / b}'s denominator, {@code atan2} … */
    NONLINEAR,
    /** Linear in every operand, with constant partials: {@code a + b}, {@code a - b}, {@code -a}, {@code a ^ 1}. */
    LINEAR,
    /**
     * First partials piecewise constant, second partials 0 wherever defined: {@code abs},
     * {@code max}, {@code min}, {@code ifElse}. They pass dependence on but add no Hessian entry.
     */
    PIECEWISE_LINEAR,
    /** {@code a · b}: linear in each operand, so only the pair across the two operands interacts. */
    BILINEAR,
    /** {@code a / b}: linear in {@code a}, so every pair but (a, a) interacts. */
    QUOTIENT,
    /**
     * A zero derivative: {@code a ^ 0}, whose derivative is 0 at every base by convention, and
     * comparisons ({@code a < b}: 1 or 0); nothing flows through it.
     */
    CONSTANT;

    /**
     * {@return the structure of primitive {@code code}} (a {@link Primitive} ordinal) with constant
     * parameter {@code param}: the one its entry declares, refined by the parameter where the entry
     * says how (the exponent of {@link Primitive#POW_CONST})
     */
    public static Structure of(int code, double param) {
        return Traits.of(code).structure(param);
    }

    /**
     * {@return whether primitive {@code code} is linear with constant partials for every parameter}
     * (a sum, difference or negation): its partials depend on no operand's value, and a tangent
     * through it is a signed sum of its operands'. False for codes that are no primitive (negative).
     */
    public static boolean isLinear(int code) {
        return code >= 0 && LinearCodes.TABLE[code];
    }

    /**
     * {@link #isLinear} per primitive, read from the rule table once (in a holder, initialized on
     * first use, after the table): the loop planner asks for every node of a program, and a
     * 10⁶-node program is planned in a JVM that has not yet compiled the table's lookups (asking
     * the table per node cost about 0.18 s of a cold {@code Reverse.of}).
     */
    private static final class LinearCodes {
        static final boolean[] TABLE = table();

        private static boolean[] table() {
            boolean[] linear = new boolean[Primitive.values().length];
            for (int code = 0; code < linear.length; code++) {
                linear[code] = Traits.of(code).structure() == LINEAR;
            }
            return linear;
        }
    }

    /** {@return whether a derivative may flow through operand {@code slot}} */
    public boolean flows(int slot) {
        return this != CONSTANT;
    }

    /** {@return whether the second partial with respect to operands {@code slot} and {@code other} may be non-zero} */
    public boolean interacts(int slot, int other) {
        return switch (this) {
            case NONLINEAR -> true;
            case LINEAR, PIECEWISE_LINEAR, CONSTANT -> false;
            case BILINEAR -> slot != other;
            case QUOTIENT -> slot == 1 || other == 1;
        };
    }

    /**
     * {@return whether every second partial is 0 wherever defined}, so that locally the primitive is
     * the linear combination of its operands with its first partials as weights (and so is its
     * Taylor series)
     */
    public boolean isLocallyLinear() {
        return !interacts(0, 0) && !interacts(0, 1) && !interacts(1, 1);
    }
}
