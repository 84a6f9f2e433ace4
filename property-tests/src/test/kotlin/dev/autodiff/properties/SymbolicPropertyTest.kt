package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.forward.Forward
import dev.autodiff.kotlin.ge
import dev.autodiff.kotlin.gt
import dev.autodiff.kotlin.ifElse
import dev.autodiff.kotlin.le
import dev.autodiff.kotlin.lt
import dev.autodiff.kotlin.sqrt
import dev.autodiff.reverse.Reverse
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Test
import kotlin.random.Random

/**
 * Derivatives as expressions ([Expr.gradient], [Expr.derivative]) on random expressions, against
 * the compiled modes, finite differences and the parser; their size against the expression's.
 * The generators' custom operations carry derivative expressions ([CustomOperations]).
 */
class SymbolicPropertyTest {

    private fun valueOf(e: Expr, g: GeneratedExpr): Double = e.value(g.bindings())

    @Test
    fun symbolicGradientEqualsTheCompiledGradientsAndFiniteDifferences() {
        var differenced = 0
        val passed = Properties.check("symbolic ∇ = compiled ∇ ≈ finite differences", 1000, ExprGenerators.valid) { g ->
            val symbolic = g.expr.gradient(g.variables).map { valueOf(it, g) }.toDoubleArray()
            for (compiled in listOf(Reverse.of(g.expr, *g.variableArray), Forward.of(g.expr, *g.variableArray))) {
                val expected = compiled.gradient(*g.point)
                // both sum the same products of the same local partials, in another order and grouping
                assertClose(expected, symbolic, AD_RELATIVE * scaleOf(expected, symbolic), "symbolic gradient vs $compiled", g)
            }
            val value = Reverse.of(g.expr, *g.variableArray)
            for (j in g.variables.indices) {
                val estimate = FiniteDifferences.partial(g, j, { p -> doubleArrayOf(value.value(*p)) }) { p -> FiniteDifferences.valueNoise(g, p) }
                    ?: continue
                differenced++
                assertClose(estimate.derivative, doubleArrayOf(symbolic[j]), estimate.tolerance, "∂f/∂x$j (step ${estimate.step})", g)
            }
        }
        assertEquals(1000, passed)
        assertTrue(differenced > 1000, "only $differenced partials could be differenced")
    }

    @Test
    fun derivativeTwiceEqualsTheCompiledHessian() {
        val passed = Properties.check("∂/∂x_j (∂f/∂x_i) = compiled Hessian", 500, ExprGenerators.valid) { g ->
            val first = g.expr.gradient(g.variables)
            val symbolic = Array(g.variables.size) { i -> first[i].gradient(g.variables).map { valueOf(it, g) }.toDoubleArray() }
            for (compiled in listOf(Reverse.of(g.expr, *g.variableArray), Forward.of(g.expr, *g.variableArray))) {
                val h = compiled.hessian(*g.point)
                assertClose(h, symbolic, AD_RELATIVE * scaleOf(h, symbolic), "symbolic Hessian vs $compiled", g)
            }
        }
        assertEquals(500, passed)
    }

    @Test
    fun aBranchNotTakenNeverPoisonsASymbolicDerivative() {
        val passed = Properties.check("symbolic ∇ ifElse(c, f, poison) = ∇f", 500, ExprGenerators.valid, Arb.long()) { g, seed ->
            val random = Random(seed)
            val x0 = g.variables[0]
            val p0 = g.point[0]
            val f = g.expr
            // NaN here, with NaN partials, and sharing f: f's part of the graph is reached from both sides
            val poison = sqrt(-(f * f + 1.0))
            val taken = if (random.nextBoolean()) x0 gt (p0 - 0.5) else x0 lt (p0 + 0.5)
            val notTaken = if (random.nextBoolean()) x0 ge (p0 + 0.5) else x0 le (p0 - 0.5)
            val cases = listOf(
                ifElse(taken, f, poison),
                ifElse(notTaken, poison, f),
                ifElse(taken, ifElse(notTaken, poison, f), poison * f),
            )
            val expected = Reverse.of(f, *g.variableArray).gradient(*g.point)
            val hessian = Reverse.of(f, *g.variableArray).hessian(*g.point)
            for (e in cases) {
                val first = e.gradient(g.variables)
                val symbolic = first.map { valueOf(it, g) }.toDoubleArray()
                assertClose(expected, symbolic, AD_RELATIVE * scaleOf(expected, symbolic), "∇ of $e", g)
                val second = Array(g.variables.size) { i -> first[i].gradient(g.variables).map { valueOf(it, g) }.toDoubleArray() }
                assertClose(hessian, second, AD_RELATIVE * scaleOf(hessian, second), "Hessian of $e", g)
                val compiled = Reverse.of(e, *g.variableArray).gradient(*g.point)
                assertClose(compiled, symbolic, AD_RELATIVE * scaleOf(compiled, symbolic), "compiled ∇ of $e", g)
            }
        }
        assertEquals(500, passed)
    }

    @Test
    fun derivativesPrintAndParseBackEqual() {
        val passed = Properties.check("parse(toString(∂f/∂x)) = ∂f/∂x", 500, ExprGenerators.valid) { g ->
            for (d in g.expr.gradient(g.variables) + g.expr.gradient(g.variables)[0].gradient(g.variables)) {
                val text = d.toString()
                val parsed = Expr.parse(text, g.operations)
                assertEquals(d, parsed, text)
                assertEquals(text, parsed.toString())
            }
        }
        assertEquals(500, passed)
    }

    @Test
    fun gradientExpressionsStayLinearInTheSizeOfTheExpression() {
        // Each node adds its partials (at most about ten nodes, pow's and atan2's with their guards),
        // one product and one sum per edge, and a guard where a step gates it: a bound of 20 per node.
        var worst = 0.0
        val passed = Properties.check("|∇f| ≤ 20 |f|", 1000, ExprGenerators.expressions(ExprConfig(maxSteps = 40))) { g ->
            val n = g.expr.nodeCount()
            val m = Expr.sum(g.expr.gradient(g.variables)).nodeCount()
            worst = maxOf(worst, m.toDouble() / n)
            assertTrue(m <= 20 * n, "gradient of $n nodes has $m nodes: $g")
        }
        assertEquals(1000, passed)
        println("  gradient nodes / expression nodes: at most $worst")
    }
}
