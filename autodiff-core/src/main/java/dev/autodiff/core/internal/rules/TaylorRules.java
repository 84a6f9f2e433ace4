package dev.autodiff.core.internal.rules;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.program.Program;
import org.jspecify.annotations.Nullable;

/**
 * Taylor-mode arithmetic: every primitive applied to truncated Taylor polynomials.
 *
 * <p>A series {@code A} of order d holds normalized coefficients {@code A(k) = a^(k)(t₀)/k!},
 * {@code k = 0 … d}, in {@code s[a] … s[a+d]}. Each rule writes the result's coefficients in
 * O(d²) with the classical recurrences (Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd
 * ed., §13.2): products by Cauchy convolution, quotients and square roots by solving the
 * convolution for the unknown coefficient, and every transcendental through the linear ODE it
 * satisfies: {@code y' = y·a'} for exp, {@code y'·h = a'} for the logarithm and inverse functions
 * ({@code h = a}, {@code 1 + a²}, {@code √(1 - a²)} …), the coupled pair {@code s' = c·a'},
 * {@code c' = -s·a'} for sine and cosine, {@code y' = (1 ± y²)·a'} for tan and tanh, and
 * {@code a·y' = p·y·a'} for {@code a^p}. Coefficient 0 is always {@link Rules#value}, so values agree
 * with every other mode exactly, and order 1 follows the conventions documented on
 * {@link Primitive}; {@code p} is the rule's third argument (see {@link Rules}). A custom operation composes its derivatives {@code f^(m)(a₀)} with the
 * argument's series by Faà di Bruno's formula, {@code Σ f^(m)(a₀)/m! · (A - a₀)^m}, in O(d³).
 */
public final class TaylorRules {
    private static final double LN10 = Math.log(10);

    private TaylorRules() {}

    /** Scratch series for one rule application, reused across the nodes of a sweep. */
    public static final class Scratch {
        final double[] h;
        final double[] g;
        final double[] q;
        final double[] special;

        /** Scratch for series of order {@code order}. */
        public Scratch(int order) {
            h = new double[order + 1];
            g = new double[order + 1];
            q = new double[order + 1];
            special = new double[SpecialSeries.scratchLength(order)];
        }
    }

