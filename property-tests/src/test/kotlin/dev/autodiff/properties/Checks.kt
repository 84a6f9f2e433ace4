package dev.autodiff.properties

import org.junit.jupiter.api.Assertions.assertTrue
import kotlin.math.abs
import kotlin.math.max

/** Unit roundoff of double precision, 2⁻⁵³. */
const val UNIT_ROUNDOFF = 1.1102230246251565e-16

/**
 * Two automatic-differentiation results that are equal in exact arithmetic (the modes, or the
 * expression and numeric APIs) differ only by rounding: each sums the same products of local
 * partials in another order. Relative 1e-10 of the scale leaves room for about 10⁶ units of
 * roundoff accumulated over the dozen-odd nodes of a generated expression, whose values and slopes
 * the domain bounds (≤ 1e6, ≤ 1e3), while any wrong rule moves a result by far more.
 */
const val AD_RELATIVE = 1e-10

/** Returns the scale of a comparison: `max(1, max |entries|)`. */
fun scaleOf(vararg arrays: DoubleArray): Double {
    var s = 1.0
    for (a in arrays) for (x in a) s = max(s, abs(x))
    return s
}

/** Returns the scale of matrices, as [scaleOf] of their rows. */
fun scaleOf(vararg matrices: Array<DoubleArray>): Double = scaleOf(*matrices.flatMap { it.toList() }.toTypedArray())

/** Asserts `|expected[i] - actual[i]| ≤ tolerance[i]` for every i, naming [what] and the case. */
fun assertClose(expected: DoubleArray, actual: DoubleArray, tolerance: DoubleArray, what: String, case: Any) {
    assertTrue(expected.size == actual.size, "$what: sizes ${expected.size} and ${actual.size} for $case")
    for (i in expected.indices) {
        assertTrue(abs(expected[i] - actual[i]) <= tolerance[i]) {
            "$what[$i]: expected ${expected[i]}, got ${actual[i]}, difference ${abs(expected[i] - actual[i])} > " +
                "tolerance ${tolerance[i]}\n  expected ${expected.contentToString()}\n  actual   ${actual.contentToString()}\n  for $case"
        }
    }
}

/** Asserts every entry of [actual] is within [tolerance] of [expected]. */
fun assertClose(expected: DoubleArray, actual: DoubleArray, tolerance: Double, what: String, case: Any) =
    assertClose(expected, actual, DoubleArray(expected.size) { tolerance }, what, case)

/** Asserts every entry of the matrix [actual] is within [tolerance] of [expected]. */
fun assertClose(expected: Array<DoubleArray>, actual: Array<DoubleArray>, tolerance: Double, what: String, case: Any) {
    assertTrue(expected.size == actual.size, "$what: ${expected.size} and ${actual.size} rows for $case")
    for (i in expected.indices) assertClose(expected[i], actual[i], tolerance, "$what[$i]", case)
}

/** Returns `Σ a[i]·b[i]`. */
fun dot(a: DoubleArray, b: DoubleArray): Double {
    var s = 0.0
    for (i in a.indices) s += a[i] * b[i]
    return s
}

/** Returns `m·v`. */
fun times(m: Array<DoubleArray>, v: DoubleArray): DoubleArray = DoubleArray(m.size) { dot(m[it], v) }

/** Returns `Σ |a[i]·b[i]|`: the scale against which the rounding of [dot] is measured. */
fun absDot(a: DoubleArray, b: DoubleArray): Double {
    var s = 0.0
    for (i in a.indices) s += abs(a[i] * b[i])
    return s
}
