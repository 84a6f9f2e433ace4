package dev.autodiff.core;

import dev.autodiff.core.internal.rules.Rules;

/**
 * A plain double as a {@link Scalar}, written in the test: every primitive through the numeric
 * table's values, so that the generic rule table can be evaluated at doubles and compared with the
 * numeric one.
 */
record Num(double v) implements NumericScalar<Num> {
    @Override
    public double value() {
        return v;
    }

    @Override
    public Num newConstant(double value) {
        return new Num(value);
    }

    @Override
    public Num apply(Primitive op) {
        if (op.arity() != 1 || op == Primitive.POW_CONST) {
            throw new IllegalArgumentException("not unary: " + op);
        }
        return new Num(Rules.value(op.ordinal(), v, 0, 0));
    }

    @Override
    public Num apply(Primitive op, Num other) {
        if (op.arity() != 2) {
            throw new IllegalArgumentException("not binary: " + op);
        }
        if (op == Primitive.POLYGAMMA) {
            return new Num(Rules.value(op.ordinal(), other.v, 0, v)); // this is the order, other the argument
        }
        return new Num(Rules.value(op.ordinal(), v, other.v, 0));
    }

    @Override
    public Num pow(double exponent) {
        return new Num(Rules.value(Primitive.POW_CONST.ordinal(), v, 0, exponent));
    }

    @Override
    public Num ifElse(Num whenTrue, Num whenFalse) {
        return new Num(Rules.value(Primitive.IF_ELSE.ordinal(), whenTrue.v, whenFalse.v, v));
    }

    @Override
    public Num apply(CustomOperation op) {
        return new Num(op.value(v));
    }
}
