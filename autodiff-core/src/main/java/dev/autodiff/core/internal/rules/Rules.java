package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * The numeric rules of every {@link Primitive}: its value and its first and second partial
 * derivatives, for evaluation, forward mode, reverse mode, the Hessian code, the numeric duals and
 * tapes. A thin dispatcher: each rule is written in its primitive's entry in a family file
 * ({@link Arithmetic}, {@link Powers}, {@link ExpLog}, {@link Trigonometric}, {@link Hyperbolic},
 * {@link Special}, {@link Piecewise}), beside its generic partials, Taylor series and traits; see the
 * package documentation for how to add a primitive.
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
 * <p>The code generator writes no rule of its own: it calls {@link #value} and {@link #apply} with
 * the op code as a constant (which the JIT folds to the one case), and where a partial is a constant
 * or an operand it learns so from {@link PartialForms}, which reads this table.
 */
public final class Rules {
    private static final int ADD = Primitive.ADD.ordinal();
    private static final int SUB = Primitive.SUB.ordinal();
    private static final int MUL = Primitive.MUL.ordinal();
    private static final int NEG = Primitive.NEG.ordinal();
    private static final int POW_CONST = Primitive.POW_CONST.ordinal();
    private static final int DIV = Primitive.DIV.ordinal();

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
        // dwarfs a call, are dispatched by the larger switch below.
        if (code == ADD) {
            Arithmetic.Add.partials(a, b, out);
        } else if (code == SUB) {
            Arithmetic.Sub.partials(a, b, out);
        } else if (code == MUL) {
            Arithmetic.Mul.partials(a, b, out);
        } else if (code == NEG) {
            Arithmetic.Neg.partials(a, out);
        } else if (code == POW_CONST && p == 2) {
            Powers.PowConst.squarePartials(a, out);
        } else {
            applyFunction(code, a, b, p, out, second);
        }
    }

    private static void applyFunction(int code, double a, double b, double p, Partials out, boolean second) {
        Primitive op = Primitive.ofCode(code);
        // the logistic entries compute their value with their partials, from one exponential
        double v = op == Primitive.SIGMOID || op == Primitive.SOFTPLUS ? Double.NaN : valueOfFunction(code, a, b, p);
        switch (op) {
            case ADD -> Arithmetic.Add.partials(a, b, out);
            case SUB -> Arithmetic.Sub.partials(a, b, out);
            case MUL -> Arithmetic.Mul.partials(a, b, out);
            case DIV -> Arithmetic.Div.partials(b, v, out);
            case NEG -> Arithmetic.Neg.partials(a, out);
            case POW -> Powers.Pow.partials(a, b, v, out);
            case POW_CONST -> Powers.PowConst.partials(a, p, v, out);
            case SQRT -> Powers.Sqrt.partials(a, v, out);
            case CBRT -> Powers.Cbrt.partials(a, v, out);
            case HYPOT -> Powers.Hypot.partials(a, b, v, out);
            case EXP -> ExpLog.Exp.partials(v, out);
            case EXPM1 -> ExpLog.Expm1.partials(a, v, out);
            case LOG -> ExpLog.Log.partials(a, v, out);
            case LOG10 -> ExpLog.Log10.partials(a, v, out);
            case LOG1P -> ExpLog.Log1p.partials(a, v, out);
            case SIN -> Trigonometric.Sin.partials(a, v, out);
            case COS -> Trigonometric.Cos.partials(a, v, out);
            case TAN -> Trigonometric.Tan.partials(v, out);
            case ASIN -> Trigonometric.Asin.partials(a, v, out);
            case ACOS -> Trigonometric.Acos.partials(a, v, out);
            case ATAN -> Trigonometric.Atan.partials(a, v, out);
            case ATAN2 -> Trigonometric.Atan2.partials(a, b, v, out);
            case SINH -> Hyperbolic.Sinh.partials(a, v, out);
            case COSH -> Hyperbolic.Cosh.partials(a, v, out);
            case TANH -> Hyperbolic.Tanh.partials(a, v, out);
            case ASINH -> Hyperbolic.Asinh.partials(a, v, out);
            case ACOSH -> Hyperbolic.Acosh.partials(a, v, out);
            case ATANH -> Hyperbolic.Atanh.partials(a, v, out);
            case SIGMOID -> Special.Sigmoid.partials(a, out, second);
            case SOFTPLUS -> Special.Softplus.partials(a, out);
            case ERF -> Special.Erf.partials(a, v, out, second);
            case ERFC -> Special.Erfc.partials(a, v, out, second);
            case LGAMMA -> Special.Lgamma.partials(a, v, out, second);
            case POLYGAMMA -> Special.Polygamma.partials(a, p, v, out, second);
            case ABS -> Piecewise.Abs.partials(a, v, out);
            case MAX -> Piecewise.Max.partials(a, b, v, out);
            case MIN -> Piecewise.Min.partials(a, b, v, out);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> Piecewise.Comparison.partials(v, out);
            case IF_ELSE -> Piecewise.IfElse.partials(p, v, out);
            // a statement switch is not checked for exhaustiveness: a primitive missing here fails at
            // its first use (every rules test iterates every primitive), not with stale partials
            default -> throw new AssertionError("no numeric partials for primitive " + op);
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
     * {@link Partials#times}. Sweeps call it only for partials that are not finite, so it costs
     * nothing otherwise.
     */
    public static double chain(int code, int operand, double weight, double a, double b, double p, double partial) {
        if (weight == 0 || partial == 0) {
            return 0;
        }
        if (code == DIV && !Double.isNaN(partial)) {
            return Arithmetic.Div.chain(operand, weight, a, b);
        }
        return weight * partial;
    }

    /** {@return the value of primitive {@code code} alone}, for callers that need no derivative. */
    public static double value(int code, double a, double b, double p) {
        if (code == ADD) {
            return Arithmetic.Add.value(a, b);
        } else if (code == SUB) {
            return Arithmetic.Sub.value(a, b);
        } else if (code == MUL) {
            return Arithmetic.Mul.value(a, b);
        } else if (code == NEG) {
            return Arithmetic.Neg.value(a);
        } else if (code == POW_CONST && p == 2) {
            return Powers.PowConst.square(a);
        }
        return valueOfFunction(code, a, b, p);
    }

    private static double valueOfFunction(int code, double a, double b, double p) {
        return switch (Primitive.ofCode(code)) {
            case ADD -> Arithmetic.Add.value(a, b);
            case SUB -> Arithmetic.Sub.value(a, b);
            case MUL -> Arithmetic.Mul.value(a, b);
            case DIV -> Arithmetic.Div.value(a, b);
            case NEG -> Arithmetic.Neg.value(a);
            case POW -> Powers.Pow.value(a, b);
            case POW_CONST -> Powers.PowConst.value(a, p);
            case SQRT -> Powers.Sqrt.value(a);
            case CBRT -> Powers.Cbrt.value(a);
            case HYPOT -> Powers.Hypot.value(a, b);
            case EXP -> ExpLog.Exp.value(a);
            case EXPM1 -> ExpLog.Expm1.value(a);
            case LOG -> ExpLog.Log.value(a);
            case LOG10 -> ExpLog.Log10.value(a);
            case LOG1P -> ExpLog.Log1p.value(a);
            case SIN -> Trigonometric.Sin.value(a);
            case COS -> Trigonometric.Cos.value(a);
            case TAN -> Trigonometric.Tan.value(a);
            case ASIN -> Trigonometric.Asin.value(a);
            case ACOS -> Trigonometric.Acos.value(a);
            case ATAN -> Trigonometric.Atan.value(a);
            case ATAN2 -> Trigonometric.Atan2.value(a, b);
            case SINH -> Hyperbolic.Sinh.value(a);
            case COSH -> Hyperbolic.Cosh.value(a);
            case TANH -> Hyperbolic.Tanh.value(a);
            case ASINH -> Hyperbolic.Asinh.value(a);
            case ACOSH -> Hyperbolic.Acosh.value(a);
            case ATANH -> Hyperbolic.Atanh.value(a);
            case SIGMOID -> Special.Sigmoid.value(a);
            case SOFTPLUS -> Special.Softplus.value(a);
            case ERF -> Special.Erf.value(a);
            case ERFC -> Special.Erfc.value(a);
            case LGAMMA -> Special.Lgamma.value(a);
            case POLYGAMMA -> Special.Polygamma.value(a, p);
            case ABS -> Piecewise.Abs.value(a);
            case MAX -> Piecewise.Max.value(a, b);
            case MIN -> Piecewise.Min.value(a, b);
            case LESS -> Piecewise.Comparison.less(a, b);
            case LESS_OR_EQUAL -> Piecewise.Comparison.lessOrEqual(a, b);
            case GREATER -> Piecewise.Comparison.greater(a, b);
            case GREATER_OR_EQUAL -> Piecewise.Comparison.greaterOrEqual(a, b);
            case IF_ELSE -> Piecewise.IfElse.value(a, b, p);
        };
    }
}