    /**
     * Writes {@code s[y … y+d]}, the series of primitive {@code code} (a {@link Primitive}
     * ordinal, or {@link Program#CUSTOM} with {@code op}) applied to the series at {@code s[a]}
     * and, for binary primitives, {@code s[b]}; {@code p} is the exponent of
     * {@link Primitive#POW_CONST}. The output must not overlap the operands.
     */
    public static void apply(int code, double p, @Nullable CustomOperation op, double[] s, int a, int b, int y,
            int d, Scratch w) {
        if (code == Program.CUSTOM) {
            custom(op, s, a, y, d, w);
            return;
        }
        double a0 = s[a];
        double b0 = b >= 0 ? s[b] : 0;
        s[y] = Rules.value(code, a0, b0, p);
        switch (Primitive.ofCode(code)) {
            case ADD -> { for (int k = 1; k <= d; k++) { s[y + k] = s[a + k] + s[b + k]; } }
            case SUB -> { for (int k = 1; k <= d; k++) { s[y + k] = s[a + k] - s[b + k]; } }
            case NEG -> { for (int k = 1; k <= d; k++) { s[y + k] = -s[a + k]; } }
            case MUL -> { for (int k = 1; k <= d; k++) { s[y + k] = cauchy(s, a, s, b, k); } }
            case DIV -> {
                for (int k = 1; k <= d; k++) {
                    double sum = s[a + k];
                    for (int j = 1; j <= k; j++) {
                        sum -= s[b + j] * s[y + k - j];
                    }
                    s[y + k] = sum / b0;
                }
            }
            case POW -> pow(s, a, b, y, d, w);
            case POW_CONST -> powConst(s, a, y, d, p, w);
            case CBRT -> power(s, a, y, d, 1.0 / 3);
            case SQRT -> {
                for (int k = 1; k <= d; k++) {
                    s[y + k] = (s[a + k] - cauchyInner(s, y, s, y, k)) / (2 * s[y]);
                }
            }
            case EXP -> {
                for (int k = 1; k <= d; k++) {
                    s[y + k] = chain(s, a, s, y, k);
                }
            }
            case EXPM1 -> {
                double[] e = w.g; // e = y + 1, whose derivative is e·a'
                e[0] = s[y] + 1;
                for (int k = 1; k <= d; k++) {
                    s[y + k] = chain(s, a, e, 0, k);
                    e[k] = s[y + k];
                }
            }
            case SIN -> coupled(s, a, y, d, w.g, Math.cos(a0), 1, -1);
            case COS -> coupled(s, a, y, d, w.g, Math.sin(a0), -1, 1);
            case SINH -> coupled(s, a, y, d, w.g, Math.cosh(a0), 1, 1);
            case COSH -> coupled(s, a, y, d, w.g, Math.sinh(a0), 1, 1);
            case TAN -> tangentLike(s, a, y, d, w.g, 1);
            case TANH -> tangentLike(s, a, y, d, w.g, -1);
            case LOG, LOG1P, LOG10, ATAN, ATANH, ASIN, ACOS, ASINH, ACOSH -> {
                inverseDerivative(code, s, a, d, w);
                solve(s, a, w.h, y, d);
            }
            case ATAN2 -> atan2(s, a, b, y, d, w);
            case HYPOT -> hypot(s, a, b, y, d, w);
            case MAX -> select(s, a, b, y, d, a0 > b0 ? 1 : a0 < b0 ? 0 : 0.5);
            case MIN -> select(s, a, b, y, d, a0 < b0 ? 1 : a0 > b0 ? 0 : 0.5);
            case ABS -> {
                double sign = a0 > 0 ? 1 : a0 < 0 ? -1 : 0; // the convention: derivative 0 at 0
                for (int k = 1; k <= d; k++) {
                    s[y + k] = sign == 0 ? 0 : sign * s[a + k];
                }
            }
            case SIGMOID -> SpecialSeries.sigmoidSeries(s, a, s, y, d, w.special);
            case SOFTPLUS -> SpecialSeries.softplusSeries(s, a, s, y, d, w.special);
            case ERF -> SpecialSeries.erfSeries(s, a, s, y, d, w.special);
            case ERFC -> SpecialSeries.erfcSeries(s, a, s, y, d, w.special);
            case LGAMMA -> SpecialSeries.lgammaSeries(s, a, s, y, d, w.special);
            case POLYGAMMA -> SpecialSeries.polygammaSeries((int) p, s, a, s, y, d, w.special);
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> java.util.Arrays.fill(s, y + 1, y + d + 1, 0);
            case IF_ELSE -> {
                // p is the condition's value: the series of the branch taken, NaN for a NaN condition
                for (int k = 1; k <= d; k++) {
                    s[y + k] = p != p ? Double.NaN : p != 0 ? s[a + k] : s[b + k];
                }
            }
        }
    }

    /** {@return Σ_{j=0}^{k} X(j)·Y(k-j)}, coefficient k of a product */
    static double cauchy(double[] x, int xo, double[] z, int zo, int k) {
        double sum = 0;
        for (int j = 0; j <= k; j++) {
            sum += x[xo + j] * z[zo + k - j];
        }
        return sum;
    }

    /** {@return Σ_{j=1}^{k-1} X(j)·Y(k-j)}, the product's coefficient without its two end terms */
    static double cauchyInner(double[] x, int xo, double[] z, int zo, int k) {
        double sum = 0;
        for (int j = 1; j < k; j++) {
            sum += x[xo + j] * z[zo + k - j];
        }
        return sum;
    }

    /** {@return coefficient k of y where y' = e·a'}: {@code (1/k) Σ_{j=1}^{k} j·A(j)·E(k-j)} */
    static double chain(double[] s, int a, double[] e, int eo, int k) {
        double sum = 0;
        for (int j = 1; j <= k; j++) {
            sum += j * s[a + j] * e[eo + k - j];
        }
        return sum / k;
    }

    /** Solves {@code y'·h = a'} for Y(1 … d): {@code Y(k) = (k·A(k) - Σ_{j=1}^{k-1} j·Y(j)·H(k-j)) / (k·H(0))}. */
    private static void solve(double[] s, int a, double[] h, int y, int d) {
        for (int k = 1; k <= d; k++) {
            double sum = k * s[a + k];
            for (int j = 1; j < k; j++) {
                sum -= j * s[y + j] * h[k - j];
            }
            s[y + k] = sum / (k * h[0]);
        }
    }

