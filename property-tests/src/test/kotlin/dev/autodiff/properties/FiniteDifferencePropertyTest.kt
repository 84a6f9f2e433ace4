package dev.autodiff.properties

import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Derivatives against Richardson-extrapolated central differences, with the tolerances that
 * [FiniteDifferences] derives from the step and from an error analysis of the evaluation.
 */
class FiniteDifferencePropertyTest {

    @Test
    fun gradientAgreesWithRichardsonFiniteDifferences() {
        var skipped = 0
        val tolerances = ArrayList<Double>()
        val passed = Properties.check("gradient ≈ Richardson central differences", 1000, ExprGenerators.valid) { g ->
            val value = Forward.of(g.expr, *g.variableArray)
            val gradient = Reverse.of(g.expr, *g.variableArray).gradient(*g.point)
            for (j in g.variables.indices) {
                val estimate = FiniteDifferences.partial(g, j, { p -> doubleArrayOf(value.value(*p)) }) { p -> FiniteDifferences.valueNoise(g, p) }
                if (estimate == null) {
                    skipped++
                    continue
                }
                tolerances += estimate.tolerance[0] / scaleOf(gradient)
                assertClose(estimate.derivative, doubleArrayOf(gradient[j]), estimate.tolerance, "∂f/∂x$j (step ${estimate.step})", g)
            }
        }
        assertEquals(1000, passed)
        report(tolerances.size, skipped, tolerances)
    }

    @Test
    fun hessianAgreesWithFiniteDifferencesOfTheGradient() {
        var skipped = 0
        var compared = 0
        val tolerances = ArrayList<Double>()
        val passed = Properties.check("Hessian ≈ Richardson differences of the gradient", 500, ExprGenerators.valid) { g ->
            val reverse = Reverse.of(g.expr, *g.variableArray)
            val h = reverse.hessian(*g.point)
            for (j in g.variables.indices) {
                val estimate = FiniteDifferences.partial(g, j, { p -> reverse.gradient(*p) }) { p -> FiniteDifferences.gradientNoise(g, p) }
                if (estimate == null) {
                    skipped++
                    continue
                }
                compared++
                for (t in estimate.tolerance) tolerances += t / scaleOf(h)
                // Column j of the Hessian is ∂∇f/∂x_j.
                assertClose(estimate.derivative, DoubleArray(h.size) { h[it][j] }, estimate.tolerance, "∂∇f/∂x$j (step ${estimate.step})", g)
            }
        }
        assertEquals(500, passed)
        report(compared, skipped, tolerances)
    }

    /** Prints how tight the derived tolerances were, and checks that few coordinates were skipped. */
    private fun report(compared: Int, skipped: Int, tolerances: List<Double>) {
        val sorted = tolerances.sorted()
        println("  $compared coordinates differenced, ${sorted.size} entries compared, $skipped coordinates skipped (stencil left the domain); " +
            "tolerance / scale: median ${sorted[sorted.size / 2]}, 90th percentile ${sorted[sorted.size * 9 / 10]}")
        assertTrue(skipped <= compared / 10, "$skipped coordinates skipped of ${compared + skipped}")
    }
}
