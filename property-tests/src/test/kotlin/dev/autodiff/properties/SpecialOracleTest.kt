package dev.autodiff.properties

import dev.autodiff.core.Expr
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.ln
import kotlin.math.max
import kotlin.math.sqrt

/**
 * The test's own special functions ([SpecialOracle]) are accurate enough to be an oracle: against
 * closed forms, and against core's implementations (which are tested against 50-digit values in
 * core) over the ranges the generators use, to a few units of roundoff of their [SpecialOracle.Value.magnitude].
 */
class SpecialOracleTest {
    private val x = Expr.variable("x")

    private fun core(e: Expr, at: Double): Double = e.value(mapOf("x" to at))

    private fun assertNear(expected: Double, actual: Double, tolerance: Double, what: String) =
        assertTrue(abs(expected - actual) <= tolerance, "$what: expected $expected, got $actual, difference ${abs(expected - actual)} > $tolerance")

    @Test
    fun polygammaAndLogGammaMatchClosedForms() {
        val euler = 0.5772156649015329
        val zeta3 = 1.2020569031595942
        // (order, argument, ψ⁽ⁿ⁾) from DLMF 5.4.12, 5.4.13, 5.15.2, 5.15.3 and the recurrence
        val polygamma = listOf(
            Triple(0, 1.0, -euler),
            Triple(0, 0.5, -euler - 2 * ln(2.0)),
            Triple(0, -0.5, -euler - 2 * ln(2.0) + 2),
            Triple(0, -2.5, -euler - 2 * ln(2.0) + 2 + 1 / 1.5 + 1 / 2.5),
            Triple(1, 1.0, PI * PI / 6),
            Triple(1, 0.5, PI * PI / 2),
            Triple(1, -0.5, PI * PI / 2 + 4),
            Triple(2, 1.0, -2 * zeta3),
            Triple(2, 0.5, -14 * zeta3),
            Triple(3, 1.0, PI * PI * PI * PI / 15),
            Triple(3, 0.5, PI * PI * PI * PI),
        )
        for ((n, a, expected) in polygamma) {
            val v = SpecialOracle.polygamma(n, a)
            // 1e-15 of the terms' scale: a few roundings of each of the sum's terms
            assertNear(expected, v.value, 1e-15 * max(1.0, v.magnitude), "ψ⁽$n⁾($a)")
        }
        val lgamma = listOf(
            0.5 to ln(sqrt(PI)),
            -0.5 to ln(2 * sqrt(PI)),
            -1.5 to ln(4 * sqrt(PI) / 3),
            -2.5 to ln(8 * sqrt(PI) / 15),
            3.0 to ln(2.0),
        )
        for ((a, expected) in lgamma) {
            val v = SpecialOracle.lgamma(a)
            assertNear(expected, v.value, 1e-15 * max(1.0, v.magnitude), "lgamma($a)")
        }
    }

    @Test
    fun oracleAgreesWithCoreOverTheGeneratorsRanges() {
        // The differences Reference.roundoff allows, in units of roundoff of the value or of the terms'
        // scale: measured here (printed), with room. Where either evaluator is wrong by more, they
        // differ by more. Hipparchus' erfc (a continued fraction to 1e-15) is the least accurate.
        val allowed = mapOf("erf" to 16.0, "erfc" to 64.0, "lgamma" to 16.0, "sigmoid" to 8.0, "softplus" to 8.0) +
            (0..5).associate { "polygamma($it)" to 16.0 }
        val worst = HashMap<String, Double>()
        fun check(name: String, oracle: SpecialOracle.Value, actual: Double, at: Double) {
            val scale = max(Double.MIN_VALUE, oracle.magnitude)
            val units = abs(oracle.value - actual) / (UNIT_ROUNDOFF * scale)
            worst.merge(name, units, ::maxOf)
            assertTrue(units <= allowed.getValue(name), "$name: oracle ${oracle.value}, core $actual, ${units}u of the scale $scale")
        }
        var a = -29.97
        while (a < 60) {
            val distance = abs(a - Math.rint(a))
            if (a > 0.05 || distance >= 0.05) {
                check("lgamma", SpecialOracle.lgamma(a), core(x.lgamma(), a), a)
                for (n in 0..5) check("polygamma($n)", SpecialOracle.polygamma(n, a), core(x.polygamma(n), a), a)
            }
            if (abs(a) <= 6) {
                check("erf", SpecialOracle.erf(a).let { SpecialOracle.Value(it, abs(it)) }, core(x.erf(), a), a)
                check("erfc", SpecialOracle.erfc(a).let { SpecialOracle.Value(it, abs(it)) }, core(x.erfc(), a), a)
            }
            check("sigmoid", SpecialOracle.sigmoid(a * 20).let { SpecialOracle.Value(it, abs(it)) }, core(x.sigmoid(), a * 20), a * 20)
            check("softplus", SpecialOracle.softplus(a * 20).let { SpecialOracle.Value(it, abs(it)) }, core(x.softplus(), a * 20), a * 20)
            a += 0.0137
        }
        println("  oracle vs core, largest difference in units of roundoff of the scale: ${worst.toSortedMap()}")
    }
}
