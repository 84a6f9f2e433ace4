package dev.autodiff.core.internal.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An independent oracle: the special functions in {@link BigDecimal} arithmetic with 60 or more
 * digits, by methods other than the implementation's where there is a choice (convergent series
 * evaluated to full precision, recurrences taken far out, exact Bernoulli numbers), so that its
 * values are correct to far more digits than a double holds. Slow; for tests only.
 */
public final class HighPrecision {
    static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final int BERNOULLI_COUNT = 80;
    private static final BigDecimal[] BERNOULLI = bernoulli(BERNOULLI_COUNT);

    private HighPrecision() {}

    static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    /** {@return π} by Machin's formula 16·atan(1/5) - 4·atan(1/239). */
    static BigDecimal pi(MathContext mc) {
        MathContext w = new MathContext(mc.getPrecision() + 10);
        return atanInverse(5, w).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239, w).multiply(BigDecimal.valueOf(4)))
                .round(mc);
    }

    private static BigDecimal atanInverse(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal power = x;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int k = 0; power.compareTo(eps) > 0; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = (k % 2 == 0) ? sum.add(term, mc) : sum.subtract(term, mc);
            power = power.multiply(x2, mc);
        }
        return sum;
    }

    /** {@return e^x} by halving until |x| < 1/2, the Taylor series, and squaring back. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        int halvings = Math.max(0, (int) Math.ceil(Math.log(Math.abs(x.doubleValue()) + 1e-300) / Math.log(2)) + 2);
        MathContext w = new MathContext(mc.getPrecision() + halvings / 3 + 10);
        BigDecimal r = x.divide(TWO.pow(halvings), w);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 10_000; k++) {
            term = term.multiply(r, w).divide(BigDecimal.valueOf(k), w);
            sum = sum.add(term, w);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(w.getPrecision() + 2)) < 0) {
                break;
            }
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, w);
        }
        return sum.round(mc);
    }

    /** {@return ln x} for x > 0: x = m·2^k with m in [1/2, 1), ln m = 2 atanh((m-1)/(m+1)), ln 2 = 2 atanh(1/3). */
    static BigDecimal ln(BigDecimal x, MathContext mc) {
        MathContext w = new MathContext(mc.getPrecision() + 10);
        int k = x.toBigInteger().bitLength(); // a power of two near x, exact at any size
        if (x.compareTo(BigDecimal.ONE) < 0) {
            k = -BigDecimal.ONE.divide(x, w).toBigInteger().bitLength();
        }
        BigDecimal m = k >= 0 ? x.divide(TWO.pow(k), w) : x.multiply(TWO.pow(-k), w);
        BigDecimal lnM = atanhTwice(m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), w), w);
        BigDecimal ln2 = atanhTwice(BigDecimal.ONE.divide(BigDecimal.valueOf(3), w), w);
        return lnM.add(ln2.multiply(BigDecimal.valueOf(k), w), w).round(mc);
    }

    private static BigDecimal atanhTwice(BigDecimal t, MathContext w) {
        BigDecimal t2 = t.multiply(t, w);
        BigDecimal power = t;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 100_000; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), w);
            sum = sum.add(term, w);
            if (term.signum() == 0 || term.abs().compareTo(BigDecimal.ONE.movePointLeft(w.getPrecision() + 2)) < 0) {
                break;
            }
            power = power.multiply(t2, w);
        }
        return sum.multiply(TWO, w);
    }

    /** {@return sin(πx)} by reduction to |r| ≤ 1/2 (exact in decimal) and the Taylor series. */
    static BigDecimal sinPi(BigDecimal x, MathContext mc) {
        MathContext w = new MathContext(mc.getPrecision() + 10);
        BigDecimal n = x.setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = x.subtract(n);
        BigDecimal sign = n.toBigInteger().testBit(0) ? BigDecimal.ONE.negate() : BigDecimal.ONE;
        BigDecimal z = r.multiply(pi(w), w);
        BigDecimal z2 = z.multiply(z, w);
        BigDecimal term = z;
        BigDecimal sum = z;
        for (int k = 1; k < 1000 && term.signum() != 0; k++) {
            term = term.multiply(z2, w).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), w).negate();
            sum = sum.add(term, w);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(w.getPrecision() + 5)) < 0) {
                break;
            }
        }
        return sum.multiply(sign).round(mc);
    }

    /**
     * {@return erf(x)} by the series of positive terms DLMF 7.6.2,
     * {@code erf x = 2/√π e^(-x²) Σ 2^n x^(2n+1)/(1·3·…·(2n+1))}, with enough digits that
     * 1 - erf(x) keeps 40 significant digits (the tail needs x²/ln 10 more).
     */
    public static BigDecimal erf(double x, int digits) {
        if (x == 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = new MathContext(digits + (int) (x * x / Math.log(10)) + 20);
        BigDecimal bx = big(Math.abs(x));
        BigDecimal x2 = bx.multiply(bx, w);
        BigDecimal term = bx;
        BigDecimal sum = bx;
        for (int n = 1; n < 1_000_000; n++) {
            term = term.multiply(x2, w).multiply(TWO).divide(BigDecimal.valueOf(2L * n + 1), w);
            sum = sum.add(term, w);
            if (n > x * x && term.compareTo(sum.movePointLeft(w.getPrecision() + 2)) < 0) {
                break;
            }
        }
        BigDecimal r = sum.multiply(exp(x2.negate(), w), w).multiply(TWO, w).divide(pi(w).sqrt(w), w);
        return x < 0 ? r.negate() : r;
    }

    /** {@return erfc(x) = 1 - erf(x)}, to 40 significant digits even in the far tail. */
    public static BigDecimal erfc(double x) {
        return BigDecimal.ONE.subtract(erf(x, 45), new MathContext(50 + (int) (x * x / Math.log(10)) + 20)).round(MC);
    }

    /**
     * {@return ln Γ(x)} for x > 0: Stirling's series at y = x + N ≥ 60 with 40 exact Bernoulli terms
     * (error below 1e-90), then {@code ln Γ(x) = ln Γ(y) - ln(x(x+1)…(y-1))}.
     */
    public static BigDecimal lgamma(double x) {
        MathContext w = new MathContext(90);
        BigDecimal bx = big(x);
        BigDecimal product = BigDecimal.ONE;
        BigDecimal y = bx;
        while (y.compareTo(BigDecimal.valueOf(60)) < 0) {
            product = product.multiply(y, w);
            y = y.add(BigDecimal.ONE);
        }
        BigDecimal lny = ln(y, w);
        BigDecimal s = y.subtract(new BigDecimal("0.5")).multiply(lny, w).subtract(y)
                .add(ln(pi(w).multiply(TWO), w).divide(TWO, w));
        BigDecimal inv = BigDecimal.ONE.divide(y, w);
        BigDecimal inv2 = inv.multiply(inv, w);
        BigDecimal power = inv;
        for (int j = 1; j <= 40; j++) {
            s = s.add(BERNOULLI[2 * j].multiply(power, w).divide(BigDecimal.valueOf((2L * j) * (2L * j - 1)), w), w);
            power = power.multiply(inv2, w);
        }
        return s.subtract(ln(product, w), w).round(MC);
    }

    /** {@return ψ(x)} for any non-pole x: the recurrence out to y ≥ 60, then the asymptotic series. */
    public static BigDecimal digamma(double x) {
        MathContext w = new MathContext(90);
        BigDecimal y = big(x);
        BigDecimal sum = BigDecimal.ZERO;
        while (y.compareTo(BigDecimal.valueOf(60)) < 0) {
            sum = sum.subtract(BigDecimal.ONE.divide(y, w), w);
            y = y.add(BigDecimal.ONE);
        }
        BigDecimal inv = BigDecimal.ONE.divide(y, w);
        BigDecimal inv2 = inv.multiply(inv, w);
        BigDecimal s = ln(y, w).subtract(inv.divide(TWO, w), w);
        BigDecimal power = inv2;
        for (int j = 1; j <= 40; j++) {
            s = s.subtract(BERNOULLI[2 * j].multiply(power, w).divide(BigDecimal.valueOf(2L * j), w), w);
            power = power.multiply(inv2, w);
        }
        return s.add(sum, w).round(MC);
    }

    /**
     * {@return ζ(s, x) = Σ_{k≥0} (x+k)^-s} for any non-pole x and s ≥ 2: the sum out to y ≥ s + 60,
     * then the Euler–Maclaurin tail with 40 exact Bernoulli terms (each term's ratio to the last
     * below (s + 80)²/(2πy)² ≤ 0.4 at the end).
     */
    public static BigDecimal hurwitz(int s, double x) {
        MathContext w = new MathContext(80);
        BigDecimal y = big(x);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal start = BigDecimal.valueOf(s + 60L);
        while (y.compareTo(start) < 0) {
            sum = sum.add(BigDecimal.ONE.divide(y.pow(s, w), w), w);
            y = y.add(BigDecimal.ONE);
        }
        BigDecimal ys = BigDecimal.ONE.divide(y.pow(s, w), w); // y^-s
        BigDecimal tail = y.divide(BigDecimal.valueOf(s - 1L), w).add(new BigDecimal("0.5"));
        BigDecimal inv = BigDecimal.ONE.divide(y, w);
        BigDecimal rising = BigDecimal.valueOf(s).multiply(inv, w);
        BigDecimal factorial = TWO; // (2j)!
        for (int j = 1; j <= 40; j++) {
            tail = tail.add(BERNOULLI[2 * j].multiply(rising, w).divide(factorial, w), w);
            rising = rising.multiply(BigDecimal.valueOf((s + 2L * j - 1) * (s + 2L * j)), w).multiply(inv, w).multiply(inv, w);
            factorial = factorial.multiply(BigDecimal.valueOf((2L * j + 1) * (2L * j + 2)));
        }
        return sum.add(ys.multiply(tail, w), w).round(MC);
    }

    /** {@return n!} exactly. */
    public static BigDecimal factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return new BigDecimal(f);
    }

    /** {@return the relative difference |actual - expected|/|expected|}, 0 when both are 0. */
    static double relative(double actual, BigDecimal expected) {
        if (expected.signum() == 0) {
            return actual == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return big(actual).subtract(expected).divide(expected, MathContext.DECIMAL64).abs().doubleValue();
    }

    /** B_0 … B_{n}, exact rationals (B_m = -1/(m+1) Σ_{k<m} C(m+1, k) B_k) rounded to 100 digits. */
    private static BigDecimal[] bernoulli(int n) {
        BigInteger[] num = new BigInteger[n + 1];
        BigInteger[] den = new BigInteger[n + 1];
        num[0] = BigInteger.ONE;
        den[0] = BigInteger.ONE;
        for (int m = 1; m <= n; m++) {
            BigInteger sn = BigInteger.ZERO;
            BigInteger sd = BigInteger.ONE;
            BigInteger binomial = BigInteger.ONE; // C(m+1, k)
            for (int k = 0; k < m; k++) {
                // sn/sd += binomial·num[k]/den[k]
                sn = sn.multiply(den[k]).add(binomial.multiply(num[k]).multiply(sd));
                sd = sd.multiply(den[k]);
                BigInteger g = sn.gcd(sd);
                if (g.signum() != 0) {
                    sn = sn.divide(g);
                    sd = sd.divide(g);
                }
                binomial = binomial.multiply(BigInteger.valueOf(m + 1 - k)).divide(BigInteger.valueOf(k + 1));
            }
            num[m] = sn.negate();
            den[m] = sd.multiply(BigInteger.valueOf(m + 1));
            BigInteger g = num[m].gcd(den[m]);
            if (g.signum() != 0 && !g.equals(BigInteger.ZERO)) {
                num[m] = num[m].divide(g);
                den[m] = den[m].divide(g);
            }
        }
        BigDecimal[] b = new BigDecimal[n + 1];
        MathContext mc = new MathContext(100);
        for (int m = 0; m <= n; m++) {
            b[m] = new BigDecimal(num[m]).divide(new BigDecimal(den[m]), mc);
        }
        return b;
    }
}
