package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * What generated code may assume about a primitive's partials without computing them: that one is a
 * constant, or equal to an operand. Derived from the rule table itself by evaluating {@link Rules#apply}
 * at a set of probe points chosen to separate cases (either order of the operands, a tie, both signs,
 * zero), so no fact about a rule is written twice: a partial is a constant only if the table gives
 * the same bits at every probe, and an operand only if it equals that operand at every probe.
 *
 * <p>A value that is one arithmetic operation of the operands is recognised the same way
 * ({@link #valueForm()}). Slots: 0 = ∂a, 1 = ∂b, 2 = scale of the second partials, 3 = ∂a∂a, 4 = ∂a∂b, 5 = ∂b∂b (scaled,
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
    /** The partial is the operand a times {@link #constant(int)}. */
    public static final int SCALED_A = 4;

    /** Value forms ({@link #valueForm()}): the value must be computed by the rule at run time. */
    public static final int VALUE_COMPUTED = 0;
    /** The value is {@code a + b}. */
    public static final int VALUE_SUM = 1;
    /** The value is {@code a - b}. */
    public static final int VALUE_DIFFERENCE = 2;
    /** The value is {@code a · b}. */
    public static final int VALUE_PRODUCT = 3;
    /** The value is {@code -a}. */
    public static final int VALUE_NEGATION = 4;
    /** The value is {@code a · a}. */
    public static final int VALUE_SQUARE = 5;

    private static final double[][] PROBES = {
        {3.25, 7.5}, {7.5, 3.25}, {-1.75, -2.125}, {-2.125, 0.625}, {5.5, 5.5}, {0.375, -9.0}, {0.0, 1.5}, {-0.5, 0.0},
    };

    private final int[] form = new int[6];
    private final double[] constant = new double[6];
    private int valueForm = VALUE_COMPUTED;

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
        boolean[] value = {true, true, true, true, true, true};
        for (int k = 0; k < PROBES.length; k++) {
            double a = PROBES[k][0];
            double b = PROBES[k][1];
            Rules.apply(code, a, b, p, q);
            seen[k] = new double[] {q.da, q.db, q.scale, q.daa, q.dab, q.dbb};
            double v = Rules.value(code, a, b, p);
            value[VALUE_SUM] &= same(v, a + b) && same(q.value, v);
            value[VALUE_DIFFERENCE] &= same(v, a - b) && same(q.value, v);
            value[VALUE_PRODUCT] &= same(v, a * b) && same(q.value, v);
            value[VALUE_NEGATION] &= same(v, -a) && same(q.value, v);
            value[VALUE_SQUARE] &= same(v, a * a) && same(q.value, v);
        }
        for (int form = VALUE_SUM; form <= VALUE_SQUARE && f.valueForm == VALUE_COMPUTED; form++) {
            if (value[form]) {
                f.valueForm = form;
            }
        }
        for (int slot = 0; slot < 6; slot++) {
            boolean same = true;
            boolean isA = true;
            boolean isB = true;
            // c·a with the c of the first probe whose a is not 0
            double c = seen[0][slot] / PROBES[0][0];
            boolean scaled = Double.isFinite(c) && c != 0;
            for (int k = 0; k < PROBES.length; k++) {
                double x = seen[k][slot];
                same &= same(x, seen[0][slot]);
                isA &= same(x, PROBES[k][0]);
                isB &= same(x, PROBES[k][1]);
                scaled &= same(x, c * PROBES[k][0]);
            }
            if (same) {
                f.form[slot] = CONSTANT;
                f.constant[slot] = seen[0][slot];
            } else if (isA) {
                f.form[slot] = OPERAND_A;
            } else if (isB) {
                f.form[slot] = OPERAND_B;
            } else if (scaled) {
                f.form[slot] = SCALED_A;
                f.constant[slot] = c;
            }
        }
        if (!(f.form[2] == CONSTANT && f.constant[2] == 1)) {
            f.form[3] = COMPUTED;
            f.form[4] = COMPUTED;
            f.form[5] = COMPUTED;
        }
        return f;
    }

    private static boolean same(double x, double y) {
        return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }

    /**
     * {@return the form of the value: {@link #VALUE_COMPUTED}, or one IEEE operation on the operands
     * ({@link #VALUE_SUM} … {@link #VALUE_SQUARE})}, which generated code writes as that one
     * instruction: the rule table's value, to the bit, without a call
     */
    public int valueForm() {
        return valueForm;
    }

    /** {@return the form of slot {@code slot}: {@link #COMPUTED}, {@link #CONSTANT}, {@link #OPERAND_A}, {@link #OPERAND_B} or {@link #SCALED_A}} */
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
