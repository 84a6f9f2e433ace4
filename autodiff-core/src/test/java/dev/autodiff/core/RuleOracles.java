package dev.autodiff.core;

import dev.autodiff.core.internal.rules.HighPrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Oracles for the table of primitive rules, written independently of it: the values through
 * {@link Math} (or, for the inverse hyperbolic functions Java lacks, series and logarithms in the
 * ranges where each is accurate), the closed-form partial derivatives, and for every primitive a
 * sampler of points inside its domain with a length scale ρ over which it is smooth.
 *
 * <p>The switches are exhaustive over {@link Primitive}, so a new primitive does not compile until
 * its oracles are written here.
 */
final class RuleOracles {
    private RuleOracles() {}

    /**
     * A sample point: operands {@code a}, {@code b}, the {@code POW_CONST} exponent {@code p}, and
     * {@code rho}, a distance within which the primitive is analytic in each operand (half the
     * distance to the nearest singularity, branch cut or kink), which sets the finite-difference step.
     */
    record Point(double a, double b, double p, double rho) {
        @Override
        public String toString() {
            return "(a=" + a + ", b=" + b + ", p=" + p + ", rho=" + rho + ")";
        }
    }

    /** {@return the value of {@code op} through java.lang.Math, or an accurate oracle where Math has none} */
    static double value(Primitive op, double a, double b, double p) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case POW_CONST -> Math.pow(a, p);
            case ATAN2 -> Math.atan2(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case HYPOT -> Math.hypot(a, b);
            case NEG -> -a;
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
            case SIGMOID -> a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
            case SOFTPLUS -> a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
            case ERF -> HighPrecision.erf(a, 30).doubleValue();
            case ERFC -> HighPrecision.erfc(a).doubleValue();
            case LGAMMA -> HighPrecision.lgamma(a).doubleValue();
            case POLYGAMMA -> polygamma((int) p, a);
            case LESS -> a < b ? 1 : 0;
            case LESS_OR_EQUAL -> a <= b ? 1 : 0;
            case GREATER -> a > b ? 1 : 0;
            case GREATER_OR_EQUAL -> a >= b ? 1 : 0;
            // p is the condition's value
            case IF_ELSE -> Double.isNaN(p) ? Double.NaN : p != 0 ? a : b;
        };
    }

    /** {@return whether {@link #value} is java.lang.Math itself, so the table must match it bit for bit} */
    static boolean isMathFunction(Primitive op) {
        return switch (op) {
            case ASINH, ACOSH, ATANH, SIGMOID, SOFTPLUS, ERF, ERFC, LGAMMA, POLYGAMMA -> false;
            default -> true;
        };
    }

    /**
     * {@return {value, ∂a, ∂b, ∂a∂a, ∂a∂b, ∂b∂b}} of {@code op} in closed form, each written so that
     * it is accurate to a few ulps over the whole domain (factored where {@code 1 - a²} would cancel,
     * scaled where {@code a²} would overflow).
     */
    static double[] partials(Primitive op, double a, double b, double p) {
        double v = value(op, a, b, p);
        return switch (op) {
            case ADD -> new double[] {v, 1, 1, 0, 0, 0};
            case SUB -> new double[] {v, 1, -1, 0, 0, 0};
            case MUL -> new double[] {v, b, a, 0, 1, 0};
            case DIV -> new double[] {v, 1 / b, -a / b / b, 0, -1 / b / b, 2 * a / b / b / b};
            case POW -> {
                double ln = Math.log(a);
                yield new double[] {v, b * Math.pow(a, b - 1), v * ln, b * (b - 1) * Math.pow(a, b - 2),
                    Math.pow(a, b - 1) + b * Math.pow(a, b - 1) * ln, v * ln * ln};
            }
            case POW_CONST -> new double[] {v, p * Math.pow(a, p - 1), 0, p * (p - 1) * Math.pow(a, p - 2), 0, 0};
            case ATAN2 -> {
                // with r = hypot(a, b): ∂a = b/r², ∂b = -a/r², second partials ±2ab/r⁴ and (a²-b²)/r⁴
                double r = Math.hypot(a, b);
                double s = a / r;
                double c = b / r;
                yield new double[] {v, c / r, -s / r, -2 * s * c / r / r, (s - c) * (s + c) / r / r, 2 * s * c / r / r};
            }
            case MAX -> new double[] {v, a > b ? 1 : 0, a > b ? 0 : 1, 0, 0, 0};
            case MIN -> new double[] {v, a < b ? 1 : 0, a < b ? 0 : 1, 0, 0, 0};
            case HYPOT -> {
                double s = a / v;
                double c = b / v;
                yield new double[] {v, s, c, c * c / v, -s * c / v, s * s / v};
            }
            case NEG -> unary(v, -1, 0);
            case EXP -> unary(v, v, v);
            case LOG -> unary(v, 1 / a, -1 / a / a);
            case LOG10 -> unary(v, 1 / a / Math.log(10), -1 / a / a / Math.log(10));
            case LOG1P -> unary(v, 1 / (1 + a), -1 / (1 + a) / (1 + a));
            case EXPM1 -> unary(v, Math.exp(a), Math.exp(a));
            case SQRT -> unary(v, 0.5 / Math.sqrt(a), -0.25 / a / Math.sqrt(a));
            // (a^(1/3))' = 1/(3·a^(2/3)), '' = -(2/9)·a^(-5/3), in powers of cbrt(a) (a rounded 2/3 as
            // an exponent of pow would cost ln(a)·eps relative)
            case CBRT -> unary(v, 1 / (3 * v * v), -2.0 / 9 / v / v / v / v / v);
            case SIN -> unary(v, Math.cos(a), -Math.sin(a));
            case COS -> unary(v, -Math.sin(a), -Math.cos(a));
            case TAN -> {
                double c = Math.cos(a);
                yield unary(v, 1 / c / c, 2 * Math.sin(a) / c / c / c);
            }
            case ASIN -> {
                double q = Math.sqrt((1 - a) * (1 + a));
                yield unary(v, 1 / q, a / q / q / q);
            }
            case ACOS -> {
                double q = Math.sqrt((1 - a) * (1 + a));
                yield unary(v, -1 / q, -a / q / q / q);
            }
            case ATAN -> {
                double h = Math.hypot(1, a);
                yield unary(v, 1 / h / h, -2 * a / h / h / h / h);
            }
            case SINH -> unary(v, Math.cosh(a), Math.sinh(a));
            case COSH -> unary(v, Math.sinh(a), Math.cosh(a));
            case TANH -> {
                double c = Math.cosh(a);
                yield unary(v, 1 / c / c, -2 * Math.tanh(a) / c / c);
            }
            case ASINH -> {
                double h = Math.hypot(1, a);
                yield unary(v, 1 / h, -a / h / h / h);
            }
            case ACOSH -> {
                double q = Math.sqrt(a - 1) * Math.sqrt(a + 1);
                yield unary(v, 1 / q, -a / q / q / q);
            }
            case ATANH -> {
                double q = (1 - a) * (1 + a);
                yield unary(v, 1 / q, 2 * a / q / q);
            }
            case ABS -> unary(v, Math.signum(a), 0);
            case SIGMOID -> {
                double d = value(Primitive.SIGMOID, a, 0, 0) * value(Primitive.SIGMOID, -a, 0, 0);
                yield unary(v, d, -Math.tanh(a / 2) * d); // σ'' = σ'·(1 - 2σ) = -σ'·tanh(a/2)
            }
            case SOFTPLUS -> unary(v, value(Primitive.SIGMOID, a, 0, 0),
                    value(Primitive.SIGMOID, a, 0, 0) * value(Primitive.SIGMOID, -a, 0, 0));
            case ERF -> {
                double d = 2 / Math.sqrt(Math.PI) * Math.exp(-a * a);
                yield unary(v, d, -2 * a * d);
            }
            case ERFC -> {
                double d = 2 / Math.sqrt(Math.PI) * Math.exp(-a * a);
                yield unary(v, -d, 2 * a * d);
            }
            case LGAMMA -> unary(v, polygamma(0, a), polygamma(1, a));
            case POLYGAMMA -> unary(v, polygamma((int) p + 1, a), polygamma((int) p + 2, a));
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> new double[] {v, 0, 0, 0, 0, 0};
            case IF_ELSE -> new double[] {v, p != 0 && !Double.isNaN(p) ? 1 : 0, p == 0 ? 1 : 0, 0, 0, 0};
        };
    }

    /**
     * {@return a magnitude the error of partial {@code k} (1..5 as in {@link #partials}) may reach
     * whatever the formula}: nonzero only where the closed form is a difference of nearly equal
     * terms (∂a∂b of pow where 1 + b·ln a ≈ 0, ∂a∂b of atan2 where |a| ≈ |b|), where any evaluation
     * loses the rounding error of the terms, not of the difference
     */
    static double cancellation(Primitive op, int k, double a, double b) {
        if (k != 4) {
            return 0;
        }
        if (op == Primitive.POW) {
            return Math.abs(Math.pow(a, b - 1)) * (1 + Math.abs(b * Math.log(a)));
        }
        if (op == Primitive.ATAN2) {
            double r = Math.hypot(a, b);
            return 1 / r / r;
        }
        return 0;
    }

    private static double[] unary(double v, double d, double dd) {
        return new double[] {v, d, 0, dd, 0, 0};
    }

    /** {@return {@code n} points inside the domain of {@code op}, spanning its magnitudes} */
    static List<Point> points(Primitive op, Random rnd, int n) {
        List<Point> out = new ArrayList<>();
        while (out.size() < n) {
            Point pt = point(op, rnd);
            if (pt != null) {
                out.add(pt);
            }
        }
        return out;
    }

    private static final double[] EXPONENTS = {-3, -2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 7, 1.0 / 3};

    private static Point point(Primitive op, Random rnd) {
        switch (op) {
            case ADD, SUB, MUL -> {
                double a = signed(rnd, 1e-3, 1e3);
                double b = signed(rnd, 1e-3, 1e3);
                return new Point(a, b, 0, Math.max(1, Math.max(Math.abs(a), Math.abs(b))));
            }
            case DIV -> {
                double b = signed(rnd, 1e-60, 1e60);
                return new Point(b * signed(rnd, 1e-3, 1e3), b, 0, Math.abs(b) / 2);
            }
            case POW -> {
                double a = logUniform(rnd, 1e-2, 1e2);
                double b = uniform(rnd, -3, 3);
                return new Point(a, b, 0, Math.min(a, 1 / Math.max(1, Math.abs(Math.log(a)))) / 2);
            }
            case POW_CONST -> {
                double p = EXPONENTS[rnd.nextInt(EXPONENTS.length)];
                boolean integer = p == Math.rint(p);
                double a = integer ? signed(rnd, 1e-2, 1e2) : logUniform(rnd, 1e-2, 1e2);
                return new Point(a, 0, p, Math.abs(a) / 2);
            }
            case ATAN2, HYPOT -> {
                double r = logUniform(rnd, 1e-150, 1e150);
                double t = uniform(rnd, -Math.PI, Math.PI);
                double a = r * Math.sin(t);
                double b = r * Math.cos(t);
                // atan2 jumps by 2π across the negative b axis: keep the stencil off it
                double rho = op == Primitive.ATAN2 && b < 0 ? Math.min(r, Math.abs(a)) / 2 : r / 2;
                return rho > 0 ? new Point(a, b, 0, rho) : null;
            }
            case MAX, MIN -> {
                double a = signed(rnd, 1e-3, 1e3);
                double b = rnd.nextInt(4) == 0 ? -a : signed(rnd, 1e-3, 1e3);
                return a == b ? null : new Point(a, b, 0, Math.abs(a - b) / 2);
            }
            case NEG, ABS -> {
                double a = signed(rnd, 1e-300, 1e300);
                return new Point(a, 0, 0, Math.abs(a) / 2);
            }
            case CBRT -> {
                // second derivatives stay finite: |a|^(-5/3) < 1e300
                double a = signed(rnd, 1e-150, 1e150);
                return new Point(a, 0, 0, Math.abs(a) / 2);
            }
            case LOG, LOG10, SQRT -> {
                double a = logUniform(rnd, 1e-150, 1e300);
                return new Point(a, 0, 0, a / 2);
            }
            case LOG1P -> {
                double a = rnd.nextBoolean() ? -1 + logUniform(rnd, 1e-10, 1e3) : signed(rnd, 1e-300, 0.5);
                return a > -1 ? new Point(a, 0, 0, (1 + a) / 2) : null;
            }
            case EXP, EXPM1, SINH, COSH, TANH -> {
                double a = switch (rnd.nextInt(3)) {
                    case 0 -> signed(rnd, 1e-300, 1);
                    case 1 -> uniform(rnd, -50, 50);
                    default -> uniform(rnd, -700, 700);
                };
                return new Point(a, 0, 0, 1);
            }
            case SIN, COS -> {
                double a = rnd.nextInt(4) == 0 ? signed(rnd, 1e-300, 1e5) : uniform(rnd, -20, 20);
                return new Point(a, 0, 0, 1);
            }
            case TAN -> {
                double a = uniform(rnd, -Math.PI / 2, Math.PI / 2);
                double rho = (Math.PI / 2 - Math.abs(a)) / 2;
                return rho > 0 ? new Point(a + Math.PI * (rnd.nextInt(7) - 3), 0, 0, rho) : null;
            }
            case ASIN, ACOS, ATANH -> {
                double a = Math.copySign(1 - logUniform(rnd, 1e-12, 1), rnd.nextBoolean() ? 1 : -1);
                return Math.abs(a) < 1 ? new Point(a, 0, 0, (1 - Math.abs(a)) / 2) : null;
            }
            case ATAN, ASINH -> {
                double a = signed(rnd, 1e-300, 1e300);
                return new Point(a, 0, 0, Math.max(1, Math.abs(a)) / 2);
            }
            case ACOSH -> {
                double a = 1 + logUniform(rnd, 1e-12, 1e300);
                return a > 1 ? new Point(a, 0, 0, (a - 1) / 2) : null;
            }
            case SIGMOID, SOFTPLUS -> {
                double a = rnd.nextInt(4) == 0 ? signed(rnd, 1e-300, 1e-3) : uniform(rnd, -40, 40);
                return new Point(a, 0, 0, 1);
            }
            case ERF, ERFC -> {
                // e^(-a²) with a² rounded: exact enough below |a| = 5 for the closed-form tolerance
                double a = rnd.nextInt(4) == 0 ? signed(rnd, 1e-300, 1e-3) : uniform(rnd, -5, 5);
                return new Point(a, 0, 0, 0.5);
            }
            case LGAMMA -> {
                double a = logUniform(rnd, 0.05, 1e3);
                return new Point(a, 0, 0, a / 2);
            }
            case POLYGAMMA -> {
                int n = new int[] {0, 1, 2, 3, 5}[rnd.nextInt(5)];
                double a = logUniform(rnd, 0.05, 1e3);
                return new Point(a, 0, n, a / 2);
            }
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                double a = signed(rnd, 1e-3, 1e3);
                double b = signed(rnd, 1e-3, 1e3);
                return a == b ? null : new Point(a, b, 0, Math.abs(a - b) / 2);
            }
            case IF_ELSE -> {
                double condition = rnd.nextBoolean() ? 0 : signed(rnd, 1e-3, 1e3);
                return new Point(signed(rnd, 1e-3, 1e3), signed(rnd, 1e-3, 1e3), condition, 1);
            }
        }
        throw new AssertionError(op);
    }

    static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    static double logUniform(Random rnd, double lo, double hi) {
        return Math.exp(uniform(rnd, Math.log(lo), Math.log(hi)));
    }

    static double signed(Random rnd, double lo, double hi) {
        return rnd.nextBoolean() ? logUniform(rnd, lo, hi) : -logUniform(rnd, lo, hi);
    }

    /** ψ⁽ⁿ⁾(x) for x > 0 from 60-digit values: ψ itself, or (-1)ⁿ⁺¹·n!·ζ(n + 1, x). */
    static double polygamma(int n, double x) {
        if (n == 0) {
            return HighPrecision.digamma(x).doubleValue();
        }
        double z = HighPrecision.factorial(n).multiply(HighPrecision.hurwitz(n + 1, x)).doubleValue();
        return n % 2 == 1 ? z : -z;
    }

    // ---- inverse hyperbolic functions, each from whichever form is accurate where it is used ----

    /** asinh by its Maclaurin series below 1/2 (ratio ≤ 1/4), by log(|x| + √(x²+1)) above. */
    static double asinh(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 0.5) {
            // asinh x = Σ (-1)^k (2k-1)!!/(2k)!! · x^(2k+1)/(2k+1)
            double g = ax;
            r = ax;
            for (int k = 1; k < 60; k++) {
                g *= -(2.0 * k - 1) / (2.0 * k) * ax * ax;
                r += g / (2 * k + 1);
            }
        } else if (ax > 1e8) {
            r = Math.log(ax) + Math.log(2); // √(x²+1) = x to double precision
        } else {
            r = Math.log(ax + Math.sqrt(ax * ax + 1));
        }
        return Math.copySign(r, x);
    }

    /** acosh(1+t) = √(2t)·₂F₁(½,½;3/2;−t/2) for t < 1/2 (t exact by Sterbenz), logarithms above. */
    static double acosh(double a) {
        double t = a - 1;
        if (t < 0.5) {
            double z = -t / 2;
            double c = 1;
            double s = 1;
            for (int k = 1; k < 60; k++) {
                c *= (k - 0.5) * (k - 0.5) / ((k + 0.5) * k) * z;
                s += c;
            }
            return Math.sqrt(2 * t) * s;
        }
        return a > 1e8 ? Math.log(a) + Math.log(2) : Math.log(a + Math.sqrt(a * a - 1));
    }

    /** atanh by its series Σ x^(2k+1)/(2k+1) below 1/2, by ½·log((1+x)/(1−x)) above (1−x exact). */
    static double atanh(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 0.5) {
            double g = ax;
            r = ax;
            for (int k = 1; k < 60; k++) {
                g *= ax * ax;
                r += g / (2 * k + 1);
            }
        } else {
            r = 0.5 * Math.log((1 + ax) / (1 - ax));
        }
        return Math.copySign(r, x);
    }
}
