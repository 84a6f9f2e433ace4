package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.kotlin.div
import dev.autodiff.kotlin.sin
import dev.autodiff.kotlin.times
import dev.autodiff.kotlin.variables
import dev.autodiff.reverse.Reverse
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The size of derivatives as expressions: a chain of 40,000 nodes, its gradient and its second
 * derivative, measured in distinct nodes and compared with chains a quarter and half as long, so
 * that linear growth shows as a constant ratio.
 */
class SymbolicSizeTest {
    private val xy = variables("x", "y")
    private val x = xy[0]
    private val y = xy[1]

    /** A chain of 5 nodes per step: sin, a product with x, a quotient of y by a new constant, a sum. */
    private fun chain(steps: Int): Expr {
        var e: Expr = x
        repeat(steps) { e = sin(e) * x + y / 1.5 }
        return e
    }

    @Test
    fun theGradientOfA40000NodeChainGrowsLinearly() {
        val ratios = ArrayList<Double>()
        for (steps in listOf(2_000, 4_000, 8_000)) {
            val e = chain(steps)
            val n = e.nodeCount()
            val gradient = e.gradient(listOf(x, y))
            val m = Expr.sum(gradient).nodeCount()
            val second = e.derivative(x).derivative(x).nodeCount()
            ratios += m.toDouble() / n
            println("  chain of $n nodes: gradient ${m} nodes (ratio ${"%.3f".format(m.toDouble() / n)}), " +
                "∂²/∂x² ${second} nodes (ratio ${"%.3f".format(second.toDouble() / n)})")
            // sin' = cos is one node, each edge into the chain one product, the sums at x and y one
            // node per use, the quotient's partial a shared constant: at most 4 new nodes per node
            assertTrue(m <= 4 * n, "gradient of $n nodes has $m")
            // the second derivative differentiates the first, about 3n nodes: again linear
            assertTrue(second <= 16 * n, "second derivative of $n nodes has $second")
        }
        // linear: the ratio does not grow with the length (it is the same to within 0.1 %)
        assertEquals(ratios[0], ratios[2], 1e-3 * ratios[0], "ratios $ratios")
        // and the gradient is right: against the compiled reverse gradient at a point
        val e = chain(8_000)
        val g = e.gradient(listOf(x, y)).map { it.value(mapOf("x" to 0.7, "y" to -0.2)) }.toDoubleArray()
        val compiled = Reverse.of(e, x, y).gradient(0.7, -0.2)
        assertClose(compiled, g, AD_RELATIVE * scaleOf(compiled, g), "gradient of the chain", "chain(8000)")
    }
}
