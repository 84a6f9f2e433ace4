package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.core.Scalar
import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.forward.MultivariateDualFunction
import dev.autodiff.kotlin.cos
import dev.autodiff.kotlin.exp
import dev.autodiff.kotlin.plus
import dev.autodiff.kotlin.pow
import dev.autodiff.kotlin.sin
import dev.autodiff.kotlin.times
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tracked
import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.function.Function
import kotlin.math.abs
import kotlin.random.Random

/**
 * Third and fourth mixed partials of random sums of products of sines, cosines, exponentials and
 * powers of linear forms, by four routes that share no code above the rule tables: symbolic
 * derivatives ([Expr.derivative] three or four times), tapes nested three or four deep, duals
 * nested as deep, and the closed form by Leibniz's rule. The function is written once, generic
 * over [Scalar], with the Kotlin extensions.
 */
class HigherOrderPropertyTest {

    enum class Kind { SIN, COS, EXP, POW }

    /** g(u) for u = a·x + b·y + c. */
    data class Factor(val kind: Kind, val a: Double, val b: Double, val c: Double, val p: Double) {
        fun <T : Scalar<T>> of(x: T, y: T): T {
            val u = a * x + b * y + c
            return when (kind) {
                Kind.SIN -> sin(u)
                Kind.COS -> cos(u)
                Kind.EXP -> exp(u)
                Kind.POW -> pow(u, p)
            }
        }

        /** Returns ∂ⁱₓ∂ʲᵧ g(u) = aⁱ bʲ g⁽ⁱ⁺ʲ⁾(u) at ([x], [y]). */
        fun derivative(i: Int, j: Int, x: Double, y: Double): Double {
            val u = a * x + b * y + c
            val n = i + j
            val g = when (kind) {
                Kind.SIN -> listOf(Math.sin(u), Math.cos(u), -Math.sin(u), -Math.cos(u))[n % 4]
                Kind.COS -> listOf(Math.cos(u), -Math.sin(u), -Math.cos(u), Math.sin(u))[n % 4]
                Kind.EXP -> Math.exp(u)
                Kind.POW -> (0 until n).fold(1.0) { f, k -> f * (p - k) } * Math.pow(u, p - n)
            }
            return Math.pow(a, i.toDouble()) * Math.pow(b, j.toDouble()) * g
        }
    }

    data class Term(val coefficient: Double, val f: Factor, val g: Factor)

    /** A random function and a point; [orders] lists the mixed partials to take (0 is x, 1 is y). */
    data class Mix(val terms: List<Term>, val x: Double, val y: Double, val orders: List<List<Int>>) {
        fun <T : Scalar<T>> of(x: T, y: T): T = terms.map { t -> t.coefficient * t.f.of(x, y) * t.g.of(x, y) }.reduce { s, t -> s + t }

        /** Returns ∂ⁱₓ∂ʲᵧ by Leibniz's rule, and the sum of the absolute values of its terms. */
        fun closedForm(i: Int, j: Int): Pair<Double, Double> {
            var sum = 0.0
            var scale = 0.0
            for (t in terms) for (k in 0..i) for (l in 0..j) {
                val v = t.coefficient * binomial(i, k) * binomial(j, l) * t.f.derivative(k, l, x, y) * t.g.derivative(i - k, j - l, x, y)
                sum += v
                scale += abs(v)
            }
            return sum to scale
        }

        override fun toString() = "Mix(terms = $terms, x = $x, y = $y, orders = $orders)"

        private fun binomial(n: Int, k: Int): Double = (1..k).fold(1.0) { b, m -> b * (n - k + m) / m }
    }

    private fun factor(r: Random, x: Double, y: Double): Factor {
        val kind = Kind.entries[r.nextInt(4)]
        val a = 3 * r.nextDouble() - 1.5
        val b = 3 * r.nextDouble() - 1.5
        // a power's base stays in [0.5, 2] at the point, so every derivative is of moderate size
        val c = if (kind == Kind.POW) 0.5 + 1.5 * r.nextDouble() - a * x - b * y else 2 * r.nextDouble() - 1
        val p = listOf(-1.5, -1.0, 0.5, 1.5, 2.5, 3.0)[r.nextInt(6)]
        return Factor(kind, a, b, c, p)
    }

