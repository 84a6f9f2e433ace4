package dev.autodiff.engine.sparse;

import dev.autodiff.core.Primitive;

/**
 * Which partial derivatives of each primitive may be non-zero: the structural facts the sparsity
 * analysis needs, stated once per primitive; an operation the table does not know is taken as
 * {@link #NONLINEAR}, which can only make a pattern denser, never wrong. {@code OperationStructureTest} checks every claim of a
 * zero against the rule table ({@code Rules}) at random points, so the two cannot drift apart.
 */
public enum OperationStructure {
    /** Every second partial may be non-zero: {@code exp}, {@code a / b}'s denominator, {@code atan2} … */
    NONLINEAR,
    /** Linear in every operand: {@code a + b}, {@code a - b}, {@code -a}, {@code a ^ 1}. */
    LINEAR,
    /**
     * First partials piecewise constant, second partials 0 wherever defined: {@code abs},
     * {@code max}, {@code min}. They pass dependence on but add no Hessian entry.
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
     * parameter {@code param} (the exponent of {@link Primitive#POW_CONST})
     */
    public static OperationStructure of(int code, double param) {
        return switch (Primitive.ofCode(code)) {
            case ADD, SUB, NEG -> LINEAR;
            case MUL -> BILINEAR;
            case DIV -> QUOTIENT;
            // ifElse(c, a, b) compiles with its branches as operands (the condition's derivative is 0,
            // so it is no operand of the graph): the branch taken passes its derivative on unchanged,
            // and the pattern is the union of both branches', which holds at every point
            case MAX, MIN, ABS, IF_ELSE -> PIECEWISE_LINEAR;
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> CONSTANT;
            case POW_CONST -> param == 0 ? CONSTANT : param == 1 ? LINEAR : NONLINEAR;
            default -> NONLINEAR;
        };
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
}