    /** Writes into {@code w.h} the series h with {@code y'·h = a'} for the log and inverse functions. */
    private static void inverseDerivative(int code, double[] s, int a, int d, Scratch w) {
        double[] h = w.h;
        Primitive op = Primitive.ofCode(code);
        switch (op) {
            case LOG, LOG1P, LOG10 -> {
                double scale = op == Primitive.LOG10 ? LN10 : 1;
                for (int k = 0; k <= d; k++) {
                    h[k] = s[a + k] * scale;
                }
                if (op == Primitive.LOG1P) {
                    h[0] += 1;
                }
            }
            default -> {
                // ATAN: 1 + a²; ATANH: 1 - a²; ASIN, ACOS: ±√(1 - a²); ASINH: √(1 + a²); ACOSH: √(a² - 1)
                double sign = op == Primitive.ATANH || op == Primitive.ASIN || op == Primitive.ACOS ? -1 : 1;
                double one = op == Primitive.ACOSH ? -1 : 1;
                double[] g = op == Primitive.ATAN || op == Primitive.ATANH ? h : w.g;
                for (int k = 0; k <= d; k++) {
                    g[k] = sign * cauchy(s, a, s, a, k);
                }
                g[0] += one;
                if (g != h) {
                    sqrt(g, h, d, op == Primitive.ACOS ? -Math.sqrt(g[0]) : Math.sqrt(g[0]));
                }
            }
        }
    }

    /** Writes into {@code r} the root of {@code r² = q} whose value is {@code r0} (either sign). */
    private static void sqrt(double[] q, double[] r, int d, double r0) {
        r[0] = r0;
        for (int k = 1; k <= d; k++) {
            r[k] = (q[k] - cauchyInner(r, 0, r, 0, k)) / (2 * r0);
        }
    }

    /** Sine and cosine, sinh and cosh: {@code Y(k) = sy·chain(A, G)}, {@code G(k) = sg·chain(A, Y)}. */
    private static void coupled(double[] s, int a, int y, int d, double[] g, double g0, double sy, double sg) {
        g[0] = g0;
        for (int k = 1; k <= d; k++) {
            s[y + k] = sy * chain(s, a, g, 0, k);
            g[k] = sg * chain(s, a, s, y, k);
        }
    }

    /** tan and tanh: {@code y' = q·a'} with {@code q = 1 + sign·y²}. */
    private static void tangentLike(double[] s, int a, int y, int d, double[] q, double sign) {
        q[0] = 1 + sign * s[y] * s[y];
        for (int k = 1; k <= d; k++) {
            s[y + k] = chain(s, a, q, 0, k);
            q[k] = sign * cauchy(s, y, s, y, k);
        }
    }

    private static void select(double[] s, int a, int b, int y, int d, double wa) {
        for (int k = 1; k <= d; k++) {
            s[y + k] = wa == 1 ? s[a + k] : wa == 0 ? s[b + k] : 0.5 * (s[a + k] + s[b + k]);
        }
    }

