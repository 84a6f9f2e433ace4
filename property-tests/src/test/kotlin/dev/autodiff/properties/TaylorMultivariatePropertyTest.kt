package dev.autodiff.properties

import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.math.max
import kotlin.random.Random

/**
 * Taylor mode in several variables on random expressions: along a direction against the compiled
 * directional derivative and Hessian quadratic form, in one variable with the others held against
 * the expression with those variables replaced by constants, third-order contractions against
 * differences of Hessian-vector products, and at edge points against the compiled modes.
 */
class TaylorMultivariatePropertyTest {
    // Custom operations with derivatives of every order only (softplus has two).
    private val expressions = ExprGenerators.expressions(ExprConfig(operations = listOf(CustomOperations.gauss, CustomOperations.cube)))

    @Test
    fun coefficientsAlongADirectionAreTheDirectionalDerivativeAndHalfTheHessianForm() {
        val passed = Properties.check("Forward.taylor: c₁ = ∇f·v, 2c₂ = vᵀHv", 1000, ExprGenerators.valid, Arb.long()) { g, seed ->
            val v = direction(Random(seed), g.variables.size)
            val c = Forward.taylor(g.expr, g.variables, g.point, v, 2)
            for (f in listOf(Forward.of(g.expr, g.variables), Reverse.of(g.expr, g.variables))) {
                val grad = f.gradient(*g.point)
                val h = f.hessian(*g.point)
                assertClose(doubleArrayOf(f.value(*g.point)), doubleArrayOf(c[0]), 0.0, "value (exactly the table's)", g)
                // each product is rounded relative to the sum of its absolute terms
                assertClose(doubleArrayOf(dot(grad, v)), doubleArrayOf(c[1]), AD_RELATIVE * max(1.0, absDot(grad, v)), "c₁ vs $f", g)
                val hv = times(h, v)
                var scale = 0.0
                for (i in v.indices) for (j in v.indices) scale += abs(v[i] * h[i][j] * v[j])
                assertClose(doubleArrayOf(dot(v, hv)), doubleArrayOf(2 * c[2]), AD_RELATIVE * max(1.0, scale), "2c₂ vs $f", g)
            }
        }
        assertEquals(1000, passed)
    }

    @Test
    fun lowOrdersDoNotDependOnTheHighestOrderAskedFor() {
        // At order 80 the scale search picks another power-of-two scale h than at order 6; the
        // recurrences are homogeneous, so the first coefficients must come out the same to rounding.
        var rescaled = 0
        val passed = Properties.check("Forward.taylor to order 80 = to order 6 on orders 0..6", 300, expressions, Arb.long()) { g, seed ->
            val v = direction(Random(seed), g.variables.size)
            val low = Forward.taylor(g.expr, g.variables, g.point, v, 6)
            val high = Forward.taylor(g.expr, g.variables, g.point, v, 80).copyOf(7)
            if (!low.contentEquals(high)) rescaled++
            assertClose(low, high, AD_RELATIVE * scaleOf(low, high), "coefficients 0..6", g)
        }
        assertEquals(300, passed)
        println("  cases not equal to the bit: $rescaled")
    }

    @Test
    fun derivativesWithTheOthersHeldAreNestedDualDerivativesInThatVariable() {
        val passed = Properties.check("Forward.derivatives(f, x, others) = nested duals in x, others constant", 500, expressions) { g ->
            val x = g.variables[0]
            val others = (1 until g.variables.size).associate { g.variables[it] to g.point[it] }
            val held = Forward.derivatives(g.expr, x, others, g.point[0], ORDER)
            val nested = DoubleArray(ORDER + 1) { k -> nth(k, g, Dual.constant(g.point[0])).value() }
            assertClose(nested, held, AD_RELATIVE * scaleOf(nested, held), "derivatives of order 0..$ORDER", g)
        }
        assertEquals(500, passed)
    }

    /** Returns the k-th derivative in the first variable by k nested dual numbers, the others constant. */
    private fun nth(k: Int, g: GeneratedExpr, at: Dual): Dual =
        if (k == 0) {
            DualInterpreter.evaluate(g.expr, g.variables, Array(g.variables.size) { if (it == 0) at else Dual.constant(g.point[it]) })
        } else {
            Forward.derivative({ y -> nth(k - 1, g, y) }, at)
        }

