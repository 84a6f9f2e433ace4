package dev.autodiff.core.internal.rules;

/**
 * Special functions in double precision, with the derivative forms the rule table needs: the
 * logistic sigmoid and softplus, the error function and its complement, log|Γ|, digamma, trigamma
 * and the polygamma functions. Static methods that allocate nothing, never recurse and never throw
 * for any argument (only a negative polygamma order is refused).
 *
 * <p>Accuracy (relative, measured against 50-digit values in the tests): sigmoid and softplus
 * within a few ulps; erf and erfc within 1e-15 on the whole line, erfc down to its underflow at
 * x ≈ 27.2; lgamma within 1e-14 (near its zeros 1 and 2 too; absolute near its negative zeros);
 * ψ⁽ⁿ⁾ within 1e-13 for n ≤ 20 on x > 0, including the root of ψ at 1.4616, and on x < 0 away from
 * the zeros of ψ⁽ⁿ⁾, where the error is a few ulps of the nearest pole's term. Each function costs
 * a few exponentials' worth: rational approximations or short series, a handful of branches;
 * ψ⁽ⁿ⁾ costs at most about 7 + n/2 powers.
 *
 * <p>Derivatives that are other functions of this class: softplus' = {@link #sigmoid},
 * softplus'' = {@link #sigmoidDerivative}, lgamma' = {@link #digamma}, lgamma'' = ψ' = {@link #trigamma},
 * ψ⁽ⁿ⁾' = {@code polygamma(n + 1, x)}.
 */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    /**
     * {@return the logistic function 1/(1 + e^-x)}, to about 1 ulp and never NaN for a number: for
     * x ≥ 0 as 1/(1 + e^-x), for x < 0 as e^x/(1 + e^x), so that e^-x never overflows. 0 at -∞, 1 at +∞.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * {@return σ'(x) = σ(x)·σ(-x)}, as e/(1 + e)² with e = e^-|x|: no cancellation (σ(1 - σ) would
     * lose everything for large x) and no overflow; 0 where it underflows (|x| ≳ 745).
     */
    public static double sigmoidDerivative(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        return e * r * r;
    }

    /**
     * {@return σ''(x) = σ'(x)·(1 - 2σ(x))}, with {@code 1 - 2σ(x) = σ(-x) - σ(x) = -tanh(x/2)} computed
     * to full relative accuracy near 0 too ({@code σ''(x) ≈ -x/8} there); 0 where it underflows.
     */
    public static double sigmoidSecond(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        return sigmoidDerivative(x) * oneMinusTwoSigmoid(x, e, r);
    }

    /**
     * Writes the value and partials of σ (or of softplus, when {@code softplus}) at {@code x} to
     * {@code out}, from one exponential {@code e = e^-|x|}: each to the bit what {@link #sigmoid},
     * {@link #softplus}, {@link #sigmoidDerivative} and {@link #sigmoidSecond} give, which compute
     * the same e on their own. σ'' (softplus's third derivative is not asked for) only when
     * {@code second}, NaN otherwise.
     */
    static void logistic(boolean softplus, double x, boolean second, Partials out) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        // as sigmoid: 1/(1 + e^-x) for x ≥ 0, e^x/(1 + e^x) below (and for NaN)
        double sigma = x >= 0 ? r : e / (1 + e);
        double derivative = e * r * r;
        if (softplus) {
            out.set(Math.max(x, 0) + Math.log1p(e), sigma, derivative);
        } else {
            out.set(sigma, derivative, second ? derivative * oneMinusTwoSigmoid(x, e, r) : Double.NaN);
        }
    }

    /**
     * {@return 1 - 2σ(x) = -tanh(x/2)} given e = e^-|x| and r = 1/(1 + e): as -sign(x)·(1 - e)·r, with
     * 1 - e taken from expm1 below |x| = 1, where e's own rounding would dominate the difference.
     */
    private static double oneMinusTwoSigmoid(double x, double e, double r) {
        double ax = Math.abs(x);
        double oneMinusE = ax < 1 ? -Math.expm1(-ax) : 1 - e;
        return -Math.copySign(oneMinusE * r, x);
    }

    /** {@return 1 - 2σ(x) = σ(-x) - σ(x)} to full relative accuracy, for the Taylor rules. */
    static double oneMinusTwoSigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return oneMinusTwoSigmoid(x, e, 1 / (1 + e));
    }

    /**
     * {@return softplus(x) = ln(1 + e^x)} as max(x, 0) + log1p(e^-|x|): exact to a few ulps, never
     * overflowing (softplus(800) = 800, softplus(-800) = 0, a correct underflow of e^-800). Its
     * derivative is {@link #sigmoid} and its second derivative {@link #sigmoidDerivative}.
     */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@return the error function erf(x) = 2/√π ∫₀ˣ e^(-t²) dt}, odd, ±1 beyond |x| = 6. */
    public static double erf(double x) {
        return ErrorFunction.erf(x);
    }

    /**
     * {@return the complementary error function erfc(x) = 1 - erf(x)}, to full relative accuracy in
     * the tail (erfc(26) ≈ 5.66e-296; 0 beyond 27.25, where it underflows), and 2 - erfc(-x) for x < 0.
     */
    public static double erfc(double x) {
        return ErrorFunction.erfc(x);
    }

    /** {@return erf'(x) = 2/√π·e^(-x²)}, with x² split exactly so that the tail keeps full accuracy. */
    public static double erfDerivative(double x) {
        return ErrorFunction.TWO_OVER_SQRT_PI * ErrorFunction.expMinusSquare(x);
    }

    /** {@return erf''(x) = -2x·erf'(x)}, 0 (not NaN) at ±∞. */
    public static double erfSecond(double x) {
        return erfSecond(x, erfDerivative(x));
    }

    /** {@return erf''(x) = -2x·erf'(x)} given {@code d = erf'(x)}, 0 (not NaN) at ±∞. */
    static double erfSecond(double x, double d) {
        return d == 0 ? 0 : -2 * x * d;
    }

    /** {@return erfc'(x) = -erf'(x)}. */
    public static double erfcDerivative(double x) {
        return -erfDerivative(x);
    }

    /** {@return erfc''(x) = 2x·erf'(x)}, 0 (not NaN) at ±∞. */
    public static double erfcSecond(double x) {
        return -erfSecond(x);
    }

    /**
     * {@return lgamma(x) = ln|Γ(x)|} for every real x: exactly 0 at 1 and 2, +∞ at 0, at the negative
     * integers and at ±∞ (as C99's lgamma), NaN for NaN; finite up to x ≈ 2.5e305.
     */
    public static double lgamma(double x) {
        return LogGamma.lgamma(x);
    }

    /**
     * {@return the digamma function ψ(x) = Γ'(x)/Γ(x)}, the derivative of {@link #lgamma}: relative
     * accuracy through its positive root x₀ ≈ 1.4616; NaN at its poles 0, -1, -2 … (whose one-sided
     * limits are +∞ and -∞) and at -∞; +∞ at +∞.
     */
    public static double digamma(double x) {
        return Polygamma.digamma(x);
    }

    /** {@return the trigamma function ψ'(x) = polygamma(1, x)}: positive, +∞ at the poles, 0 at +∞. */
    public static double trigamma(double x) {
        return Polygamma.overFactorial(1, 0, x);
    }

    /**
     * {@return the polygamma function ψ⁽ⁿ⁾(x)}, the n-th derivative of {@link #digamma} (n = 0 is ψ
     * itself). Where the value overflows (near the poles, or n! too large) the result is ±∞ with the
     * right sign, never NaN; at the poles 0, -1, -2 … it is +∞ for odd n (both one-sided limits) and
     * NaN for even n (limits of both signs); NaN at -∞, and ±0 at +∞. For n > 170, where n! overflows,
     * the value is still computed wherever it is representable.
     *
     * @throws IllegalArgumentException if n is negative or above 2000
     */
    public static double polygamma(int n, double x) {
        return checkOrder(n) == 0 ? digamma(x) : Polygamma.overFactorial(n, 0, x);
    }

    /**
     * {@return ψ⁽ⁿ⁾(x)/n!}, the polygamma function divided by n!, which is the n-th Taylor
     * coefficient of ψ at x and equals (-1)^(n+1) ζ(n+1, x) for n ≥ 1: computed without overflow
     * wherever it is representable, for n up to 2000 (ψ⁽¹⁰⁰⁰⁾(1)/1000! = ζ(1001) ≈ 1). Same poles as
     * {@link #polygamma}.
     *
     * @throws IllegalArgumentException if n is negative or above 2000
     */
    public static double scaledPolygamma(int n, double x) {
        return checkOrder(n) == 0 ? digamma(x) : Polygamma.overFactorial(n, n, x);
    }

    private static int checkOrder(int n) {
        if (n < 0 || n > Polygamma.MAX_ORDER) {
            throw new IllegalArgumentException("polygamma: expected an order n in [0, " + Polygamma.MAX_ORDER
                    + "], got " + n);
        }
        return n;
    }
}
