package dev.autodiff.core.internal.rules;

/**
 * The digamma function ψ and the polygamma functions ψ⁽ⁿ⁾, through the Hurwitz zeta function:
 * {@code ψ⁽ⁿ⁾(x) = (-1)^(n+1) n! ζ(n+1, x)} for n ≥ 1 (DLMF 25.11.12).
 *
 * <p><b>Digamma.</b> For x ≥ 10 the asymptotic series DLMF 5.11.2,
 * {@code ψ(x) = ln x - 1/(2x) - Σ_{j=1}^{9} B_{2j}/(2j x^{2j})} (truncation below 4e-18); below 10 the
 * recurrence ψ(x) = ψ(x + 1) - 1/x (DLMF 5.5.2) up to 10. Near the positive root x₀ = 1.4616…
 * the recurrence cancels (ψ(x₀) = 0), so within 0.1 of x₀ a Taylor series in powers of
 * (x - x₀) is used, with coefficients ψ⁽ᵏ⁾(x₀)/k! (16 terms, ratio 0.1/x₀) and x₀ in two doubles:
 * relative accuracy holds through the root. For x ≤ 0 the reflection formula DLMF 5.5.4,
 * {@code ψ(x) = ψ(1 - x) - π cot πx}.
 *
 * <p><b>Hurwitz zeta.</b> For x > 0, {@code ζ(s, x) = Σ_{k<N} (x+k)^-s + T(x+N)} with the
 * Euler–Maclaurin tail (DLMF 2.10.1, 25.11.5)
 * {@code T(y) = y^(1-s)/(s-1) + y^-s/2 + Σ_j B_{2j}/(2j)! · s(s+1)…(s+2j-2) · y^(-s-2j+1)}. The sum
 * stops early once the remaining terms, below y^(1-s)/(s-1), are negligible (large s), and
 * otherwise at y ≥ 7 + s/2, from where at most 20 terms of the tail are below 2^-57 relative (checked
 * for s up to 1101 with 30-digit arithmetic). Every term is positive: no cancellation. To stay
 * representable for large s, every power is taken of {@code y/2^e} with {@code 2^e ≈ x}, and the
 * factor {@code 2^-es}, like n!, is applied once at the end by exponent arithmetic: the scaled
 * quantity ψ⁽ⁿ⁾(x)/n! is computed without overflow wherever it is representable, for n up to 2000.
 *
 * <p>For x < 0 (not an integer) and n ≥ 1, with u = x - ⌊x⌋ and σ = (-1)^s, the reflection
 * {@code ζ(s, x) = ζ(s, u) + σ·ζ(s, 1 - u) - σ·ζ(s, 1 - x)} (the first two terms sum over the whole
 * lattice x + ℤ, the last removes the points left of x); on (-1, 0), {@code ζ(s, x) = x^-s + ζ(s, 1 + x)}.
 * For even n these terms have both signs, and relative accuracy is lost near the zeros of ψ⁽ⁿ⁾ there,
 * as it is for ψ near its negative roots: the error is then a few ulps of the largest term.
 */
final class Polygamma {
    /** B_{2j}/(2j), j = 1 … 9: the asymptotic series of ψ in powers of 1/x². */
    private static final double[] ASYMPTOTIC = {
        0.08333333333333333, -0.008333333333333333, 0.003968253968253968, -0.004166666666666667,
        0.007575757575757576, -0.021092796092796094, 0.08333333333333333, -0.4432598039215686,
        3.0539543302701198};

    /** B_{2j}/(2j)!, j = 1 … 20: the Euler–Maclaurin tail. */
    private static final double[] EULER_MACLAURIN = {
        0.08333333333333333, -0.001388888888888889, 3.306878306878307e-05, -8.267195767195768e-07,
        2.08767569878681e-08, -5.284190138687493e-10, 1.3382536530684679e-11, -3.3896802963225827e-13,
        8.586062056277845e-15, -2.174868698558062e-16, 5.5090028283602295e-18, -1.3954464685812522e-19,
        3.534707039629467e-21, -8.953517427037546e-23, 2.267952452337683e-24, -5.744790668872202e-26,
        1.455172475614865e-27, -3.6859949406653103e-29, 9.336734257095045e-31, -2.36502241570063e-32};