    @Test
    fun thirdOrderContractionIsTheDerivativeOfHessianVectorProducts() {
        var worst = 0.0
        var unchecked = 0
        val passed = Properties.check("∇³f[u, v, w] = u·∂(Hv)/∂w", 300, expressions, Arb.long()) { g, seed ->
            val random = Random(seed)
            val n = g.variables.size
            val (u, v, w) = Triple(direction(random, n), direction(random, n), direction(random, n))
            val t = Forward.thirdOrder(g.expr, g.variables, g.point, u, v, w)
            val reverse = Reverse.of(g.expr, g.variables)
            // Richardson-extrapolated central differences of H·v along w: error O(step⁴·∇⁷f) + ε‖H‖/step
            fun difference(step: Double): Double {
                val plus = DoubleArray(n) { g.point[it] + step * w[it] }
                val minus = DoubleArray(n) { g.point[it] - step * w[it] }
                return dot(u, reverse.hessianVector(plus, v).zip(reverse.hessianVector(minus, v)) { a, b -> (a - b) / (2 * step) }.toDoubleArray())
            }
            // The oracle checks itself: Richardson estimates at steps s and s/2 must agree before it
            // is trusted; a fast-oscillating case (tan of a large argument) needs smaller steps, and
            // one where none agree (roundoff then dominates) is left out and counted.
            val x = max(1.0, g.point.maxOf { abs(it) })
            fun richardson(step: Double) = (4 * difference(step / 2) - difference(step)) / 3
            val fd = listOf(1e-3, 1e-4, 1e-5).map { it * x }.firstNotNullOfOrNull { step ->
                val (a, b) = richardson(step) to richardson(step / 2)
                if (abs(a - b) <= 1e-8 * max(1.0, abs(b))) b else null
            }
            if (fd == null) {
                unchecked++
                return@check
            }
            val scale = max(1.0, max(abs(fd), abs(t)))
            worst = max(worst, abs(fd - t) / scale)
            // 1e-6 of the scale: a hundred times the agreement demanded of the differences, while a
            // wrong rule is off by O(1)
            assertClose(doubleArrayOf(fd), doubleArrayOf(t), 1e-6 * scale, "third-order contraction", g)
        }
        assertEquals(300, passed)
        assertTrue(unchecked < 30, "differences agreed for all but $unchecked of 300 cases")
        println("  largest difference / scale: $worst, cases the differences could not check: $unchecked")
    }

    @Test
    fun firstAndSecondCoefficientsAtEdgePointsAreTheCompiledModes() {
        // Points on kinks and poles: 0, ±1 and 2 make abs, max, min, sqrt, cbrt, pow, asin, acosh, atanh, log
        // and ifElse meet their documented conventions. Taylor follows the table there, so infinities,
        // NaN and zeros agree exactly; finite values to rounding.
        val edges = doubleArrayOf(0.0, 1.0, -1.0, 2.0, 0.0)
        val wild = ExprGenerators.expressions(
            ExprConfig(maxSteps = 6, maxVariables = 2, operations = listOf(CustomOperations.gauss, CustomOperations.cube), domain = null),
        )
        var compared = 0
        val passed = Properties.check("Taylor c₁, 2c₂ along e_i = compiled gradient and Hessian at edge points", 1000, wild, Arb.long()) { g, seed ->
            val random = Random(seed)
            val p = DoubleArray(g.variables.size) { edges[random.nextInt(edges.size)] }
            val forward = Forward.of(g.expr, g.variables)
            val value = forward.value(*p)
            val grad = forward.gradient(*p)
            val hessian = forward.hessian(*p)
            if (!value.isFinite() || grad.any { !it.isFinite() && abs(it) != Double.POSITIVE_INFINITY } ) return@check
            for (i in g.variables.indices) {
                val e = DoubleArray(p.size).also { it[i] = 1.0 }
                val c = Forward.taylor(g.expr, g.variables, p, e, 2)
                assertEquals(value, c[0], "value of $g at ${p.toList()}")
                same(grad[i], c[1], "f' in ${g.variables[i].name()}", g, p)
                same(hessian[i][i], 2 * c[2], "f'' in ${g.variables[i].name()}", g, p)
                compared++
            }
        }
        assertEquals(1000, passed)
        assertTrue(compared > 500, "compared $compared")
    }

    private fun same(expected: Double, actual: Double, what: String, g: GeneratedExpr, p: DoubleArray) {
        if (expected.isFinite()) {
            // 0 and -0 alike: the sign of a zero is rounding's
            assertEquals(expected, actual, AD_RELATIVE * max(1.0, abs(expected)), "$what of $g at ${p.toList()}")
        } else {
            assertEquals(expected, actual, "$what of $g at ${p.toList()}")
        }
    }

    private fun direction(random: Random, n: Int) = DoubleArray(n) { 2 * random.nextDouble() - 1 }

    private companion object {
        const val ORDER = 4
    }
}