    /** {@code a^r} by {@code a·y' = r·y·a'}: {@code Y(k) = Σ_{j<k} (r(k-j) - j)·A(k-j)·Y(j) / (k·A(0))}. */
    private static void power(double[] s, int a, int y, int d, double r) {
        double a0 = s[a];
        for (int k = 1; k <= d; k++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += (r * (k - j) - j) * s[a + k - j] * s[y + j];
            }
            s[y + k] = sum / (k * a0);
        }
    }

    private static void powConst(double[] s, int a, int y, int d, double p, Scratch w) {
        if (p == 0 || p == 1) {
            // the conventions: derivative 0 for p = 0 and 1 for p = 1, at every base
            for (int k = 1; k <= d; k++) {
                s[y + k] = p == 0 ? 0 : s[a + k];
            }
        } else if (p > 0 && p == Math.rint(p) && (p <= 64 || s[a] == 0)) {
            // products are stable; the recurrence divides by A(0) and loses accuracy as
            // (A(1)/A(0))^k when A(0) is small, as for cos²x near π/2
            integerPower(s, a, y, d, p, w);
        } else {
            power(s, a, y, d, p);
        }
    }

    /** {@code a^n} for a whole {@code n = p} by repeated squaring of the series, O(d² log n). */
    private static void integerPower(double[] s, int a, int y, int d, double p, Scratch w) {
        if (s[a] == 0 && p > d) {
            // with A(0) = 0, a^n has no terms below order n
            java.util.Arrays.fill(s, y + 1, y + d + 1, 0);
            return;
        }
        double[] result = w.h;
        double[] base = w.g;
        double[] tmp = w.q;
        java.util.Arrays.fill(result, 0, d + 1, 0);
        result[0] = 1;
        System.arraycopy(s, a, base, 0, d + 1);
        long n = (long) p;
        while (n > 0) {
            if ((n & 1) == 1) {
                multiply(result, base, tmp, d);
                System.arraycopy(tmp, 0, result, 0, d + 1);
            }
            n >>= 1;
            if (n > 0) {
                multiply(base, base, tmp, d);
                System.arraycopy(tmp, 0, base, 0, d + 1);
            }
        }
        for (int k = 1; k <= d; k++) {
            s[y + k] = result[k];
        }
    }

    private static void multiply(double[] x, double[] z, double[] out, int d) {
        for (int k = 0; k <= d; k++) {
            out[k] = cauchy(x, 0, z, 0, k);
        }
    }

    /** {@code a^b} as {@code exp(b·ln a)}; an exponent series without higher terms is a constant power. */
    private static void pow(double[] s, int a, int b, int y, int d, Scratch w) {
        boolean constantExponent = true;
        for (int k = 1; k <= d; k++) {
            constantExponent &= s[b + k] == 0;
        }
        if (constantExponent) {
            // the exponent does not move: the rule of POW_CONST, which never takes ln a (as Rules.pow)
            powConst(s, a, y, d, s[b], w);
            return;
        }
        double[] log = w.h;
        double[] t = w.g;
        log[0] = Math.log(s[a]);
        for (int k = 1; k <= d; k++) {
            double sum = k * s[a + k];
            for (int j = 1; j < k; j++) {
                sum -= j * log[j] * s[a + k - j];
            }
            log[k] = sum / (k * s[a]);
        }
        for (int k = 0; k <= d; k++) {
            t[k] = cauchy(s, b, log, 0, k);
        }
        for (int k = 1; k <= d; k++) {
            s[y + k] = chain(t, 0, s, y, k);
        }
    }

    /** atan2(a, b): {@code y'·(a² + b²) = b·a' - a·b'}; all higher coefficients 0 at the origin. */
    private static void atan2(double[] s, int a, int b, int y, int d, Scratch w) {
        double[] h = w.h;
        for (int k = 0; k <= d; k++) {
            h[k] = cauchy(s, a, s, a, k) + cauchy(s, b, s, b, k);
        }
        for (int k = 1; k <= d; k++) {
            if (h[0] == 0) {
                s[y + k] = 0;
                continue;
            }
            double sum = 0; // coefficient k-1 of b·a' - a·b'
            for (int i = 0; i < k; i++) {
                sum += (k - i) * (s[b + i] * s[a + k - i] - s[a + i] * s[b + k - i]);
            }
            for (int j = 1; j < k; j++) {
                sum -= j * s[y + j] * h[k - j];
            }
            s[y + k] = sum / (k * h[0]);
        }
    }

    /** hypot(a, b) as the square root of {@code a² + b²}; all higher coefficients 0 at the origin. */
    private static void hypot(double[] s, int a, int b, int y, int d, Scratch w) {
        double y0 = s[y];
        for (int k = 1; k <= d; k++) {
            double q = cauchy(s, a, s, a, k) + cauchy(s, b, s, b, k);
            s[y + k] = y0 == 0 ? 0 : (q - cauchyInner(s, y, s, y, k)) / (2 * y0);
        }
    }

    /** Faà di Bruno in series form: {@code Y = Σ_{m=0}^{d} f^(m)(a₀)/m! · P^m} with {@code P = A - a₀}. */
    private static void custom(@Nullable CustomOperation op, double[] s, int a, int y, int d, Scratch w) {
        if (op == null) {
            throw new IllegalStateException("a custom node without its operation");
        }
        double a0 = s[a];
        s[y] = op.value(a0);
        if (d == 0) {
            return;
        }
        double[] f = op.derivatives(a0, d);
        double[] shift = w.g;
        double[] power = w.h;
        double[] tmp = w.q;
        shift[0] = 0;
        System.arraycopy(s, a + 1, shift, 1, d);
        System.arraycopy(shift, 0, power, 0, d + 1);
        for (int k = 1; k <= d; k++) {
            s[y + k] = 0;
        }
        double factorial = 1;
        for (int m = 1; m <= d; m++) {
            factorial *= m;
            double c = f[m] / factorial;
            for (int k = m; k <= d; k++) {
                if (power[k] != 0) { // a zero term stays zero even where f^(m) is infinite
                    s[y + k] += c * power[k];
                }
            }
            if (m < d) {
                multiply(power, shift, tmp, d);
                System.arraycopy(tmp, 0, power, 0, d + 1);
            }
        }
    }
}