    /** The positive root of ψ, x₀ = 1.46163214496836234126…, as the sum of two doubles. */
    private static final double ROOT_HI = 1.4616321449683622;
    private static final double ROOT_LO = 9.549995429965697e-17;
    /** ψ⁽ᵏ⁾(x₀)/k!, k = 1 … 16. */
    private static final double[] AROUND_ROOT = {
        0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652,
        0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
        0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.007204534386356869,
        0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972};
    private static final double ROOT_WINDOW = 0.1;

    /** π²/3, the second term of π cot πr = 1/r - π²r/3 - π⁴r³/45 … */
    private static final double PI_SQUARED_OVER_3 = 3.289868133696453;
    /** 2^-57: a sum has converged once what is left is below this fraction of it. */
    private static final double NEGLIGIBLE = 0x1p-57;
    /** Below 2^-511, x^-s overflows for every s ≥ 2. */
    private static final double TINY = 0x1p-511;
    /** The largest order whose scaled value {@code ψ⁽ⁿ⁾/n!} is computed without underflow of x^-s/2^es. */
    static final int MAX_ORDER = 2000;

    private Polygamma() {}

    static double digamma(double x) {
        if (x > 0) {
            return positive(x);
        }
        if (x == Math.rint(x)) {
            return Double.NaN; // poles (one-sided limits ±∞) and -∞; NaN stays NaN below
        }
        return positive(1 - x) - piCotPi(x);
    }

