package dev.autodiff.core.internal.rules;

/**
 * The Taylor rules of powers, coefficients {@code from} … d (see {@link TaylorRules}): {@code a^b},
 * {@code a^p} for a constant p, and the cube root. Each returns whether it divided by an exactly
 * zero base, where the coefficients are the function's own infinities, not an overflow.
 */
final class PowerSeries {
    private PowerSeries() {}

    /**
     * {@code a^b} as {@code exp(b·ln a)}. An exponent that does not move, or a base of exactly 0, is
     * the constant power {@code a^b₀}, which never takes {@code ln a}: the convention of
     * {@link dev.autodiff.core.Primitive#POW} that every term with {@code ln a} is 0 at {@code a = 0}.
     */
    static boolean pow(double[] s, int a, int b, int y, int d, int from, TaylorRules.Scratch w) {
        double a0 = s[a];
        if (a0 == 0 || TaylorRules.still(s, b, d)) {
            return powConst(s, a, y, d, from, s[b], w);
        }
        double[] log = w.h;
        double[] t = w.g;
        log[0] = Math.log(a0);
        for (int k = 1; k <= d; k++) {
            log[k] = (k * s[a + k] - TaylorRules.jsum(log, 0, s, a, k, 1, k - 1)) / (k * a0);
        }
        t[0] = 0; // y' = y·(b·ln a)', so only t's higher coefficients enter
        for (int k = 1; k <= d; k++) {
            t[k] = TaylorRules.cauchy(s, b, log, 0, k, 0, k);
        }
        for (int k = from; k <= d; k++) {
            s[y + k] = TaylorRules.chain(t, 0, s, y, k);
        }
        return false;
    }

    /** {@code a^p}: exact products for whole powers, otherwise {@link #power}. */
    static boolean powConst(double[] s, int a, int y, int d, int from, double p, TaylorRules.Scratch w) {
        if (p == 0 || p == 1) {
            // the conventions: derivative 0 for p = 0 and 1 for p = 1, at every base
            for (int k = from; k <= d; k++) {
                s[y + k] = p == 0 ? 0 : s[a + k];
            }
            return false;
        }
        if (p > 0 && p == Math.rint(p) && (p <= 64 || s[a] == 0)) {
            // products are stable; the recurrence divides by A(0) and loses accuracy as
            // (A(1)/A(0))^k when A(0) is small, as for cos²x near π/2
            integerPower(s, a, y, d, from, p, w);
            return false;
        }
        return power(s, a, y, d, from, p);
    }

    /**
     * {@code a^r} by {@code a·y' = r·y·a'}:
     * {@code Y(k) = Σ_{j<k} (r(k-j) - j)·A(k-j)·Y(j) / (k·A(0))}; singular where {@code A(0) = 0}.
     */
    static boolean power(double[] s, int a, int y, int d, int from, double r) {
        double a0 = s[a];
        for (int k = from; k <= d; k++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += (r * (k - j) - j) * s[a + k - j] * s[y + j];
            }
            if (sum != sum) {
                sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += (r * (k - j) - j) * Partials.times(s[a + k - j], s[y + j]);
                }
            }
            s[y + k] = sum / (k * a0);
        }
        return a0 == 0;
    }

    /** {@code a^n} for a whole {@code n = p} by repeated squaring of the series, O(d² log n). */
    private static void integerPower(double[] s, int a, int y, int d, int from, double p, TaylorRules.Scratch w) {
        if (s[a] == 0 && p > d) {
            // with A(0) = 0, a^n has no terms below order n
            java.util.Arrays.fill(s, y + from, y + d + 1, 0);
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
        System.arraycopy(result, from, s, y + from, d + 1 - from);
    }

    private static void multiply(double[] x, double[] z, double[] out, int d) {
        for (int k = 0; k <= d; k++) {
            out[k] = TaylorRules.cauchy(x, 0, z, 0, k, 0, k);
        }
    }
}
