package dev.autodiff.core.internal.rules;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.program.Program;
import org.jspecify.annotations.Nullable;

/**
 * Taylor-mode arithmetic: every primitive applied to truncated Taylor polynomials.
 *
 * <p>A series {@code A} of order d holds normalized coefficients {@code A(k) = a^(k)(t₀)/k!},
 * {@code k = 0 … d}, in {@code s[a] … s[a+d]}. A rule writes its result in layers:
 * <ol>
 *   <li>coefficient 0 is {@link Rules#value}: values equal every other mode's to the bit;</li>
 *   <li>an operand that does not move (its coefficients above 0 all exactly 0) leaves every higher
 *       coefficient exactly 0, even where the primitive's derivatives are infinite or NaN: the
 *       zero-factor rule of {@link Partials#times} for series;</li>
 *   <li>where the table's conventions decide (an infinite or NaN partial, as sqrt, cbrt, asin,
 *       acosh or a fractional power at their edge; an operand whose coefficients 0 … 2 are not all
 *       finite; a power of a zero base, whose terms with {@code ln a} are 0 by convention, or a
 *       power whose value over- or underflowed; hypot, whose scaled recurrence loses a small
 *       operand's coefficients beside a large one),
 *       coefficients 1 and 2 come from the table as the compiled forward-over-forward sweep forms
 *       them: {@code Y(1) = f_a A(1) + f_b B(1)}, {@code Y(2) = f_a A(2) + f_b B(2) + ½(f_aa A(1)² +
 *       2 f_ab A(1) B(1) + f_bb B(1)²)}, each product by {@link Partials#times}, so infinities, NaN
 *       and zeros agree with the other modes exactly there; the recurrences go on from 3;</li>
 *   <li>elsewhere every coefficient from 1 on comes from the classical O(d²) recurrences (Griewank
 *       and Walther, <i>Evaluating Derivatives</i>, 2nd ed., §13.2): Cauchy products, quotients and
 *       roots by solving the convolution for the unknown coefficient, and transcendentals through
 *       the linear ODE each satisfies ({@code y' = y·a'} for exp, {@code y'·h = a'} for the
 *       logarithms and inverse functions, the coupled {@code s' = c·a'}, {@code c' = -s·a'} for sine
 *       and cosine, {@code y' = q·a'} with {@code q = 1 ± y²} for tan and tanh). Each auxiliary
 *       series starts from the stable form {@link Rules} uses: {@code 1/cosh²} for tanh,
 *       {@code e^a} for expm1, {@code (1 - a)(1 + a)} near ±1, arguments divided by a power of two
 *       near their size before they are squared (atan, asinh, acosh, atan2, hypot). These agree
 *       with the table to rounding, and keep digits the chain rule of partials loses: for
 *       {@code asinh(e^x)} at 400, {@code f_aa} underflows while {@code a'²} overflows.</li>
 * </ol>
 * A sum of products whose plain value is NaN is summed again with {@link Partials#times}, so an
 * exact zero times an infinite coefficient contributes 0 there too. A custom operation composes its
 * derivatives {@code f^(m)(a₀)} with the argument's series by Faà di Bruno's formula,
 * {@code Σ f^(m)(a₀)/m! · (A - a₀)^m}, in O(d³).
 *
 * <p>The recurrences are homogeneous: scaling the input series' coefficient k by {@code h^k}
 * scales every node's coefficient k by {@code h^k}, with the same rounding when h is a power of two
 * and nothing overflows or underflows. Taylor mode chooses h so that high orders stay in range.
 *
 * <p>A primitive's recurrence is the {@code series} of its entry (see the package documentation):
 * a method that writes coefficients {@code from} … d (from is 1, or 3 where the table wrote 1 and 2)
 * given those below; the layers above come with it. A locally linear primitive
 * ({@link Structure#isLocallyLinear}) needs none: its series is the linear combination of its
 * operands' with its first partials as weights. Which primitives take coefficients 1 and 2 from the
 * table at a power's edges, or always, their entries declare ({@code Traits}).
 */
