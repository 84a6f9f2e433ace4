package dev.autodiff.properties

import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Taylor-mode derivatives against nested dual numbers and against the Hessians. */
class TaylorPropertyTest {
    // One variable; only custom operations with derivatives of every order (softplus has two).
    private val expressions = ExprGenerators.expressions(
        ExprConfig(maxVariables = 1, maxSteps = 8, operations = listOf(CustomOperations.gauss, CustomOperations.cube)),
    )

    @Test
    fun taylorDerivativesEqualNestedForwardDerivativesUpToOrderFour() {
        var worst = 0.0
        val passed = Properties.check("Forward.derivatives = nested Forward.derivative, order ≤ 4", 500, expressions) { g ->
            val x = g.variables[0]
            val x0 = g.point[0]
            val taylor = Forward.derivatives(g.expr, x, x0, ORDER)
            val nested = DoubleArray(ORDER + 1) { k -> nth(k, g, Dual.constant(x0)).value() }
            val tolerance = AD_RELATIVE * scaleOf(taylor, nested)
            for (k in 0..ORDER) worst = maxOf(worst, kotlin.math.abs(taylor[k] - nested[k]) / scaleOf(taylor, nested))
            assertClose(nested, taylor, tolerance, "derivatives of order 0..$ORDER", g)
        }
        assertEquals(500, passed)
        println("  largest difference / scale: $worst")
    }

    @Test
    fun secondTaylorDerivativeIsTheHessian() {
        val passed = Properties.check("Forward.derivatives[2] = Hessian", 1000, expressions) { g ->
            val x = g.variables[0]
            val x0 = g.point[0]
            val taylor = Forward.derivatives(g.expr, x, x0, 2)
            val forward = Forward.of(g.expr, x).hessian(x0)[0]
            val reverse = Reverse.of(g.expr, x).hessian(x0)[0]
            val t = doubleArrayOf(taylor[2], taylor[2])
            val h = doubleArrayOf(forward[0], reverse[0])
            assertClose(h, t, AD_RELATIVE * scaleOf(h, t), "f'' (forward-over-forward, reverse-over-forward)", g)
        }
        assertEquals(1000, passed)
    }

    /** Returns the k-th derivative of [g] at [at] by k nested calls of `Forward.derivative(fn, Dual)`. */
    private fun nth(k: Int, g: GeneratedExpr, at: Dual): Dual =
        if (k == 0) DualInterpreter.evaluate(g.expr, g.variables, arrayOf(at)) else Forward.derivative({ y -> nth(k - 1, g, y) }, at)

    private companion object {
        const val ORDER = 4
    }
}