    /** ψ(x) for x > 0. */
    private static double positive(double x) {
        if (Math.abs(x - ROOT_HI) < ROOT_WINDOW) {
            double z = (x - ROOT_HI) - ROOT_LO; // x - ROOT_HI is exact (Sterbenz)
            return z * ErrorFunction.polynomial(AROUND_ROOT, z);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        double sum = 0;
        while (x < 10) {
            sum -= 1 / x;
            x += 1;
        }
        double r = 1 / x;
        double r2 = r * r;
        return sum + Math.log(x) - 0.5 * r - r2 * ErrorFunction.polynomial(ASYMPTOTIC, r2);
    }

    /** {@return π·cot(πx)} for finite non-integer x, reduced exactly to r = x - rint(x) in [-1/2, 1/2]. */
    static double piCotPi(double x) {
        double r = x - Math.rint(x);
        double ar = Math.abs(r);
        if (ar < 0x1p-30) {
            // π·r would lose bits for subnormal r; the next term, π⁴r³/45, is below 2^-120 relative
            return 1 / r - PI_SQUARED_OVER_3 * r;
        }
        double cos = Math.sin(Math.PI * (0.5 - ar)); // cos πr, exactly 0 at r = ±1/2
        return Math.PI * cos / Math.sin(Math.PI * r);
    }

    /**
     * {@return ψ⁽ᵐᵒʳᵈᵉʳ⁾(x)/m!} for {@code 1 ≤ order}, {@code 0 ≤ m ≤ order}: the polygamma function at
     * m = 0, its scaled form ψ⁽ⁿ⁾(x)/n! at m = order, and the Taylor coefficients of ψ⁽ⁿ⁾ between
     * (order = n + m). Poles: +∞ for odd order (both one-sided limits), NaN for even order; -∞ gives NaN.
     */
    static double overFactorial(int order, int m, double x) {
        double sign = (order & 1) == 1 ? 1 : -1; // (-1)^(order+1)
        if (x == Double.POSITIVE_INFINITY) {
            return sign * 0.0;
        }
        if (x <= 0 && x == Math.rint(x)) {
            return (order & 1) == 1 && x != Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        // order!/m! as mantissa·2^exponent
        double factor = 1;
        long exponent = 0;
        for (int i = m + 1; i <= order; i++) {
            factor *= i;
            if (factor > 0x1p500) {
                int g = Math.getExponent(factor);
                factor = Math.scalb(factor, -g);
                exponent += g;
            }
        }
        int s = order + 1;
        if (x > 0) {
            if (x < TINY) {
                return sign * Double.POSITIVE_INFINITY;
            }
            int e = scaleExponent(x);
            return sign * scaledProduct(hurwitzMantissa(s, x, e), factor, exponent - (long) e * s);
        }
        if (x < 0) {
            return sign * scaledProduct(zetaNegative(s, x), factor, exponent);
        }
        return x; // NaN
    }

    /** ζ(s, x) for x > 0 as a plain double (0 or ∞ where it underflows or overflows). */
    private static double zeta(int s, double x) {
        if (x < TINY) {
            return Double.POSITIVE_INFINITY;
        }
        int e = scaleExponent(x);
        return scaledProduct(hurwitzMantissa(s, x, e), 1, -(long) e * s);
    }

    /** ζ(s, x) = Σ_{k≥0} (x+k)^-s for negative non-integer x, by reflection onto positive arguments. */
    private static double zetaNegative(int s, double x) {
        boolean odd = (s & 1) == 1;
        double sigma = odd ? -1 : 1;
        if (x > -1) {
            if (x == -0.5 && odd) {
                return zeta(s, 1.5); // (-1/2)^-s and (1/2)^-s cancel exactly, also where they overflow
            }
            double near = Math.pow(x, -s);
            double far = zeta(s, 1 + x);
            return finite(near + far, Math.abs(x) < 1 + x ? near : far);
        }
        double u = x - Math.floor(x); // exact
        double lattice;
        if (u == 0.5 && odd) {
            lattice = 0; // the whole-lattice sum is odd about every half-integer
        } else {
            double left = zeta(s, u);
            double right = sigma * zeta(s, 1 - u);
            lattice = finite(left + right, u < 0.5 ? left : right);
        }
        return lattice - sigma * zeta(s, 1 - x);
    }

    /** {@return sum}, or the dominant term where the sum is ∞ - ∞ (both terms overflowed). */
    private static double finite(double sum, double dominant) {
        return Double.isNaN(sum) ? dominant : sum;
    }

    /** {@return e} with x/2^e in [0.7, 1.42): powers of x/2^e stay representable up to s ≈ 2000. */
    private static int scaleExponent(double x) {
        return Math.getExponent(x * 1.4142135623730951);
    }

    /**
     * {@return 2^(e·s)·ζ(s, x)} for normal x > 0 and integer s ≥ 2: the direct sum, then the
     * Euler–Maclaurin tail, every power taken of y/2^e.
     */
    private static double hurwitzMantissa(int s, double x, int e) {
        double start = 7 + 0.5 * s;
        double sum = 0;
        double y = x;
        for (int k = 1; y < start; k++) {
            double t = power(Math.scalb(y, -e), s);
            sum += t;
            // Σ_{j≥1} (y+j)^-s < ∫_y^∞ t^-s dt = y·y^-s/(s-1): the rest no longer counts
            if (t * y <= NEGLIGIBLE * (s - 1) * sum) {
                return sum;
            }
            y = x + k; // one rounding, not k accumulated ones
        }
        double t = power(Math.scalb(y, -e), s);
        double r = 1 / y;
        double r2 = r * r;
        double tail = y / (s - 1) + 0.5;
        double rising = s * r; // s(s+1)…(s+2j-2)/y^(2j-1)
        for (int j = 0; j < EULER_MACLAURIN.length; j++) {
            double term = EULER_MACLAURIN[j] * rising;
            tail += term;
            if (Math.abs(term) <= NEGLIGIBLE * tail) {
                break;
            }
            rising *= (s + 2.0 * j + 1) * (s + 2.0 * j + 2) * r2;
        }
        return sum + t * tail;
    }

    /** {@return m^-s}; for s = 2 by two correctly rounded operations, otherwise by Math.pow (≤ 1 ulp). */
    private static double power(double m, int s) {
        return s == 2 ? 1 / (m * m) : Math.pow(m, -s);
    }

    /** {@return a·b·2^exponent} with one rounding, whatever the sizes of a, b and 2^exponent. */
    static double scaledProduct(double a, double b, long exponent) {
        if (a == 0 || b == 0 || !Double.isFinite(a) || !Double.isFinite(b)) {
            return a * b;
        }
        int ga = Math.getExponent(a);
        int gb = Math.getExponent(b);
        double p = Math.scalb(a, -ga) * Math.scalb(b, -gb);
        long total = Math.max(-4000, Math.min(4000, exponent + ga + gb));
        return Math.scalb(p, (int) total);
    }
}
