package dev.autodiff.properties

import kotlin.math.abs

/**
 * Compares every route with every other, quantity by quantity, and keeps count.
 *
 * Values agree when they are the same number (NaN with NaN, +0 with -0): every route evaluates the
 * same rule for each node. Routes that run the same sweep ([sweep]) agree to the bit. Derivatives
 * otherwise agree when they are the same non-finite value, or both are finite and within
 * [AD_RELATIVE] of their scale: the [PathBounds] both sum in their own grouping (of the larger of
 * the two results where the bound is infinite: every infinite path met a zero factor in both).
 *
 * A pair that does not agree falls under one of the conventions documented on `Differentiable`,
 * counted apart, or is a disagreement: *excused* when its bound is infinite or NaN and one of the
 * two is not finite (some path product is infinite or NaN, and the grouping decides between ∞, NaN
 * and a zero factor's 0); *expressions* when one is a symbolic derivative, not finite, where the
 * bound with plain products is not finite (an expression's products are IEEE's, not the zero-factor
 * rule); *range* when the computation leaves double's normal range ([PathBounds.rangeFirst]).
 */
class Agreement {
    /** One quantity on which two routes disagree. */
    class Disagreement(val first: String, val second: String, val quantity: String, val a: Double, val b: Double, val case: String)

    /** The number of comparisons made. */
    var comparisons = 0L
        private set

    /** Every disagreement found. */
    val disagreements = ArrayList<Disagreement>()

    /** Every difference excused by an infinite or NaN path product. */
    val excused = ArrayList<Disagreement>()

    /**
     * Every difference where a derivative as an expression is not finite because a path meets the
     * zero-factor rule, which an expression's plain products do not follow ([PathBounds.weakGradient]).
     */
    val expressions = ArrayList<Disagreement>()

    /** Every difference excused by a computation out of double's normal range ([PathBounds.rangeFirst], [PathBounds.rangeSecond]). */
    val range = ArrayList<Disagreement>()

    /** Every difference between routes that compute the same thing the same way, which must be identical. */
    val identical = ArrayList<Disagreement>()

    /**
     * Returns the sweep by which [route] computes quantity [q], when routes of one sweep do the same
     * arithmetic in the same order, or null: the compiled functions' methods (and their loop
     * kernels) share the reverse sweep, the tangent sweep, the second-order sweeps; the tape its
     * backward sweep; Taylor mode its series.
     */
    fun sweep(route: String, q: String): String? {
        val second = q.startsWith("∂²")
        return when {
            route.contains("sparse") || route.endsWith("H·e_j") -> null
            // hessian() is the products with the unit vectors, symmetrized
            route.contains("(H·e_j + H·e_i)/2") -> sweep(route.substringBefore(" (H·e_j"), q)
            route.contains("upper triangle mirrored") -> sweep(route.substringBefore(" H·e_j"), q)
            route.startsWith("reverse directional") || route.startsWith("forward directional") -> "tangents"
            route.startsWith("reverse") -> if (second) "reverse over forward" else "adjoints"
            route.startsWith("forward") -> if (second) "forward over forward" else "tangents"
            route == "tape" || route == "Reverse.gradient" -> "tape"
            else -> null
        }
    }

    /**
     * Compares every pair of [results] on the quantities both have, derivatives against [bounds]
     * (by quantity name, as [Routes] names them); [case] names the input.
     */
    fun compare(
        results: List<Results>, bounds: Map<String, Double>, case: () -> String, range: (String) -> Boolean = { false },
        weak: Map<String, Double> = emptyMap(),
    ) {
        var described: String? = null
        for (x in results.indices) for (y in x + 1 until results.size) {
            val r = results[x]
            val s = results[y]
            for ((q, a) in r.quantities) {
                val b = s.quantities[q] ?: continue
                comparisons++
                if (same(a, b)) continue
                if (q == Routes.VALUE || (sweep(r.route, q) != null && sweep(r.route, q) == sweep(s.route, q))) {
                    if (described == null) described = case()
                    identical += Disagreement(r.route, s.route, q, a, b, described)
                    continue
                }
                val bound = bounds[q]
                // Where some path product is infinite or NaN but both results are finite, both met a
                // zero factor on every such path: what is left they sum to rounding.
                val scale = if (bound != null && !bound.isFinite()) maxOf(abs(a), abs(b)) else bound
                if (scale != null && a.isFinite() && b.isFinite() && abs(a - b) <= AD_RELATIVE * scale) continue
                if (described == null) described = case()
                val d = Disagreement(r.route, s.route, q, a, b, described)
                val symbolic = if (r.route == "symbolic") a else if (s.route == "symbolic") b else null
                when {
                    bound != null && !bound.isFinite() && !(a.isFinite() && b.isFinite()) -> excused += d
                    symbolic != null && weak[q]?.isFinite() == false && !symbolic.isFinite() -> expressions += d
                    bound != null && range(q) -> this.range += d
                    else -> disagreements += d
                }
            }
        }
    }

    /** Returns, per pair of route families, the number of cases and the smallest [examples] of them. */
    fun families(list: List<Disagreement> = disagreements, examples: Int = 6): String {
        val sb = StringBuilder()
        val byFamily = list.groupBy { listOf(family(it.first), family(it.second)).sorted().joinToString(" vs ") }
        for ((pair, ds) in byFamily.entries.sortedByDescending { e -> e.value.distinctBy { it.case }.size }) {
            val cases = ds.groupBy { it.case }
            sb.append("== $pair: ${cases.size} cases, ${ds.size} quantities\n")
            for ((case, dd) in cases.entries.sortedBy { it.key.length }.take(examples)) {
                val d = dd.first()
                sb.append("    $case   ${d.quantity}: ${d.first} ${d.a}, ${d.second} ${d.b}\n")
            }
        }
        return sb.toString()
    }

    /** Returns the family of a route: each compiled function's methods are one family, and so on. */
    private fun family(route: String): String = when {
        route.startsWith("reverse") || route.startsWith("forward") -> "compiled"
        route == "tape" || route == "Reverse.gradient" -> "tape"
        route.startsWith("Taylor") -> "Taylor"
        else -> route
    }

    companion object {
        /** Returns whether [a] and [b] are the same number: NaN with NaN, +0 with -0. */
        fun same(a: Double, b: Double): Boolean = a == b || (a.isNaN() && b.isNaN())
    }
}