    private val mixes: Arb<Mix> = arbitrary { rs ->
        val r = rs.random
        val x = 2 * r.nextDouble() - 1
        val y = 2 * r.nextDouble() - 1
        val terms = List(1 + r.nextInt(3)) { Term(4 * r.nextDouble() - 2, factor(r, x, y), factor(r, x, y)) }
        val orders = listOf(List(3) { r.nextInt(2) }, List(4) { r.nextInt(2) })
        Mix(terms, x, y, orders)
    }

    /**
     * Each route sums a few hundred rounded products and sums of terms no larger than those of the
     * Leibniz expansion, so they agree to about 1e-13 of the sum of its absolute terms; 1e-11
     * leaves a factor of a hundred, while a wrong rule moves a result by a term or more.
     */
    private val relative = 1e-11

    private fun symbolic(m: Mix, order: List<Int>): Double {
        val vars = listOf(Expr.variable("x"), Expr.variable("y"))
        var e: Expr = m.of(vars[0], vars[1])
        for (v in order) e = e.derivative(vars[v])
        return e.value(mapOf("x" to m.x, "y" to m.y))
    }

    private fun nestedTapes(m: Mix, order: List<Int>): Double {
        var f: (Array<Tracked>) -> Tracked = { v -> m.of(v[0], v[1]) }
        for (k in 0 until order.size - 1) {
            val inner = f
            val which = order[k]
            f = { v -> v[0].tape().gradientOf(Function { w: Array<Tracked> -> inner(w) }, *v)[which] }
        }
        val outer = f
        return Reverse.gradient({ w -> outer(w) }, m.x, m.y)[order.last()]
    }

    private fun nestedDuals(m: Mix, order: List<Int>): Double {
        var f: (Array<Dual>) -> Dual = { v -> m.of(v[0], v[1]) }
        for (k in 0 until order.size - 1) {
            val inner = f
            val which = order[k]
            f = { v -> Forward.gradient(MultivariateDualFunction { w -> inner(w) }, *v)[which] }
        }
        val outer = f
        return Forward.gradient(MultivariateDualFunction { w -> outer(w) }, m.x, m.y)[order.last()]
    }

    @Test
    fun thirdAndFourthMixedPartialsAgreeAcrossSymbolicTapesDualsAndClosedForms() {
        val passed = Properties.check("∂³, ∂⁴: symbolic = nested tapes = nested duals = Leibniz", 150, mixes) { m ->
            for (order in m.orders) {
                val (expected, scale) = m.closedForm(order.count { it == 0 }, order.count { it == 1 })
                val tolerance = relative * maxOf(1.0, scale)
                val routes = mapOf("symbolic" to symbolic(m, order), "nested tapes" to nestedTapes(m, order), "nested duals" to nestedDuals(m, order))
                for ((route, actual) in routes) {
                    assertEquals(expected, actual, tolerance, "$route ∂$order of $m")
                }
            }
        }
        assertEquals(150, passed)
    }

    @Test
    fun tapesOverDualsAndDualsOverTapesGiveThirdDerivatives() {
        val passed = Properties.check("d³/dx³: tapes over duals = duals over tapes = Leibniz", 100, mixes) { m ->
            val (expected, scale) = m.closedForm(3, 0)
            val tolerance = relative * maxOf(1.0, scale)
            // a slice in x at the point's y, as a custom operation of each numeric type
            val overDuals = Forward.operation("sliceDual") { t -> m.of(t, t.newConstant(m.y)) }
            val overTapes = Reverse.operation("sliceTape") { t -> m.of(t, t.newConstant(m.y)) }
            val tapes = Reverse.derivative({ a -> a.tape().derivativeOf({ b -> b.tape().derivativeOf({ c -> c.apply(overDuals) }, b) }, a) }, m.x)
            val duals = Forward.derivative({ a -> Forward.derivative({ b -> Forward.derivative({ c -> c.apply(overTapes) }, b) }, a) }, m.x)
            assertEquals(expected, tapes, tolerance, "tapes over duals, $m")
            assertEquals(expected, duals, tolerance, "duals over tapes, $m")
        }
        assertEquals(100, passed)
    }
}
