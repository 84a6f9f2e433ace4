package dev.autodiff.properties

import dev.autodiff.core.Differentiable
import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import io.kotest.property.Arb
import io.kotest.property.arbitrary.double
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.math.max
import kotlin.random.Random

/** The laws of differentiation, in both modes, on generated expressions. */
class LawsPropertyTest {
    private val modes: List<(Expr, Array<Variable>) -> Differentiable> =
        listOf({ e, v -> Forward.of(e, *v) }, { e, v -> Reverse.of(e, *v) })

    @Test
    fun derivativeOfAConstantIsZeroAndDxDxIsOne() {
        val passed = Properties.check("d(c) = 0, dx/dx = 1", 500, ExprGenerators.valid, Arb.double(-1e6, 1e6)) { g, c ->
            val n = g.variables.size
            for (mode in modes) {
                val constant = mode(Expr.constant(c), g.variableArray)
                assertArrayEquals(DoubleArray(n), constant.gradient(*g.point), "∇$c")
                for (row in constant.hessian(*g.point)) assertArrayEquals(DoubleArray(n), row, "Hessian of $c")
                for (i in 0 until n) {
                    val xi = mode(g.variables[i], g.variableArray)
                    assertArrayEquals(DoubleArray(n) { if (it == i) 1.0 else 0.0 }, xi.gradient(*g.point), "∇${g.variables[i]}")
                    for (row in xi.hessian(*g.point)) assertArrayEquals(DoubleArray(n), row, "Hessian of ${g.variables[i]}")
                }
                // A variable the expression does not use: its partial is exactly 0.
                val unused = Expr.variable("unused")
                val wider = mode(g.expr, g.variableArray + unused).gradient(*g.point, 0.5)
                assertEquals(0.0, wider[n], "∂/∂unused of $g")
            }
        }
        assertEquals(500, passed)
    }

    @Test
    fun gradientIsLinear() {
        val passed = Properties.check("∇(a·f + b·g) = a∇f + b∇g", 1000, ExprGenerators.valid, Arb.long()) { g, seed ->
            val random = Random(seed)
            val f = g.expr
            val other = otherNode(g, random)
            val a = 6 * random.nextDouble() - 3
            val b = 6 * random.nextDouble() - 3
            for (mode in modes) {
                val gf = mode(f, g.variableArray).gradient(*g.point)
                val go = mode(other, g.variableArray).gradient(*g.point)
                val combined = mode(f.times(a).plus(other.times(b)), g.variableArray).gradient(*g.point)
                val expected = DoubleArray(gf.size) { a * gf[it] + b * go[it] }
                val tolerance = DoubleArray(gf.size) { AD_RELATIVE * max(1.0, abs(a * gf[it]) + abs(b * go[it])) }
                assertClose(expected, combined, tolerance, "linearity, a = $a, b = $b, g = $other", g)
            }
        }
        assertEquals(1000, passed)
    }

    @Test
    fun gradientFollowsTheProductRule() {
        val passed = Properties.check("∇(f·g) = f∇g + g∇f", 1000, ExprGenerators.valid, Arb.long()) { g, seed ->
            val f = g.expr
            val other = otherNode(g, Random(seed))
            for (mode in modes) {
                val cf = mode(f, g.variableArray)
                val co = mode(other, g.variableArray)
                val vf = cf.value(*g.point)
                val vo = co.value(*g.point)
                val gf = cf.gradient(*g.point)
                val go = co.gradient(*g.point)
                val product = mode(f.times(other), g.variableArray).gradient(*g.point)
                val expected = DoubleArray(gf.size) { vf * go[it] + vo * gf[it] }
                val tolerance = DoubleArray(gf.size) { AD_RELATIVE * max(1.0, abs(vf * go[it]) + abs(vo * gf[it])) }
                assertClose(expected, product, tolerance, "product rule with g = $other", g)
            }
        }
        assertEquals(1000, passed)
    }

    @Test
    fun gradientFollowsTheChainRule() {
        val outerExpressions = ExprGenerators.expressions(ExprConfig(maxVariables = 1, maxSteps = 6))
        val passed = Properties.check("∇(h∘f) = h'(f)·∇f", 1000, ExprGenerators.valid, outerExpressions) { g, outer ->
            val u = outer.variables[0]
            val u0 = outer.point[0]
            for (mode in modes) {
                val inner = mode(g.expr, g.variableArray)
                // Shift the inner function so that it takes the value u0 at the point, where the
                // outer one is known to lie inside its domain.
                val shifted = g.expr.minus(inner.value(*g.point)).plus(u0)
                val composed = rebuild(outer.expr) { if (it == u) shifted else null }
                val hPrime = mode(outer.expr, arrayOf(u)).gradient(u0)[0]
                val gf = inner.gradient(*g.point)
                val actual = mode(composed, g.variableArray).gradient(*g.point)
                val expected = DoubleArray(gf.size) { hPrime * gf[it] }
                assertClose(expected, actual, AD_RELATIVE * scaleOf(expected, actual), "chain rule with h = ${outer.expr} at $u0", g)
            }
        }
        assertEquals(1000, passed)
    }

    /** Returns a node of [g] (one of its subexpressions, a variable or the root), all inside the domain at the point. */
    private fun otherNode(g: GeneratedExpr, random: Random): Expr =
        postOrder(g.expr).filter { it !is dev.autodiff.core.Constant }.random(random)
}
