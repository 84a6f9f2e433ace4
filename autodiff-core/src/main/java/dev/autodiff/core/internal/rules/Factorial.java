package dev.autodiff.core.internal.rules;

/**
 * The factorials 0!, 1!, 2!, … in turn, without overflow: {@code k!} is held as a double-double
 * mantissa {@code hi + lo} in [1, 2) and a binary exponent, so {@code 1000!} (about 10²⁵⁶⁷) is as
 * exact as {@code 5!}: each step's product is split exactly by a fused multiply-add, leaving a
 * relative error near 2⁻¹⁰⁶ per step.
 *
 * <p>Taylor mode multiplies or divides by {@code k!} to turn normalized coefficients
 * {@code f^(k)/k!} into derivatives and back; done as {@code x·k!·2^shift} here, the result rounds
 * once and is ±∞ or 0 only where the true value overflows or underflows double. Mutable, for one
 * thread.
 */
public final class Factorial {
    private double hi = 1;
    private double lo;
    private int exponent;
    private int k;

    /** {@return the k of the factorial held, 0 at first} */
    public int k() {
        return k;
    }

    /** Advances from {@code k!} to {@code (k+1)!}. */
    public void next() {
        k++;
        double p = hi * k;
        double err = Math.fma(hi, k, -p);
        double low = Math.fma(lo, k, err);
        double sum = p + low;
        lo = low - (sum - p);
        hi = sum;
        int e = Math.getExponent(hi);
        hi = Math.scalb(hi, -e);
        lo = Math.scalb(lo, -e);
        exponent += e;
    }

    /** {@return {@code x · k! · 2^shift}}, rounded once; non-finite {@code x} stays as it is. */
    public double times(double x, int shift) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e); // in [1, 2), or beyond for a subnormal x: still exact
        return Math.scalb(Math.fma(m, hi, m * lo), saturate((long) e + exponent + shift));
    }

    /** {@return {@code x / k!}}, rounded once; non-finite {@code x} stays as it is. */
    public double divide(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        // m / (hi + lo) to double precision: one correction step of the quotient
        double quotient = m / hi;
        double residual = Math.fma(-quotient, hi, m) - quotient * lo;
        return Math.scalb(quotient + residual / hi, saturate((long) e - exponent));
    }

    private static int saturate(long shift) {
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, shift));
    }
}
