package dev.autodiff.core.internal.rules;

import dev.autodiff.core.Primitive;

/**
 * The Taylor rules of the logarithms and inverse functions, coefficients {@code from} … d (see
 * {@link TaylorRules}): each solves {@code y'·h = r'} for y, with h and r built in the stable forms of
 * {@link Rules}. {@code 1 - a²} is {@code (1 - a)(1 + a)}, exact near ±1; before squaring, an
 * argument is divided by a power of two m near its size ({@code √(1 + a²) = m·√(m⁻² + (a/m)²)}), so
 * neither {@code a²} of a large value overflows nor that of a tiny one underflows. Powers of two
 * divide exactly, so this changes no digit where the plain forms were representable.
 */
final class InverseSeries {
    private static final double LN10 = Math.log(10);

    private InverseSeries() {}

    /** Writes coefficients {@code from} … d of log, log10, log1p, asin, acos, atan, asinh, acosh or atanh of {@code a}. */
    static void apply(Primitive op, double[] s, int a, int y, int d, int from, TaylorRules.Scratch w) {
        double a0 = s[a];
        double[] h = w.h;
        double[] u = w.g;
        double[] t = w.ta;
        switch (op) {
            case LOG -> solve(s, a, s, a, s, y, d, from); // y'·a = a'
            case LOG10, LOG1P -> {
                double c = op == Primitive.LOG10 ? LN10 : 1;
                for (int k = 0; k <= d; k++) {
                    h[k] = s[a + k] * c;
                }
                if (op == Primitive.LOG1P) {
                    h[0] = 1 + a0;
                }
                solve(s, a, h, 0, s, y, d, from);
            }
            case ATANH -> {
                oneMinusSquare(s, a, h, d);
                solve(s, a, h, 0, s, y, d, from);
            }
            case ASIN, ACOS -> {
                oneMinusSquare(s, a, u, d);
                sqrt(u, h, d, op == Primitive.ACOS ? -Math.sqrt(u[0]) : Math.sqrt(u[0]));
                solve(s, a, h, 0, s, y, d, from);
            }
            case ATAN -> {
                // 1 + a² = m²·(m⁻² + t²) with t = a/m, so y'·(m⁻² + t²) = (t/m)'
                double m = scale(Math.max(1, Math.abs(a0)));
                divide(s, a, m, t, d);
                squarePlus(t, 1 / m / m, h, d);
                for (int k = 0; k <= d; k++) {
                    t[k] /= m;
                }
                solve(t, 0, h, 0, s, y, d, from);
            }
            case ASINH -> {
                // √(1 + a²) = m·√(m⁻² + t²) with t = a/m, so y'·√(m⁻² + t²) = t'
                double m = scale(Math.max(1, Math.abs(a0)));
                divide(s, a, m, t, d);
                squarePlus(t, 1 / m / m, u, d);
                sqrt(u, h, d, Math.sqrt(u[0]));
                solve(t, 0, h, 0, s, y, d, from);
            }
            case ACOSH -> {
                // √((a - 1)(a + 1)) = m·√(((a - 1)/m)·((a + 1)/m)), a - 1 exact near 1
                double m = scale(Math.max(1, Math.abs(a0)));
                divide(s, a, m, t, d);
                squarePlus(t, 0, u, d);
                u[0] = ((a0 - 1) / m) * ((a0 + 1) / m);
                sqrt(u, h, d, Math.sqrt(u[0]));
                solve(t, 0, h, 0, s, y, d, from);
            }
            default -> throw new IllegalArgumentException("not an inverse function: " + op);
        }
    }

