package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * What generated code may assume about a primitive's partials without computing them: that one is a
 * constant, or equal to an operand. Derived from the rule table itself by evaluating {@link Rules#apply}
 * at a set of probe points chosen to separate cases (either order of the operands, a tie, both signs,
 * zero), so no fact about a rule is written twice: a partial is a constant only if the table gives
 * the same bits at every probe, and an operand only if it equals that operand at every probe.
 *
 * <p>Slots: 0 = ∂a, 1 = ∂b, 2 = scale of the second partials, 3 = ∂a∂a, 4 = ∂a∂b, 5 = ∂b∂b (scaled,
 * see {@link Partials}); second partials are constant only where the scale is the constant 1.
 */
public final class PartialForms {
    /** The partial must be computed by the rule at run time. */
    public static final int COMPUTED = 0;
    /** The partial is {@link #constant(int)} everywhere. */
    public static final int CONSTANT = 1;
    /** The partial is the operand a. */
    public static final int OPERAND_A = 2;
    /** The partial is the operand b. */
    public static final int OPERAND_B = 3;

    private static final double[][] PROBES = {
        {3.25, 7.5}, {7.5, 3.25}, {-1.75, -2.125}, {-2.125, 0.625}, {5.5, 5.5}, {0.375, -9.0}, {0.0, 1.5}, {-0.5, 0.0},
    };

    private final int[] form = new int[6];
    private final double[] constant = new double[6];

    private PartialForms() {}

    /**
     * {@return the forms of primitive {@code code}'s partials with constant parameter {@code p}}; a
     * rule whose third argument is an operand's value ({@link Primitive#IF_ELSE}) has every partial
     * computed
     */
    public static PartialForms of(int code, double p) {
        PartialForms f = new PartialForms();
        if (code == Primitive.IF_ELSE.ordinal()) {
            return f; // all COMPUTED: the partials follow the condition's value
        }
        Partials q = new Partials();
        double[][] seen = new double[PROBES.length][];
        for (int k = 0; k < PROBES.length; k++) {
            double a = PROBES[k][0];
            double b = PROBES[k][1];
            Rules.apply(code, a, b, p, q);
            seen[k] = new double[] {q.da, q.db, q.scale, q.daa, q.dab, q.dbb};
        }
        for (int slot = 0; slot < 6; slot++) {
            boolean same = true;
            boolean isA = true;
            boolean isB = true;
            for (int k = 0; k < PROBES.length; k++) {
                double x = seen[k][slot];
                same &= Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(seen[0][slot]);
                isA &= Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(PROBES[k][0]);
                isB &= Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(PROBES[k][1]);
            }
            if (same) {
                f.form[slot] = CONSTANT;
                f.constant[slot] = seen[0][slot];
            } else if (isA) {
                f.form[slot] = OPERAND_A;
            } else if (isB) {
                f.form[slot] = OPERAND_B;
            }
        }
        if (!(f.form[2] == CONSTANT && f.constant[2] == 1)) {
            f.form[3] = COMPUTED;
            f.form[4] = COMPUTED;
            f.form[5] = COMPUTED;
        }
        return f;
    }

    /** {@return the form of slot {@code slot}: {@link #COMPUTED}, {@link #CONSTANT}, {@link #OPERAND_A} or {@link #OPERAND_B}} */
    public int form(int slot) {
        return form[slot];
    }

    /** {@return the constant of slot {@code slot}, when its form is {@link #CONSTANT}} */
    public double constant(int slot) {
        return constant[slot];
    }

    /** {@return whether every partial (first, second and the scale) is known without computing} */
    public boolean allKnown() {
        for (int f : form) {
            if (f == COMPUTED) {
                return false;
            }
        }
        return true;
    }
}