public final class TaylorRules {
    /** The first coefficient the recurrences write where the table writes coefficients 1 and 2. */
    static final int FIRST = 3;

    private TaylorRules() {}

    /** Scratch series and partials for one rule application, reused across the nodes of a sweep. */
    public static final class Scratch {
        final double[] h;
        final double[] g;
        final double[] q;
        final double[] ta;
        final double[] tb;
        final double[] ty;
        final Partials partials = new Partials();
        final double[] special;
        final double[] specialOut;
        boolean singular;

        /** Scratch for series of order {@code order}. */
        public Scratch(int order) {
            h = new double[order + 1];
            g = new double[order + 1];
            q = new double[order + 1];
            ta = new double[order + 1];
            tb = new double[order + 1];
            ty = new double[order + 1];
            special = new double[SpecialSeries.scratchLength(order)];
            specialOut = new double[order + 1];
        }

        /**
         * {@return whether the last rule met a singular point of its primitive}: an infinite or NaN
         * partial derivative, a recurrence dividing by an exactly zero leading coefficient (a
         * non-integer power at 0), or an infinite or NaN derivative of a custom operation. There
         * an infinite or NaN coefficient is the function's own, not an overflow that a smaller
         * scale of the input series would avoid.
         */
        public boolean singular() {
            return singular;
        }
    }

    /**
     * Writes {@code s[y … y+d]}, the series of primitive {@code code} (a {@link Primitive}
     * ordinal, or {@link Program#CUSTOM} with {@code op}) applied to the series at {@code s[a]}
     * and, for binary primitives, {@code s[b]}; {@code p} is the rule's third argument (see
     * {@link Rules}). The output must not overlap the operands.
     *
     * @throws UnsupportedOperationException naming a custom operation without enough derivatives
     */
    public static void apply(int code, double p, @Nullable CustomOperation op, double[] s, int a, int b, int y,
            int d, Scratch w) {
        Partials q = w.partials;
        double a0 = s[a];
        double b0 = b >= 0 ? s[b] : 0;
        double[] custom = null;
        if (code == Program.CUSTOM) {
            if (op == null) {
                throw new IllegalStateException("a custom node without its operation");
            }
            custom = d == 0 ? null : op.derivatives(a0, d);
            q.set(op.value(a0), d >= 1 ? custom[1] : 0, d >= 2 ? custom[2] : 0);
        } else {
            Rules.apply(code, a0, b0, p, q);
        }
        s[y] = q.value;
        w.singular = !(Double.isFinite(q.da) && Double.isFinite(q.db) && Double.isFinite(q.scale)
                && Double.isFinite(q.daa) && Double.isFinite(q.dab) && Double.isFinite(q.dbb));
        if (d == 0) {
            return;
        }
        if (still(s, a, d) && (b < 0 || still(s, b, d))) {
            java.util.Arrays.fill(s, y + 1, y + d + 1, 0);
            return;
        }
        // Where the primitive is singular, an operand's first coefficients are not finite or a
        // power's base is 0, the table's conventions and the zero-factor rule decide coefficients 1
        // and 2, as in the compiled modes; elsewhere the recurrences, whose normalized forms also keep
        // digits the chain rule loses (asinh(e^x) at 400: f_aa underflows while a'² overflows).
        // The table also where a power's value over- or underflowed (x^1.5 at 1e300 or 4.9e-324:
        // the recurrence y'·a = p·y·a' has lost y, the table's p·a^(p-1) has not), and for hypot,
        // whose recurrence squares coefficients divided by the larger operand (at hypot(4.9e-324,
        // 1e300) the smaller operand's a'/1e300 squared underflows: its second derivative 1e-300 is lost).
        Traits.LowOrders how = custom != null ? Traits.LowOrders.RECURRENCE : Traits.of(code).lowOrders();
        boolean power = how == Traits.LowOrders.POWER;
        boolean table = w.singular || !finiteHead(s, a, d) || (b >= 0 && !finiteHead(s, b, d))
                || (power && (a0 == 0 || !Partials.normal(s[y])))
                || how == Traits.LowOrders.PARTIALS;
        int from = 1;
        if (table) {
            lowOrders(q, s, a, b, y, d);
            from = FIRST;
            if (d < FIRST) {
                return;
            }
        }
        if (custom != null) {
            custom(custom, s, a, y, d, from, w);
        } else {
            higher(code, p, q, s, a, b, y, d, from, w);
        }
    }

