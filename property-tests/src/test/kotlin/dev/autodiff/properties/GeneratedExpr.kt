package dev.autodiff.properties

import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import kotlin.math.abs

/**
 * A random expression with what properties need to use it: its [variables] (the order points
 * list values in), a [point] inside the [domain] (null for expressions generated without one), and
 * the custom [operations] it may call, which parsing needs.
 */
class GeneratedExpr(
    val expr: Expr,
    val variables: List<Variable>,
    val point: DoubleArray,
    val operations: List<CustomOperation>,
    val domain: Domain?,
) {
    /** Returns the variables as an array, as `Forward.of(expr, *vars)` wants them. */
    val variableArray: Array<Variable> get() = variables.toTypedArray()

    /** Returns the bindings by name of [p], a point listing one value per variable. */
    fun bindings(p: DoubleArray = point): Map<String, Double> =
        variables.indices.associate { variables[it].name() to p[it] }

    /** Returns the reference evaluation at [p]. */
    fun reference(p: DoubleArray = point): Reference.Evaluation = Reference.evaluate(expr, bindings(p))

    /** Returns why [p] is outside the domain (the first offending node), or null when it is inside. */
    fun violationAt(p: DoubleArray): String? {
        val d = domain ?: return null
        val values = reference(p).values
        for (e in postOrder(expr)) {
            val ops = children(e)
            if (ops.isEmpty()) continue
            val v = DoubleArray(3) { if (it < ops.size) values.getValue(ops[it]) else 0.0 }
            d.violation(e, v[0], v[1], v[2])?.let { return "$it, in $e" }
        }
        return null
    }

    /** Returns whether every node at [p] is inside the domain. */
    fun isValidAt(p: DoubleArray): Boolean = violationAt(p) == null

    /** Returns a copy with another expression over the same variables, point and operations. */
    fun with(e: Expr): GeneratedExpr = GeneratedExpr(e, variables, point, operations, domain)

    /**
     * Returns points within relative distance [radius] of [point] that are inside the domain; after
     * 100 rejected draws it gives [point] itself, which always is.
     */
    fun pointsNear(radius: Double = 0.05): Arb<DoubleArray> = arbitrary { rs ->
        var found = point.copyOf()
        for (attempt in 0 until 100) {
            val p = DoubleArray(point.size) { point[it] + radius * (1 + abs(point[it])) * (2 * rs.random.nextDouble() - 1) }
            if (isValidAt(p)) {
                found = p
                break
            }
        }
        found
    }

    override fun toString(): String =
        "GeneratedExpr(expr = $expr, variables = $variables, point = ${point.contentToString()}, " +
            "internal nodes = ${internalCount(expr)})"
}
