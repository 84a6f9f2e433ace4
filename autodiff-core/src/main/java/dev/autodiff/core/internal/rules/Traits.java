package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;
import java.util.function.DoubleFunction;

/**
 * What paths other than a primitive's own formulas need to know about it, declared once in its
 * entry's constructor (see {@link Rule}) and read from here, never re-derived from a
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
        return new Traits(structure, new Everywhere(structure), LowOrders.RECURRENCE);
    }

    /**
     * {@code structure} at every parameter. A class, not a lambda, as are the refinements entries
     * declare: the rule table is built on the first evaluation in a JVM, and the first lambda a JVM
     * makes loads and spins some eighty classes of {@code java.lang.invoke}, about 15 ms of the
     * first {@code Expr.value(Map)} (seen with -Xlog:class+load).
     */
    private record Everywhere(Structure structure) implements DoubleFunction<Structure> {
        @Override
        public Structure apply(double p) {
            return structure;
        }
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

    /** {@return the traits primitive {@code code}'s entry declares} (a {@link Primitive} ordinal) */
    static Traits of(int code) {
        return Rules.rule(code).traits();
    }
}
