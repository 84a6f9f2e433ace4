package dev.autodiff.properties

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.abs

class ValuePropertyTest {

    @Test
    fun valueIsFiniteAndAgreesWithAnIndependentEvaluation() {
        var bitwise = 0
        val passed = Properties.check("Expr.value = reference", 1000, ExprGenerators.valid) { g ->
            val actual = g.expr.value(g.bindings())
            val reference = g.reference()
            val expected = reference.values.getValue(g.expr)
            // The two evaluators may round each operation differently; Reference bounds how far such
            // differences can propagate (first order). The factor 4 covers the second-order terms.
            val tolerance = 4 * reference.errors.getValue(g.expr)
            assertTrue(actual.isFinite(), "value $actual of $g is not finite")
            assertTrue(abs(actual - expected) <= tolerance, "value $actual, reference $expected, tolerance $tolerance for $g")
            if (actual == expected) bitwise++
        }
        assertEquals(1000, passed)
        println("  $bitwise of $passed values equal the reference bit for bit")
    }

    @Test
    fun valueAgreesWithTheReferenceAtPointsNearTheGeneratedOne() {
        val passed = Properties.check("Expr.value = reference near the point", 500, ExprGenerators.valid) { g ->
            val p = g.pointsNear().sample(randomSource()).value
            assertTrue(g.isValidAt(p), "pointsNear gave ${p.contentToString()} outside the domain of $g")
            val reference = g.reference(p)
            val actual = g.expr.value(g.bindings(p))
            val tolerance = 4 * reference.errors.getValue(g.expr) // as above
            assertTrue(abs(actual - reference.values.getValue(g.expr)) <= tolerance, "at ${p.contentToString()}: $g")
        }
        assertEquals(500, passed)
    }
}
