package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.math.max
import kotlin.random.Random

/** Forward and reverse mode against each other, and each mode's products against its own matrices. */
class ModeAgreementPropertyTest {

    @Test
    fun forwardGradientEqualsReverseGradient() {
        val passed = Properties.check("forward gradient = reverse gradient", 2000, ExprGenerators.valid) { g ->
            val p = g.point
            val forward = Forward.of(g.expr, *g.variableArray)
            val reverse = Reverse.of(g.expr, *g.variableArray)
            val fv = doubleArrayOf(forward.value(*p))
            val rv = doubleArrayOf(reverse.value(*p))
            assertClose(fv, rv, AD_RELATIVE * scaleOf(fv, rv), "value", g)
            val fg = forward.gradient(*p)
            val rg = reverse.gradient(*p)
            assertClose(fg, rg, AD_RELATIVE * scaleOf(fg, rg), "gradient", g)
        }
        assertEquals(2000, passed)
    }

    @Test
    fun hessianIsSymmetricAndForwardOverForwardEqualsReverseOverForward() {
        val passed = Properties.check("Hessian symmetric, forward-over-forward = reverse-over-forward", 1000, ExprGenerators.valid) { g ->
            val forward = Forward.of(g.expr, *g.variableArray).hessian(*g.point)
            val reverse = Reverse.of(g.expr, *g.variableArray).hessian(*g.point)
            // Both modes document an exactly symmetric result (the upper triangle mirrored, or the
            // two halves averaged once per pair), so symmetry is checked bit for bit.
            for (h in listOf(forward, reverse)) for (i in h.indices) for (j in h.indices) {
                assertEquals(h[i][j], h[j][i], "H[$i][$j] != H[$j][$i] for $g")
            }
            assertClose(forward, reverse, AD_RELATIVE * scaleOf(forward, reverse), "Hessian", g)
        }
        assertEquals(1000, passed)
    }

    @Test
    fun directionalIsGradientDotVAndHessianVectorIsHessianTimesV() {
        val passed = Properties.check("directional = ∇f·v, hessianVector = H·v", 1000, ExprGenerators.valid, Arb.long()) { g, seed ->
            val v = direction(Random(seed), g.variables.size)
            for (f in listOf(Forward.of(g.expr, *g.variableArray), Reverse.of(g.expr, *g.variableArray))) {
                val grad = f.gradient(*g.point)
                val h = f.hessian(*g.point)
                // The dot product rounds relative to the sum of its absolute terms.
                val d = doubleArrayOf(f.directional(g.point, v))
                assertClose(doubleArrayOf(dot(grad, v)), d, AD_RELATIVE * max(1.0, absDot(grad, v)), "directional of $f", g)
                val hv = f.hessianVector(g.point, v)
                val tolerance = DoubleArray(hv.size) { AD_RELATIVE * max(1.0, absDot(h[it], v)) }
                assertClose(times(h, v), hv, tolerance, "hessianVector of $f", g)
            }
        }
        assertEquals(1000, passed)
    }

    @Test
    fun jvpAndVjpAreAdjointAndMatchTheJacobian() {
        val passed = Properties.check("w·(J v) = (wᵀJ)·v", 1000, ExprGenerators.valid, Arb.long()) { g, seed ->
            val random = Random(seed)
            // Several outputs over the same variables, all inside the domain at the point: the root
            // and some of its subexpressions (sharing nodes with it, as compiled vector functions should).
            val internal = postOrder(g.expr).filter { !isLeaf(it) }
            val outputs: List<Expr> = (listOf(g.expr) + internal.shuffled(random).take(2)).distinct()
            val n = g.variables.size
            val v = direction(random, n)
            val w = direction(random, outputs.size)
            val jacobians = ArrayList<Array<DoubleArray>>()
            for (m in listOf(Forward.of(outputs, *g.variableArray), Reverse.of(outputs, *g.variableArray))) {
                val j = m.jacobian(*g.point)
                jacobians += j
                val jv = m.jvp(g.point, v)
                val wj = m.vjp(g.point, w)
                assertClose(times(j, v), jv, DoubleArray(outputs.size) { AD_RELATIVE * max(1.0, absDot(j[it], v)) }, "jvp of $m", g)
                val wjExpected = DoubleArray(n) { c -> outputs.indices.sumOf { r -> w[r] * j[r][c] } }
                val wjScale = DoubleArray(n) { c -> AD_RELATIVE * max(1.0, outputs.indices.sumOf { r -> abs(w[r] * j[r][c]) }) }
                assertClose(wjExpected, wj, wjScale, "vjp of $m", g)
                var total = 0.0
                for (r in outputs.indices) for (c in 0 until n) total += abs(w[r] * j[r][c] * v[c])
                assertClose(doubleArrayOf(dot(w, jv)), doubleArrayOf(dot(wj, v)), AD_RELATIVE * max(1.0, total), "w·(Jv) vs (wᵀJ)·v of $m", g)
            }
            assertClose(jacobians[0], jacobians[1], AD_RELATIVE * scaleOf(*jacobians.toTypedArray()), "forward vs reverse Jacobian", g)
        }
        assertEquals(1000, passed)
    }

    private fun direction(random: Random, n: Int) = DoubleArray(n) { 2 * random.nextDouble() - 1 }
}
