package dev.autodiff.properties

import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tape
import dev.autodiff.reverse.Tracked
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The numeric APIs (functions over [Dual] and [Tracked], no expression) agree with the compiled
 * expressions: each generated expression is run through [DualInterpreter] or [TrackedInterpreter].
 */
class NumericApiPropertyTest {

    @Test
    fun dualGradientAndHessianEqualTheCompiledForwardOnes() {
        val passed = Properties.check("Forward.gradient over Dual = Forward.of", 500, ExprGenerators.valid) { g ->
            val f = { xs: Array<Dual> -> DualInterpreter.evaluate(g.expr, g.variables, xs) }
            val compiled = Forward.of(g.expr, *g.variableArray)
            val expected = compiled.gradient(*g.point)
            val actual = Forward.gradient(f, *g.point)
            assertClose(expected, actual, AD_RELATIVE * scaleOf(expected, actual), "gradient", g)
            // Forward over forward with nested duals: row i is the gradient of ∂f/∂x_i.
            val h = compiled.hessian(*g.point)
            val nested = Array(g.variables.size) { i -> Forward.gradient({ xs -> Forward.gradient(f, *xs)[i] }, *g.point) }
            assertClose(h, nested, AD_RELATIVE * scaleOf(h, nested), "Hessian", g)
        }
        assertEquals(500, passed)
    }

    @Test
    fun trackedGradientAndHessianEqualTheCompiledReverseOnes() {
        val passed = Properties.check("Reverse.gradient over Tracked = Reverse.of", 500, ExprGenerators.valid) { g ->
            val f = { xs: Array<Tracked> -> TrackedInterpreter.evaluate(g.expr, g.variables, xs) }
            val compiled = Reverse.of(g.expr, *g.variableArray)
            val expected = compiled.gradient(*g.point)
            val actual = Reverse.gradient(f, *g.point)
            assertClose(expected, actual, AD_RELATIVE * scaleOf(expected, actual), "gradient", g)
            // Reverse over reverse: a nested tape's gradient, as scalars of the outer tape, swept again.
            val h = compiled.hessian(*g.point)
            val nested = Tape.open().use { tape ->
                val xs = Array(g.point.size) { tape.variable(g.point[it]) }
                val gradient = tape.gradientOf(f, *xs)
                Array(xs.size) { i -> tape.gradient(gradient[i], *xs) }
            }
            assertClose(h, nested, AD_RELATIVE * scaleOf(h, nested), "Hessian", g)
        }
        assertEquals(500, passed)
    }

    @Test
    fun oneVariableDerivativesOfBothNumericApisAgree() {
        val oneVariable = ExprGenerators.expressions(ExprConfig(maxVariables = 1))
        val passed = Properties.check("Forward.derivative = Reverse.derivative = Forward.of", 500, oneVariable) { g ->
            val x0 = g.point[0]
            val expected = doubleArrayOf(Forward.of(g.expr, g.variables[0]).gradient(x0)[0])
            val forward = Forward.derivative({ x -> DualInterpreter.evaluate(g.expr, g.variables, arrayOf(x)) }, x0)
            val reverse = Reverse.derivative({ x -> TrackedInterpreter.evaluate(g.expr, g.variables, arrayOf(x)) }, x0)
            val actual = doubleArrayOf(forward, reverse)
            assertClose(doubleArrayOf(expected[0], expected[0]), actual, AD_RELATIVE * scaleOf(expected, actual), "f' (Dual, Tracked)", g)
        }
        assertEquals(500, passed)
    }
}
