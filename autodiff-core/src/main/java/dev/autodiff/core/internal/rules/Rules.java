package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * The numeric rules of every {@link Primitive}: its value and its first and second partial
 * derivatives, for evaluation, forward mode, reverse mode, the Hessian code, the numeric duals and
 * tapes, and the one mapping from primitives to their rules ({@link #rule}). Each rule is written in
 * its primitive's entry, a {@link Rule} nested in a family file ({@link Arithmetic}, {@link Powers},
 * {@link ExpLog}, {@link Trigonometric}, {@link Hyperbolic}, {@link Special}, {@link Piecewise}),
 * beside its generic partials, Taylor series and traits; see the package documentation for how to
 * add a primitive.
 *
 * <p>Every rule takes operands {@code a}, {@code b} and a third argument {@code p}: the constant
 * exponent of {@link Primitive#POW_CONST}, the order of {@link Primitive#POLYGAMMA}, the condition's
 * value of {@link Primitive#IF_ELSE}, unused otherwise.
 *
 * <p>Second partials are computed with the first; where they cost little more than the first this
 * keeps every rule on one line. Where a second partial under- or overflows while its product with a
 * tangent does not (the logarithms, roots, inverse functions, tanh and the quotient), it is given
 * scaled ({@link Partials}). The conventions are documented on {@link Primitive}.
 *
 * <p>{@link #apply} and {@link #value} test the arithmetic primitives first, in methods small enough
 * to inline; a function goes through {@link #rule}, a virtual call. The code generator writes no
 * rule of its own: it calls an entry's {@code RULE} (a final class, so the call binds to the one
 * rule and inlines), and where a partial is a constant or an operand it learns so from
 * {@link PartialForms}, which reads this table.
 */
public final class Rules {
    private static final int ADD = Primitive.ADD.ordinal();
    private static final int SUB = Primitive.SUB.ordinal();
    private static final int MUL = Primitive.MUL.ordinal();
    private static final int NEG = Primitive.NEG.ordinal();
    private static final int POW_CONST = Primitive.POW_CONST.ordinal();

    private Rules() {}

    /**
     * Applies primitive {@code code} (a {@link Primitive} ordinal) to operands {@code a} and
     * {@code b} (ignored by unary primitives) with constant parameter {@code p} (the exponent of
     * {@link Primitive#POW_CONST}), writing value and partials to {@code out}.
     */
    public static void apply(int code, double a, double b, double p, Partials out) {
        apply(code, a, b, p, out, true);
    }

    /**
     * {@link #apply} for first-order sweeps: the value and the first partials, to the bit as
     * {@link #apply} gives them, without the second partials where those cost more than arithmetic
     * (the special functions' second derivatives: more exponentials, trigamma, a polygamma of
     * higher order). Those second-partial fields of {@code out} are then NaN, so that a sweep
     * reading them by mistake shows it.
     */
    public static void applyFirst(int code, double a, double b, double p, Partials out) {
        apply(code, a, b, p, out, false);
    }

    private static void apply(int code, double a, double b, double p, Partials out, boolean second) {
        // The arithmetic rules are tested first in a method small enough for the JIT to inline into
        // the sweeps (their entries are a line each, inlined in turn); the functions, whose cost
        // dwarfs a call, are reached through the table.
        if (code == ADD) {
            Arithmetic.Add.RULE.apply(a, b, p, out, second);
        } else if (code == SUB) {
            Arithmetic.Sub.RULE.apply(a, b, p, out, second);
        } else if (code == MUL) {
            Arithmetic.Mul.RULE.apply(a, b, p, out, second);
        } else if (code == NEG) {
            Arithmetic.Neg.RULE.apply(a, b, p, out, second);
        } else if (code == POW_CONST && p == 2) {
            Powers.PowConst.squarePartials(a, out);
        } else {
            rule(code).apply(a, b, p, out, second);
        }
    }

    /**
     * {@return the rule of primitive {@code code}} (a {@link Primitive} ordinal): the {@code RULE}
     * of its entry, such as {@code Trigonometric.Sin.RULE}. The one mapping from primitives to
     * their rules; every entry point of this package reads it.
     *
     * @throws ArrayIndexOutOfBoundsException if {@code code} is no primitive's ordinal
     */
    public static Rule rule(int code) {
        return Table.RULES[code];
    }

    /**
     * The rules by op code, in a holder of their own, filled when first read: the entries'
     * constructors read {@link Traits} and {@link Structure}, so nothing an entry touches while it
     * initialises may read this table (it would find a slot not yet filled).
     */
    private static final class Table {
        static final Rule[] RULES = new Rule[Primitive.values().length];

        static {
            for (Primitive op : Primitive.values()) {
                RULES[op.ordinal()] = ruleOf(op);
                if (RULES[op.ordinal()] == null) {
                    throw new IllegalStateException("expected a rule in the entry of " + op
                            + ", got none (its RULE read while it initialised)");
                }
            }
        }

        /** {@return the entry of {@code op}}; exhaustive, so a primitive without an entry does not compile */
        private static Rule ruleOf(Primitive op) {
            return switch (op) {
                case ADD -> Arithmetic.Add.RULE;
                case SUB -> Arithmetic.Sub.RULE;
                case MUL -> Arithmetic.Mul.RULE;
                case DIV -> Arithmetic.Div.RULE;
                case NEG -> Arithmetic.Neg.RULE;
                case POW -> Powers.Pow.RULE;
                case POW_CONST -> Powers.PowConst.RULE;
                case SQRT -> Powers.Sqrt.RULE;
                case CBRT -> Powers.Cbrt.RULE;
                case HYPOT -> Powers.Hypot.RULE;
                case EXP -> ExpLog.Exp.RULE;
                case EXPM1 -> ExpLog.Expm1.RULE;
                case LOG -> ExpLog.Log.RULE;
                case LOG10 -> ExpLog.Log10.RULE;
                case LOG1P -> ExpLog.Log1p.RULE;
                case SIN -> Trigonometric.Sin.RULE;
                case COS -> Trigonometric.Cos.RULE;
                case TAN -> Trigonometric.Tan.RULE;
                case ASIN -> Trigonometric.Asin.RULE;
                case ACOS -> Trigonometric.Acos.RULE;
                case ATAN -> Trigonometric.Atan.RULE;
                case ATAN2 -> Trigonometric.Atan2.RULE;
                case SINH -> Hyperbolic.Sinh.RULE;
                case COSH -> Hyperbolic.Cosh.RULE;
                case TANH -> Hyperbolic.Tanh.RULE;
                case ASINH -> Hyperbolic.Asinh.RULE;
                case ACOSH -> Hyperbolic.Acosh.RULE;
                case ATANH -> Hyperbolic.Atanh.RULE;
                case SIGMOID -> Special.Sigmoid.RULE;
                case SOFTPLUS -> Special.Softplus.RULE;
                case ERF -> Special.Erf.RULE;
                case ERFC -> Special.Erfc.RULE;
                case LGAMMA -> Special.Lgamma.RULE;
                case POLYGAMMA -> Special.Polygamma.RULE;
                case ABS -> Piecewise.Abs.RULE;
                case MAX -> Piecewise.Max.RULE;
                case MIN -> Piecewise.Min.RULE;
                case LESS -> Piecewise.Less.RULE;
                case LESS_OR_EQUAL -> Piecewise.LessOrEqual.RULE;
                case GREATER -> Piecewise.Greater.RULE;
                case GREATER_OR_EQUAL -> Piecewise.GreaterOrEqual.RULE;
                case IF_ELSE -> Piecewise.IfElse.RULE;
            };
        }
    }

    /**
     * Sets a unary rule's partials with second partial {@code scale²·scaled}, where the scale is a
     * finite non-zero number; otherwise (at 0 or ∞, where 1/a is not) with scale 1 and the plain
     * second partial {@code plain}, as the rule gives it there.
     */
    static void unary(Partials out, double v, double d, double scale, double scaled, double plain) {
        if (scalable(scale)) {
            out.setScaled(v, d, scale, scaled);
        } else {
            out.set(v, d, plain);
        }
    }

    /** {@return whether {@code scale} may scale second partials}: finite and not 0 */
    static boolean scalable(double scale) {
        return scale != 0 && Math.abs(scale) <= Double.MAX_VALUE;
    }

    /**
     * {@return {@code weight · partial}} for operand {@code operand} (0 for a, 1 for b) of primitive
     * {@code code} at {@code (a, b, p)}, by a formula that stays finite where the partial alone
     * overflows but the product does not: the quotient's {@code ∂b = -a/b²} overflows near
     * {@code b → 0} while {@code -(w·(a/b))/b} does not for a tiny weight. Every other product is
     * {@link Partials#times}; the entry says which ({@link Rule#chain}). Sweeps call it only for partials that are not finite, so it costs
     * nothing otherwise.
     */
    public static double chain(int code, int operand, double weight, double a, double b, double p, double partial) {
        if (weight == 0 || partial == 0) {
            return 0;
        }
        // a negative code is a custom operation, of which only the derivative is known
        return code >= 0 ? rule(code).chain(operand, weight, a, b, p, partial) : weight * partial;
    }

    /** {@return the value of primitive {@code code} alone}, for callers that need no derivative. */
    public static double value(int code, double a, double b, double p) {
        if (code == ADD) {
            return Arithmetic.Add.RULE.value(a, b, p);
        } else if (code == SUB) {
            return Arithmetic.Sub.RULE.value(a, b, p);
        } else if (code == MUL) {
            return Arithmetic.Mul.RULE.value(a, b, p);
        } else if (code == NEG) {
            return Arithmetic.Neg.RULE.value(a, b, p);
        } else if (code == POW_CONST && p == 2) {
            return Powers.PowConst.square(a);
        }
        return rule(code).value(a, b, p);
    }
}
