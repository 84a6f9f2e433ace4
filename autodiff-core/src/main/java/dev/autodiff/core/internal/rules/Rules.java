package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * The table of primitive rules: for every {@link Primitive}, its value and its first and second
 * partial derivatives, in one place. Evaluation, forward mode, reverse mode and the Hessian code all
 * read this table, so a rule and its conventions at non-differentiable points are written once.
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
 * or an operand it learns so from {@link #forms}, which reads this table.
 */
public final class Rules {
    private static final double LN10 = Math.log(10);

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
        // the sweeps; the functions, whose cost dwarfs a call, live in the larger switch below.
        if (code == ADD) {
            out.set(a + b, 1, 1, 0, 0, 0);
        } else if (code == SUB) {
            out.set(a - b, 1, -1, 0, 0, 0);
        } else if (code == MUL) {
            out.set(a * b, b, a, 0, 1, 0);
        } else if (code == NEG) {
            out.set(-a, -1, 0);
        } else if (code == POW_CONST && p == 2) {
            out.set(a * a, 2 * a, 2);
        } else {
            applyFunction(code, a, b, p, out, second);
        }
    }

    private static void applyFunction(int code, double a, double b, double p, Partials out, boolean second) {
        Primitive op = Primitive.ofCode(code);
        if (op == Primitive.SIGMOID || op == Primitive.SOFTPLUS) {
            // value and partials from one exponential, not one per function
            SpecialFunctions.logistic(op == Primitive.SOFTPLUS, a, second, out);
            return;
        }
        double v = valueOfFunction(code, a, b, p);
        switch (op) {
            case ADD, SUB, MUL, NEG -> throw new AssertionError("arithmetic is handled by apply");
            case DIV -> {
                double r = 1 / b;
                // ∂b(a/b) = -a/b², ∂a∂b = -1/b², ∂b∂b = 2a/b³: scaled by r = 1/b, they are -1 and 2v
                if (scalable(r)) {
                    out.set(v, r, -v * r, r, 0, -1, 2 * v);
                } else {
                    out.set(v, r, -v * r, 0, -r * r, 2 * v * r * r);
                }
            }
            case POW -> pow(a, b, v, out);
            case POW_CONST -> powConst(a, p, v, out);
            case ATAN2 -> {
                double r = Math.hypot(a, b);
                if (r == 0) {
                    out.set(v, 0, 0, 0, 0, 0);
                } else {
                    // atan2(a, b): ∂a = b/r², ∂b = -a/r², ∂a∂a = -2ab/r⁴, ∂a∂b = (a²-b²)/r⁴, ∂b∂b = 2ab/r⁴,
                    // through the unit vector (s, c) = (a, b)/r: a² + b² would underflow or overflow
                    // where these are representable
                    double s = a / r;
                    double c = b / r;
                    double q = 2 * s * c / r / r;
                    out.set(v, c / r, -s / r, -q, (s - c) * (s + c) / r / r, q);
                }
            }
            case MAX -> {
                double w = a > b ? 1 : a < b ? 0 : 0.5;
                out.set(v, w, 1 - w, 0, 0, 0);
            }
            case MIN -> {
                double w = a < b ? 1 : a > b ? 0 : 0.5;
                out.set(v, w, 1 - w, 0, 0, 0);
            }
            case HYPOT -> {
                if (v == 0) {
                    out.set(v, 0, 0, 0, 0, 0);
                } else {
                    double ua = a / v;
                    double ub = b / v;
                    out.set(v, ua, ub, ub * ub / v, -ua * ub / v, ua * ua / v);
                }
            }
            case EXP -> out.set(v, v, v);
            case LOG -> {
                double r = 1 / a;
                unary(out, v, r, r, -1, -r * r);
            }
            case LOG10 -> {
                double r = 1 / (a * LN10);
                unary(out, v, r, 1 / a, -1 / LN10, -r / a);
            }
            case LOG1P -> {
                double r = 1 / (1 + a);
                unary(out, v, r, r, -1, -r * r);
            }
            case EXPM1 -> {
                // not v + 1, which cancels for negative a (and is 0 below a ≈ -37)
                double e = Math.exp(a);
                out.set(v, e, e);
            }
            case SQRT -> {
                double d = 0.5 / v;
                // (√a)'' = -1/(4 a^{3/2}) = (1/a)²·(-√a/4)
                unary(out, v, d, 1 / a, -0.25 * v, -0.5 * d / a);
            }
            case CBRT -> {
                double d = 1 / (3 * v * v);
                // (a^{1/3})'' = -(2/9) a^{-5/3} = (1/a)²·(-(2/9)·a^{1/3})
                unary(out, v, d, 1 / a, -2.0 / 9 * v, -2 * d / (3 * a));
            }
            case SIN -> out.set(v, Math.cos(a), -v);
            case COS -> out.set(v, -Math.sin(a), -v);
            case TAN -> {
                double d = 1 + v * v;
                out.set(v, d, 2 * v * d);
            }
            case ASIN -> {
                // (1 - a)(1 + a), not 1 - a², which cancels near ±1
                double r = 1 / Math.sqrt((1 - a) * (1 + a));
                unary(out, v, r, r, a * r, a * r * r * r);
            }
            case ACOS -> {
                double r = 1 / Math.sqrt((1 - a) * (1 + a));
                unary(out, v, -r, r, -a * r, -a * r * r * r);
            }
            case ATAN -> {
                // beyond 1e8, 1 + a² is a² to double precision; dividing twice avoids overflowing a²
                double r = Math.abs(a) > 1e8 ? 1 / a / a : 1 / (1 + a * a);
                unary(out, v, r, r, -2 * a, -2 * a * r * r);
            }
            case SINH -> out.set(v, Math.cosh(a), v);
            case COSH -> out.set(v, Math.sinh(a), v);
            case TANH -> {
                // 1/cosh², not 1 - tanh², which cancels once |a| exceeds a few units (and is 0 beyond 19)
                double r = 1 / Math.cosh(a);
                double d = r * r;
                unary(out, v, d, r, -2 * v, -2 * v * d);
            }
            case ASINH -> {
                // beyond 1e8, √(a² + 1) is |a| to double precision, and a² may overflow
                double r = Math.abs(a) > 1e8 ? 1 / Math.abs(a) : 1 / Math.sqrt(a * a + 1);
                unary(out, v, r, r, -a * r, -a * r * r * r);
            }
            case ACOSH -> {
                // (a - 1)(a + 1) is accurate near 1 (a - 1 is exact there); a² may overflow beyond 1e8;
                // NaN below 1, where the value is (as ScalarRules' √(a - 1)·√(a + 1) gives it), not the
                // finite 1/√(a² - 1) of a ≤ -1
                double r = a > 1e8 ? 1 / a : a >= 1 ? 1 / Math.sqrt((a - 1) * (a + 1)) : Double.NaN;
                unary(out, v, r, r, -a * r, -a * r * r * r);
            }
            case ATANH -> {
                double r = 1 / ((1 - a) * (1 + a));
                unary(out, v, r, r, 2 * a, 2 * a * r * r);
            }
            case ABS -> out.set(v, a > 0 ? 1 : a < 0 ? -1 : 0, 0);
            case SIGMOID, SOFTPLUS -> throw new AssertionError("the logistic functions are handled above");
            case ERF, ERFC -> {
                // erfc' = -erf', erfc'' = -erf'': one exponential for both orders
                double d = SpecialFunctions.erfDerivative(a);
                double sign = op == Primitive.ERF ? 1 : -1;
                out.set(v, sign * d, second ? sign * SpecialFunctions.erfSecond(a, d) : Double.NaN);
            }
            case LGAMMA -> out.set(v, SpecialFunctions.digamma(a), second ? SpecialFunctions.trigamma(a) : Double.NaN);
            case POLYGAMMA -> {
                int n = (int) p; // the order, a constant the program holds as the parameter
                out.set(v, SpecialFunctions.polygamma(n + 1, a), second ? SpecialFunctions.polygamma(n + 2, a) : Double.NaN);
            }
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> out.set(v, 0, 0, 0, 0, 0);
            case IF_ELSE -> {
                // p is the condition's value; the branch not taken gets an exact 0 (a strong zero)
                double wa = p != 0 && p == p ? 1 : 0;
                double wb = p == 0 ? 1 : 0;
                out.set(v, wa, wb, 0, 0, 0);
            }
        }
    }

    /**
     * Sets a unary rule's partials with second partial {@code scale²·scaled}, where the scale is a
     * finite non-zero number; otherwise (at 0 or ∞, where 1/a is not) with scale 1 and the plain
     * second partial {@code plain}, as the rule gives it there.
     */
    private static void unary(Partials out, double v, double d, double scale, double scaled, double plain) {
        if (scalable(scale)) {
            out.setScaled(v, d, scale, scaled);
        } else {
            out.set(v, d, plain);
        }
    }

    private static boolean scalable(double scale) {
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
            return operand == 0 ? weight / b : -(weight * (a / b)) / b;
        }
        return weight * partial;
    }

    /** {@return the value of primitive {@code code} alone}, for callers that need no derivative. */
    public static double value(int code, double a, double b, double p) {
        if (code == ADD) {
            return a + b;
        } else if (code == SUB) {
            return a - b;
        } else if (code == MUL) {
            return a * b;
        } else if (code == NEG) {
            return -a;
        } else if (code == POW_CONST && p == 2) {
            return a * a;
        }
        return valueOfFunction(code, a, b, p);
    }

    private static double valueOfFunction(int code, double a, double b, double p) {
        return switch (Primitive.ofCode(code)) {
            case ADD, SUB, MUL, NEG -> throw new AssertionError("arithmetic is handled by value");
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case POW_CONST -> p == 2 ? a * a : Math.pow(a, p);
            case ATAN2 -> Math.atan2(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case HYPOT -> Math.hypot(a, b);
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case LOG10 -> Math.log10(a);
            case LOG1P -> Math.log1p(a);
            case EXPM1 -> Math.expm1(a);
            case SQRT -> Math.sqrt(a);
            case CBRT -> Math.cbrt(a);
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TAN -> Math.tan(a);
            case ASIN -> Math.asin(a);
            case ACOS -> Math.acos(a);
            case ATAN -> Math.atan(a);
            case SINH -> Math.sinh(a);
            case COSH -> Math.cosh(a);
            case TANH -> Math.tanh(a);
            case ASINH -> asinh(a);
            case ACOSH -> acosh(a);
            case ATANH -> atanh(a);
            case ABS -> Math.abs(a);
            case SIGMOID -> SpecialFunctions.sigmoid(a);
            case SOFTPLUS -> SpecialFunctions.softplus(a);
            case ERF -> SpecialFunctions.erf(a);
            case ERFC -> SpecialFunctions.erfc(a);
            case LGAMMA -> SpecialFunctions.lgamma(a);
            case POLYGAMMA -> SpecialFunctions.polygamma((int) p, a);
            case LESS -> a < b ? 1 : 0;
            case LESS_OR_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_OR_EQUAL -> a >= b ? 1 : 0;
            case IF_ELSE -> p != p ? Double.NaN : p != 0 ? a : b;
        };
    }

    private static void pow(double a, double b, double v, Partials out) {
        // Conventions (see Primitive.POW): b·a^(b-1) is 0 at b = 0 and b(b-1)·a^(b-2) is 0 at b = 0
        // or 1, even where the power itself is infinite; terms with ln a are 0 at a = 0.
        double am1 = Math.pow(a, b - 1);
        double da = b == 0 ? 0 : b * am1;
        double daa = b == 0 || b == 1 ? 0 : b * (b - 1) * Math.pow(a, b - 2);
        if (a == 0) {
            out.set(v, da, 0, daa, 0, 0);
            return;
        }
        double ln = Math.log(a);
        // ∂a∂b (a^b) = a^(b-1)·(1 + b·ln a); ∂b∂b = a^b·ln² a
        out.set(v, da, v * ln, daa, am1 * (1 + b * ln), v * ln * ln);
    }

    private static void powConst(double a, double p, double v, Partials out) {
        if (p == 0) {
            out.set(v, 0, 0);
        } else if (p == 1) {
            out.set(v, 1, 0);
        } else {
            // p == 2 is handled by apply's arithmetic fast path
            out.set(v, p * Math.pow(a, p - 1), p * (p - 1) * Math.pow(a, p - 2));
        }
    }

    /** Inverse hyperbolic sine, odd and accurate for large and small |a|. */
    public static double asinh(double a) {
        double x = Math.abs(a);
        double r = x > 1e8 ? Math.log(x) + Math.log(2) : Math.log1p(x + x * x / (1 + Math.sqrt(1 + x * x)));
        return Math.copySign(r, a);
    }

    /**
     * Inverse hyperbolic cosine; NaN below 1. As {@code log1p(t + √(t(a + 1)))} with {@code t = a - 1},
     * exact near 1, where {@code log(a + √(a² - 1))} loses half the digits.
     */
    public static double acosh(double a) {
        double t = a - 1;
        return a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(t + Math.sqrt(t * (a + 1)));
    }

    /**
     * Inverse hyperbolic tangent; NaN outside [-1, 1]. Odd, and computed at |a|: near -1 the
     * argument of log1p would be near -1 and lose digits.
     */
    public static double atanh(double a) {
        double x = Math.abs(a);
        return Math.copySign(0.5 * Math.log1p(2 * x / (1 - x)), a);
    }
}
