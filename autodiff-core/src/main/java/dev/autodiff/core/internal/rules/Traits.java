package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;
import java.util.function.DoubleFunction;

/**
 * What paths other than a primitive's own formulas need to know about it, declared once on its entry
 * (the {@code TRAITS} of each entry in the family files) and read from here, never re-derived from a
 * list of primitives. From the {@link Structure} follow the sparsity patterns, the loop planner's
 * signed sums ({@link Structure#isLinear}) and Taylor mode's linear series
 * ({@link Structure#isLocallyLinear}: such a primitive declares no series of its own).
 *
 * @param structure the structure of the partials at every value of the constant parameter
 * @param byParameter the structure at a given parameter, where the entry refines it (a power's
 *     exponent 0 or 1); {@code structure} at every parameter otherwise
 * @param lowOrders how Taylor mode forms coefficients 1 and 2 of the primitive's series
 */
record Traits(Structure structure, DoubleFunction<Structure> byParameter, LowOrders lowOrders) {
    /** How {@link TaylorRules} forms coefficients 1 and 2 of a series (see its layers). */
    enum LowOrders {
        /** By the recurrence, except where the rule is singular or an operand's first coefficients are not finite. */
        RECURRENCE,
        /**
         * As {@link #RECURRENCE}, and from the partials also where the base is 0 or the value over- or
         * underflowed: a power's recurrence {@code y'·a = p·y·a'} has lost y there (x^1.5 at 1e300),
         * the partial {@code p·a^(p-1)} has not.
         */
        POWER,
        /**
         * Always from the partials: hypot's scaled recurrence squares coefficients divided by the
         * larger operand, which loses a small operand's beside a large one.
         */
        PARTIALS
    }

    /** {@return traits with {@code structure} at every parameter and low orders by the recurrence} */
    static Traits of(Structure structure) {
        return new Traits(structure, p -> structure, LowOrders.RECURRENCE);
    }

    /** {@return these traits with the structure at each parameter given by {@code byParameter}} */
    Traits refinedBy(DoubleFunction<Structure> refinement) {
        return new Traits(structure, refinement, lowOrders);
    }

    /** {@return these traits with Taylor coefficients 1 and 2 formed as {@code how}} */
    Traits lowOrders(LowOrders how) {
        return new Traits(structure, byParameter, how);
    }

    /** {@return the structure at constant parameter {@code p}} */
    Structure structure(double p) {
        return byParameter.apply(p);
    }

    /** {@return the traits of primitive {@code code}} (a {@link Primitive} ordinal) */
    static Traits of(int code) {
        return ByCode.TRAITS[code];
    }

    /**
     * The declared traits by op code, in a holder of their own: an entry's {@code TRAITS} is built
     * by {@link #of(Structure)} while the entry initialises, so Traits itself must not read the
     * entries when it initialises (it would read a {@code TRAITS} not yet assigned).
     */
    private static final class ByCode {
        static final Traits[] TRAITS = new Traits[Primitive.values().length];

        static {
            for (Primitive op : Primitive.values()) {
                TRAITS[op.ordinal()] = declared(op);
                if (TRAITS[op.ordinal()] == null) {
                    throw new IllegalStateException("expected traits on the entry of " + op + ", got none (read while it initialised)");
                }
            }
        }
    }

    /** {@return the traits primitive {@code op}'s entry declares}; exhaustive, so no primitive lacks an entry */
    private static Traits declared(Primitive op) {
        return switch (op) {
            case ADD -> Arithmetic.Add.TRAITS;
            case SUB -> Arithmetic.Sub.TRAITS;
            case MUL -> Arithmetic.Mul.TRAITS;
            case DIV -> Arithmetic.Div.TRAITS;
            case NEG -> Arithmetic.Neg.TRAITS;
            case POW -> Powers.Pow.TRAITS;
            case POW_CONST -> Powers.PowConst.TRAITS;
            case SQRT -> Powers.Sqrt.TRAITS;
            case CBRT -> Powers.Cbrt.TRAITS;
            case HYPOT -> Powers.Hypot.TRAITS;
            case EXP -> ExpLog.Exp.TRAITS;
            case EXPM1 -> ExpLog.Expm1.TRAITS;
            case LOG -> ExpLog.Log.TRAITS;
            case LOG10 -> ExpLog.Log10.TRAITS;
            case LOG1P -> ExpLog.Log1p.TRAITS;
            case SIN -> Trigonometric.Sin.TRAITS;
            case COS -> Trigonometric.Cos.TRAITS;
            case TAN -> Trigonometric.Tan.TRAITS;
            case ASIN -> Trigonometric.Asin.TRAITS;
            case ACOS -> Trigonometric.Acos.TRAITS;
            case ATAN -> Trigonometric.Atan.TRAITS;
            case ATAN2 -> Trigonometric.Atan2.TRAITS;
            case SINH -> Hyperbolic.Sinh.TRAITS;
            case COSH -> Hyperbolic.Cosh.TRAITS;
            case TANH -> Hyperbolic.Tanh.TRAITS;
            case ASINH -> Hyperbolic.Asinh.TRAITS;
            case ACOSH -> Hyperbolic.Acosh.TRAITS;
            case ATANH -> Hyperbolic.Atanh.TRAITS;
            case SIGMOID -> Special.Sigmoid.TRAITS;
            case SOFTPLUS -> Special.Softplus.TRAITS;
            case ERF -> Special.Erf.TRAITS;
            case ERFC -> Special.Erfc.TRAITS;
            case LGAMMA -> Special.Lgamma.TRAITS;
            case POLYGAMMA -> Special.Polygamma.TRAITS;
            case ABS -> Piecewise.Abs.TRAITS;
            case MAX -> Piecewise.Max.TRAITS;
            case MIN -> Piecewise.Min.TRAITS;
            case IF_ELSE -> Piecewise.IfElse.TRAITS;
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> Piecewise.Comparison.TRAITS;
        };
    }
}
