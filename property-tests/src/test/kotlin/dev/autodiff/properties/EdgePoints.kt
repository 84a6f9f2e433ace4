package dev.autodiff.properties

import dev.autodiff.core.Constant
import kotlin.random.Random

/**
 * Points where the rules meet their edges: coordinates that are zeros of either sign, subnormal,
 * tiny or huge, infinite or NaN, where the logarithms, roots and inverse functions have their
 * singularities (0, ±1), where the logistic functions' exponentials overflow (±800), ties of two
 * coordinates (max, min, comparisons, x - y = 0), a constant of the expression (x - c = 0, x < c at
 * its boundary), mixed with ordinary values.
 */
object EdgePoints {
    /** The special coordinates. */
    val EDGES = doubleArrayOf(
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 1e300, -1e300, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1.0, -1.0, 2.0, 800.0, -800.0,
    )

    /** Returns a point for [g]: each coordinate special, tied to another or to a constant of [g], or ordinary. */
    fun point(g: GeneratedExpr, random: Random): DoubleArray {
        val constants = postOrder(g.expr).filterIsInstance<Constant>().map { it.value() }
        val p = DoubleArray(g.variables.size)
        for (i in p.indices) {
            val roll = random.nextDouble()
            p[i] = when {
                roll < 0.5 -> EDGES[random.nextInt(EDGES.size)]
                roll < 0.65 && i > 0 -> p[random.nextInt(i)].let { if (random.nextBoolean()) it else -it }
                roll < 0.8 && constants.isNotEmpty() -> constants.random(random).let { if (random.nextInt(4) == 0) -it else it }
                else -> 4 * random.nextDouble() - 2
            }
        }
        return p
    }
}
