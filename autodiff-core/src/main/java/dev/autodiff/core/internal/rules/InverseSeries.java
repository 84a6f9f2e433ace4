package dev.autodiff.core.internal.rules;

/**
 * The Taylor recurrences of the logarithms and inverse functions, coefficients {@code from} … d (see
 * {@link TaylorRules}): the entries (in {@link ExpLog}, {@link Trigonometric}, {@link Hyperbolic})
 * build h and r in the stable forms of their numeric partials and solve {@code y'·h = r'} for y with
 * {@link #solve}; atan2 and hypot, whose recurrences are longer, are written here whole.
 * {@code 1 - a²} is {@code (1 - a)(1 + a)}, exact near ±1; before squaring, an argument is divided
 * by a power of two m near its size ({@code √(1 + a²) = m·√(m⁻² + (a/m)²)}), so neither {@code a²}
 * of a large value overflows nor that of a tiny one underflows. Powers of two divide exactly, so
 * this changes no digit where the plain forms were representable.
 */
final class InverseSeries {
    private InverseSeries() {}

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
    static void solve(double[] r, int ro, double[] h, int ho, double[] s, int y, int d, int from) {
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
    static void oneMinusSquare(double[] s, int a, double[] u, int d) {
        double a0 = s[a];
        u[0] = (1 - a0) * (1 + a0);
        for (int k = 1; k <= d; k++) {
            u[k] = -TaylorRules.cauchy(s, a, s, a, k, 0, k);
        }
    }

    /** Writes into {@code u} the series {@code c + t²}. */
    static void squarePlus(double[] t, double c, double[] u, int d) {
        for (int k = 0; k <= d; k++) {
            u[k] = TaylorRules.cauchy(t, 0, t, 0, k, 0, k);
        }
        u[0] += c;
    }

    /** Writes into {@code r} the root of {@code r² = u} whose value is {@code r0} (either sign). */
    static void sqrt(double[] u, double[] r, int d, double r0) {
        r[0] = r0;
        for (int k = 1; k <= d; k++) {
            r[k] = (u[k] - TaylorRules.cauchy(r, 0, r, 0, k, 1, k - 1)) / (2 * r0);
        }
    }

    /** Writes {@code s[a … a+n] / m} into {@code t[0 … n]}. */
    static void divide(double[] s, int a, double m, double[] t, int n) {
        for (int k = 0; k <= n; k++) {
            t[k] = s[a + k] / m;
        }
    }

    /** {@return the power of two at or just below {@code x > 0}}, or 1 where x is not finite */
    static double scale(double x) {
        return Double.isFinite(x) && x > 0 ? Math.scalb(1.0, Math.getExponent(x)) : 1;
    }
}