    /**
     * Writes coefficients 1 and 2 (as far as {@code d}) from the partials {@code q}, each product
     * by the zero-factor rule and in the order of the compiled forward-over-forward sweep, so both
     * give the same infinities, NaN and zeros at edge points.
     */
    private static void lowOrders(Partials q, double[] s, int a, int b, int y, int d) {
        s[y + 1] = Partials.times(s[a + 1], q.da) + (b >= 0 ? Partials.times(s[b + 1], q.db) : 0);
        if (d == 1) {
            return;
        }
        double ua = s[a + 1];
        double ub = b >= 0 ? s[b + 1] : 0;
        // ½·(H_f·u)·u with H_f the scaled second partials, as the forward-over-forward sweep applies them
        double quadratic = Partials.times(Partials.curvature(ua, ub, q.daa, q.dab, q.scale), ua)
                + Partials.times(Partials.curvature(ua, ub, q.dab, q.dbb, q.scale), ub);
        s[y + 2] = Partials.times(s[a + 2], q.da) + (b >= 0 ? Partials.times(s[b + 2], q.db) : 0) + 0.5 * quadratic;
    }

    /** {@return whether the coefficients 0 … min(2, d) of the series at {@code s[a]} are finite} */
    private static boolean finiteHead(double[] s, int a, int d) {
        for (int k = 0; k <= Math.min(2, d); k++) {
            if (!Double.isFinite(s[a + k])) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether the series at {@code s[a]} does not move: coefficients 1 … d all exactly 0} */
    static boolean still(double[] s, int a, int d) {
        for (int k = 1; k <= d; k++) {
            if (s[a + k] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes coefficients {@code from} … d of a series its entry wrote whole into the scratch's
     * {@code specialOut} (the special functions' series, {@link SpecialSeries}); those below are
     * kept as the caller wrote them.
     */
    static void takeWhole(Scratch w, double[] s, int y, int d, int from) {
        System.arraycopy(w.specialOut, from, s, y + from, d - from + 1);
    }

    /**
     * Writes coefficients {@code from} … d of primitive {@code code} (1 or 3), given those below and
     * the partials {@code q}, by its entry's {@link Rule#series} (a locally linear primitive's as the
     * linear combination of its operands' with its first partials as weights).
     */
    private static void higher(int code, double p, Partials q, double[] s, int a, int b, int y, int d, int from,
            Scratch w) {
        Rules.rule(code).series(s, a, b, y, d, from, p, q, w);
    }

    /** {@code y = da·a + db·b} locally, coefficient by coefficient, with the zero-factor rule. */
    static void linear(double[] s, int a, int b, int y, int d, int from, double da, double db) {
        for (int k = from; k <= d; k++) {
            s[y + k] = Partials.times(s[a + k], da) + (b >= 0 ? Partials.times(s[b + k], db) : 0);
        }
    }

    /** {@code y' = e·a'} with {@code E(0) = e0} and {@code E(j) = Y(j)} above: exp and expm1. */
    static void exp(double[] s, int a, int y, int d, int from, double e0) {
        for (int k = from; k <= d; k++) {
            double sum = k * s[a + k] * e0 + jsum(s, a, s, y, k, 1, k - 1);
            if (sum != sum) {
                sum = k * Partials.times(s[a + k], e0) + jsumStrong(s, a, s, y, k, 1, k - 1);
            }
            s[y + k] = sum / k;
        }
    }

    /** Sine and cosine, sinh and cosh: {@code y' = sy·g·a'}, {@code g' = sg·y·a'}, {@code G(0) = g0}. */
    static void coupled(double[] s, int a, int y, int d, int from, double[] g, double g0, double sy, double sg) {
        g[0] = g0;
        for (int k = 1; k < d; k++) {
            if (k >= from) {
                s[y + k] = sy * chain(s, a, g, 0, k);
            }
            g[k] = sg * chain(s, a, s, y, k);
        }
        s[y + d] = sy * chain(s, a, g, 0, d);
    }

    /** tan and tanh: {@code y' = q·a'} with {@code Q(0) = q0} (the stable first partial) and {@code q = q0 + sign·(y² - y0²)}. */
    static void tangentLike(double[] s, int a, int y, int d, int from, double[] q, double q0, double sign) {
        q[0] = q0;
        for (int k = 1; k <= d; k++) {
            if (k >= from) {
                s[y + k] = chain(s, a, q, 0, k);
            }
            q[k] = sign * cauchy(s, y, s, y, k, 0, k);
        }
    }

    /** Faà di Bruno in series form: {@code Y = Σ_{m=0}^{d} f^(m)(a₀)/m! · P^m} with {@code P = A - a₀}. */
    private static void custom(double[] f, double[] s, int a, int y, int d, int from, Scratch w) {
        double[] shift = w.g;
        double[] power = w.h;
        double[] tmp = w.q;
        shift[0] = 0;
        System.arraycopy(s, a + 1, shift, 1, d);
        System.arraycopy(shift, 0, power, 0, d + 1);
        for (int k = from; k <= d; k++) {
            s[y + k] = 0;
        }
        Factorial factorial = new Factorial();
        for (int m = 1; m <= d; m++) {
            factorial.next();
            w.singular |= !Double.isFinite(f[m]);
            double c = factorial.divide(f[m]);
            for (int k = Math.max(m, from); k <= d; k++) {
                s[y + k] += Partials.times(power[k], c); // a zero term stays zero even where f^(m) is infinite
            }
            if (m < d) {
                for (int k = 0; k <= d; k++) {
                    tmp[k] = cauchy(power, 0, shift, 0, k, 0, k);
                }
                System.arraycopy(tmp, 0, power, 0, d + 1);
            }
        }
    }

    /** {@return (1/k)·Σ_{j=1}^{k} j·X(j)·Z(k-j)}, coefficient k of y where {@code y' = z·x'} */
    static double chain(double[] x, int xo, double[] z, int zo, int k) {
        double sum = jsum(x, xo, z, zo, k, 1, k);
        if (sum != sum) {
            sum = jsumStrong(x, xo, z, zo, k, 1, k);
        }
        return sum / k;
    }

    /**
     * {@return Σ_{j=from}^{to} X(j)·Z(k-j)}, a product's coefficient k or part of it; summed again
     * with the zero-factor rule when the plain sum is NaN
     */
    static double cauchy(double[] x, int xo, double[] z, int zo, int k, int from, int to) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            sum += x[xo + j] * z[zo + k - j];
        }
        if (sum != sum) {
            sum = 0;
            for (int j = from; j <= to; j++) {
                sum += Partials.times(x[xo + j], z[zo + k - j]);
            }
        }
        return sum;
    }

    /** {@return Σ_{j=from}^{to} j·X(j)·Z(k-j)}, which may be NaN; see {@link #jsumStrong} */
    static double jsum(double[] x, int xo, double[] z, int zo, int k, int from, int to) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            sum += j * x[xo + j] * z[zo + k - j];
        }
        return sum;
    }

    /** {@return {@link #jsum} with the zero-factor rule in every product} */
    static double jsumStrong(double[] x, int xo, double[] z, int zo, int k, int from, int to) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            sum += j * Partials.times(x[xo + j], z[zo + k - j]);
        }
        return sum;
    }
}
