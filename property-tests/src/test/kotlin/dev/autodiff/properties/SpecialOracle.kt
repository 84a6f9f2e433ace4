package dev.autodiff.properties

import org.hipparchus.special.Erf
import org.hipparchus.special.Gamma
import kotlin.math.abs
import kotlin.math.ceil
import kotlin.math.cosh
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.ln1p
import kotlin.math.max
import kotlin.math.pow

/**
 * The special functions written in the test, independent of core's: the logistic functions from
 * their definitions, erf, erfc and log Γ from Hipparchus, and digamma and polygamma from a
 * recurrence and an asymptotic series of their own (Hipparchus' digamma is off by about 3e-9 below
 * x = 49, too far for an oracle).
 *
 * Each value comes with its [Value.magnitude]: the sum of the absolute values of the terms it was
 * summed from. Rounding errs by a few units of that, not of the value, where the terms cancel (ψ
 * near its root 1.46, or on x < 0), so error bounds use it ([Reference.evaluate]).
 */
object SpecialOracle {
    /** A value and the absolute scale of the sum it came from. */
    class Value(val value: Double, val magnitude: Double)

    /** The shifted argument from which the asymptotic series is used: the first term the series omits is below 1e-20 of the sum for n ≤ 20. */
    private const val ASYMPTOTIC_FROM = 30.0

    /** B₂ … B₂₀, the Bernoulli numbers. */
    private val BERNOULLI = doubleArrayOf(
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798,
        -174611.0 / 330,
    )

    /**
     * The logistic function 1/(1 + e^-a) as `e^(a/2) / (2 cosh(a/2))` (the numerator and denominator
     * multiplied by e^(a/2)), which neither cancels nor overflows for |a| ≤ 1400; by the plain
     * definition beyond, where it is 0 or 1 to double precision anyway.
     */
    fun sigmoid(a: Double): Double = when {
        a > 1400 -> 1.0
        a < -1400 -> exp(a)
        else -> exp(a / 2) / (2 * cosh(a / 2))
    }

    /** softplus(a) = ln(1 + e^a), as a + ln(1 + e^-a) for positive a so that e^a never overflows. */
    fun softplus(a: Double): Double = if (a > 0) a + ln1p(exp(-a)) else ln1p(exp(a))

    /** The error function, by Hipparchus (the regularized incomplete Γ function P(½, a²)). */
    fun erf(a: Double): Double = Erf.erf(a)

    /** The complementary error function, by Hipparchus (Q(½, a²), accurate in the tail). */
    fun erfc(a: Double): Double = Erf.erfc(a)

    /**
     * log|Γ(a)|: Hipparchus for a > 0; for negative a (not an integer) the recurrence
     * `lnΓ(a) = lnΓ(a + m) - Σ_{k<m} ln|a + k|` from the point a + m in (1, 2] (DLMF 5.5.1). Costs
     * O(|a|): the domain keeps the arguments of lgamma above -30.
     */
    fun lgamma(a: Double): Value {
        if (a > 0) {
            val v = Gamma.logGamma(a)
            return Value(v, abs(v))
        }
        if (a == Math.rint(a) || a.isNaN()) return Value(Double.NaN, Double.NaN)
        val m = ceil(-a).toInt() + 1
        val head = Gamma.logGamma(a + m)
        var sum = 0.0
        var magnitude = abs(head)
        // the smallest terms first
        for (k in m - 1 downTo 0) {
            val t = ln(abs(a + k))
            sum += t
            magnitude += abs(t)
        }
        return Value(head - sum, magnitude)
    }

    /**
     * The polygamma function ψ⁽ⁿ⁾(a) (n = 0: the digamma function ψ): the recurrence
     * `ψ⁽ⁿ⁾(a) = ψ⁽ⁿ⁾(a + m) + (-1)ⁿ⁺¹ n! Σ_{k<m} (a + k)^-(n+1)` (DLMF 5.15.5, differentiated n
     * times from ψ(a + 1) = ψ(a) + 1/a) up to y = a + m ≥ 30 + n, then the asymptotic series
     * DLMF 5.15.8 (ψ: 5.11.2) with ten Bernoulli terms, whose first omitted term is below 1e-20 of
     * the sum there. Negative a (not an integer) needs no reflection: the recurrence passes the
     * poles. Accurate to a few units in the last place of [Value.magnitude] (checked against closed
     * forms by SpecialOracleTest).
     */
    fun polygamma(n: Int, a: Double): Value {
        require(n in 0..20) { "expected a polygamma order from 0 to 20, got $n" }
        if (a.isNaN() || (a <= 0 && a == Math.rint(a))) return Value(Double.NaN, Double.NaN)
        val m = max(0.0, ceil(ASYMPTOTIC_FROM + n - a)).toInt()
        val y = a + m
        val (head, headMagnitude) = asymptotic(n, y)
        var sum = 0.0
        var magnitude = 0.0
        for (k in m - 1 downTo 0) {
            val t = (a + k).pow(-(n + 1))
            sum += t
            magnitude += abs(t)
        }
        val sign = if (n % 2 == 0) -1.0 else 1.0 // (-1)ⁿ⁺¹
        val factorial = factorial(n)
        return Value(head + sign * factorial * sum, headMagnitude + factorial * magnitude)
    }

    /** ψ⁽ⁿ⁾(y) by its asymptotic series, for y ≥ 30 + n; and the sum of its terms' absolute values. */
    private fun asymptotic(n: Int, y: Double): Pair<Double, Double> {
        val inverseSquare = 1 / (y * y)
        if (n == 0) {
            // ψ(y) = ln y - 1/(2y) - Σ B₂ₖ/(2k y²ᵏ)
            var series = 0.0
            for (k in BERNOULLI.size downTo 1) series += BERNOULLI[k - 1] / (2 * k) * inverseSquare.pow(k)
            val l = ln(y)
            return (l - 0.5 / y - series) to (abs(l) + 0.5 / y + abs(series))
        }
        // ψ⁽ⁿ⁾(y) = (-1)ⁿ⁺¹ [(n-1)!/yⁿ + n!/(2yⁿ⁺¹) + Σ B₂ₖ (2k+n-1)!/((2k)! y²ᵏ⁺ⁿ)], summed relative
        // to its first term (n-1)!/yⁿ, where the k-th term is B₂ₖ·C(2k+n-1, n-1)·y^-2k and
        // C(2k+n-1, n-1) = Π_{j=1}^{n-1} (2k+j)/j
        var series = 0.0
        for (k in BERNOULLI.size downTo 1) {
            var binomial = 1.0
            for (j in 1 until n) binomial *= (2.0 * k + j) / j
            series += BERNOULLI[k - 1] * binomial * inverseSquare.pow(k)
        }
        val lead = factorial(n - 1) / y.pow(n)
        val bracket = lead * (1 + n / (2 * y) + series)
        val sign = if (n % 2 == 0) -1.0 else 1.0
        return sign * bracket to abs(bracket)
    }

    private fun factorial(n: Int): Double = (1..n).fold(1.0) { f, k -> f * k }
}