    /**
     * atan2(a, b): {@code y'·(a² + b²) = b·a' - a·b'}, with a and b divided by a power of two near
     * the larger of {@code |a₀|, |b₀|}; every coefficient 0 at the origin, as the partials there.
     */
    static void atan2(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
        double a0 = s[a];
        double b0 = s[b];
        if (a0 == 0 && b0 == 0) {
            java.util.Arrays.fill(s, y + from, y + d + 1, 0);
            return;
        }
        double m = scale(Math.max(Math.abs(a0), Math.abs(b0)));
        double[] ta = w.ta;
        double[] tb = w.tb;
        double[] h = w.h;
        divide(s, a, m, ta, d);
        divide(s, b, m, tb, d);
        for (int k = 0; k <= d; k++) {
            h[k] = TaylorRules.cauchy(ta, 0, ta, 0, k, 0, k) + TaylorRules.cauchy(tb, 0, tb, 0, k, 0, k);
        }
        for (int k = from; k <= d; k++) {
            // k times coefficient k-1 of b·a' - a·b'
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += (k - i) * (tb[i] * ta[k - i] - ta[i] * tb[k - i]);
            }
            if (sum != sum) {
                sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += (k - i) * (Partials.times(tb[i], ta[k - i]) - Partials.times(ta[i], tb[k - i]));
                }
            }
            s[y + k] = (sum - weighted(s, y, h, 0, k)) / (k * h[0]);
        }
    }

    /**
     * hypot(a, b) as the root of {@code y² = a² + b²}, all divided by a power of two near the larger
     * of {@code |a₀|, |b₀|}; every coefficient 0 at the origin, as the partials there.
     */
    static void hypot(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
        double a0 = s[a];
        double b0 = s[b];
        if (a0 == 0 && b0 == 0) {
            java.util.Arrays.fill(s, y + from, y + d + 1, 0);
            return;
        }
        double m = scale(Math.max(Math.abs(a0), Math.abs(b0)));
        double[] ta = w.ta;
        double[] tb = w.tb;
        double[] ty = w.ty;
        divide(s, a, m, ta, d);
        divide(s, b, m, tb, d);
        divide(s, y, m, ty, from - 1);
        for (int k = from; k <= d; k++) {
            double q = TaylorRules.cauchy(ta, 0, ta, 0, k, 0, k) + TaylorRules.cauchy(tb, 0, tb, 0, k, 0, k);
            ty[k] = (q - TaylorRules.cauchy(ty, 0, ty, 0, k, 1, k - 1)) / (2 * ty[0]);
            s[y + k] = ty[k] * m;
        }
    }

    /**
     * Solves {@code y'·h = r'} for {@code Y(from … d)} given those below:
     * {@code Y(k) = (k·R(k) - Σ_{j=1}^{k-1} j·Y(j)·H(k-j)) / (k·H(0))}.
     */
    private static void solve(double[] r, int ro, double[] h, int ho, double[] s, int y, int d, int from) {
        for (int k = from; k <= d; k++) {
            s[y + k] = (k * r[ro + k] - weighted(s, y, h, ho, k)) / (k * h[ho]);
        }
    }

    /** {@return Σ_{j=1}^{k-1} j·Y(j)·H(k-j)}, with the zero-factor rule where the plain sum is NaN */
    private static double weighted(double[] s, int y, double[] h, int ho, int k) {
        double sum = TaylorRules.jsum(s, y, h, ho, k, 1, k - 1);
        return sum == sum ? sum : TaylorRules.jsumStrong(s, y, h, ho, k, 1, k - 1);
    }

    /** Writes into {@code u} the series {@code (1 - a)(1 + a)}: {@code -a²} above coefficient 0. */
    private static void oneMinusSquare(double[] s, int a, double[] u, int d) {
        double a0 = s[a];
        u[0] = (1 - a0) * (1 + a0);
        for (int k = 1; k <= d; k++) {
            u[k] = -TaylorRules.cauchy(s, a, s, a, k, 0, k);
        }
    }

    /** Writes into {@code u} the series {@code c + t²}. */
    private static void squarePlus(double[] t, double c, double[] u, int d) {
        for (int k = 0; k <= d; k++) {
            u[k] = TaylorRules.cauchy(t, 0, t, 0, k, 0, k);
        }
        u[0] += c;
    }

    /** Writes into {@code r} the root of {@code r² = u} whose value is {@code r0} (either sign). */
    private static void sqrt(double[] u, double[] r, int d, double r0) {
        r[0] = r0;
        for (int k = 1; k <= d; k++) {
            r[k] = (u[k] - TaylorRules.cauchy(r, 0, r, 0, k, 1, k - 1)) / (2 * r0);
        }
    }

    /** Writes {@code s[a … a+n] / m} into {@code t[0 … n]}. */
    private static void divide(double[] s, int a, double m, double[] t, int n) {
        for (int k = 0; k <= n; k++) {
            t[k] = s[a + k] / m;
        }
    }

    /** {@return the power of two at or just below {@code x > 0}}, or 1 where x is not finite */
    private static double scale(double x) {
        return Double.isFinite(x) && x > 0 ? Math.scalb(1.0, Math.getExponent(x)) : 1;
    }
}
