package dev.autodiff.core.internal.rules;

/**
 * log|Γ(x)| for every real x, from three expansions chosen by range so that no step cancels:
 *
 * <ul>
 *   <li>around 2, the power series DLMF 5.7.3 shifted by one:
 *       {@code lnΓ(2 + z) = (1 - γ)z + Σ_{k≥2} (-1)^k (ζ(k) - 1)/k · z^k}, used for |z| ≤ 1/2, where
 *       28 terms leave a truncation below 1e-18; near 1 by {@code lnΓ(1 + z) = lnΓ(2 + z) - ln(1 + z)},
 *       and below 1/2 by {@code lnΓ(x) = lnΓ(1 + x) - ln|x|}, which also covers (-1/2, 0). Both zeros,
 *       lgamma(1) = lgamma(2) = 0, come out exactly and nearby values to full relative accuracy;</li>
 *   <li>on [5/2, 10), the recurrence Γ(x) = (x-1)(x-2)…(x-n)·Γ(x-n) down to [3/2, 5/2): the
 *       product's factors are exact and every term of the sum is positive;</li>
 *   <li>from 10 on, Stirling's series DLMF 5.11.1,
 *       {@code (x - ½)ln x - x + ½ln 2π + Σ_{j=1}^{9} B_{2j}/(2j(2j-1)x^{2j-1})}, truncated below 1e-18;
 *       written {@code x(ln x - 1) - ½ln x} so that it stays finite wherever lgamma is (to 2.5e305);</li>
 *   <li>below -1/2, the reflection formula DLMF 5.5.3,
 *       {@code ln|Γ(x)| = ln(π/|sin πx|) - lnΓ(1 - x)}, with sin πx reduced exactly.</li>
 * </ul>
 *
 * <p>The coefficients are ζ(k) - 1, γ and Bernoulli numbers, computed to 60 digits and rounded.
 */
final class LogGamma {
    /** Coefficient k of lnΓ(2 + z), k = 1 … 28: 1 - γ, then (-1)^k (ζ(k) - 1)/k. */
    private static final double[] AROUND_TWO = {
        0.42278433509846713, 0.3224670334241132, -0.0673523010531981, 0.020580808427784546,
        -0.007385551028673986, 0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425,
        -0.00022315475845357939, 9.945751278180853e-05, -4.492623673813314e-05, 2.050721277567069e-05,
        -9.439488275268397e-06, 4.374866789907488e-06, -2.039215753801366e-06, 9.55141213040742e-07,
        -4.492469198764566e-07, 2.1207184805554665e-07, -1.0043224823968099e-07, 4.7698101693639804e-08,
        -2.2711094608943164e-08, 1.0838659214896955e-08, -5.183475041970047e-09, 2.4836745438024785e-09,
        -1.1921401405860912e-09, 5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10};

    /** B_{2j}/(2j(2j-1)), j = 1 … 9: Stirling's series in powers of 1/x². */
    private static final double[] STIRLING = {
        0.08333333333333333, -0.002777777777777778, 0.0007936507936507937, -0.0005952380952380953,
        0.0008417508417508417, -0.0019175269175269176, 0.00641025641025641, -0.029550653594771242,
        0.17964437236883057};

    /** ½ ln 2π. */
    private static final double HALF_LN_TWO_PI = 0.9189385332046728;

    private LogGamma() {}

    static double lgamma(double x) {
        double ax = Math.abs(x);
        if (ax < 0.5) {
            // lnΓ(x) = lnΓ(2 + x) - ln(1 + x) - ln|x|; at ±0 the last term is +∞
            return aroundTwo(x) - Math.log1p(x) - Math.log(ax);
        }
        if (x > 0) {
            return positive(x);
        }
        if (x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY; // the poles 0, -1, -2 …, every x below -2^52, and -∞ (as C99)
        }
        if (x < 0) {
            return Math.log(Math.PI / Math.abs(sinPi(x))) - positive(1 - x);
        }
        return x; // NaN
    }

    /** lnΓ(x) for x ≥ 1/2. */
    private static double positive(double x) {
        if (x < 1.5) {
            double z = x - 1; // exact
            return aroundTwo(z) - Math.log1p(z);
        }
        if (x < 2.5) {
            return aroundTwo(x - 2);
        }
        if (x < 10) {
            double product = 1;
            while (x >= 2.5) {
                x -= 1; // exact: the difference needs no bit below x's last
                product *= x;
            }
            return aroundTwo(x - 2) + Math.log(product);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        double lx = Math.log(x);
        double r = 1 / x;
        double correction = ErrorFunction.polynomial(STIRLING, r * r) * r;
        return x * (lx - 1) - 0.5 * lx + HALF_LN_TWO_PI + correction;
    }

    /** {@return lnΓ(2 + z)} for |z| ≤ 1/2, exactly 0 at z = 0. */
    private static double aroundTwo(double z) {
        return z * ErrorFunction.polynomial(AROUND_TWO, z);
    }

    /**
     * {@return sin(πx)} for finite x, reduced exactly: {@code x - 2·rint(x/2)} and the reflection
     * about ±1/2 lose no bit, so the only roundings are those of π·r and of the sine.
     */
    static double sinPi(double x) {
        double r = x - 2 * Math.rint(0.5 * x); // in [-1, 1]
        if (r > 0.5) {
            r = 1 - r;
        } else if (r < -0.5) {
            r = -1 - r;
        }
        return Math.sin(Math.PI * r);
    }
}
