package dev.autodiff.properties

import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import dev.autodiff.forward.Forward
import java.util.IdentityHashMap
import kotlin.math.abs
import kotlin.math.floor
import kotlin.math.ln
import kotlin.math.max

/**
 * Central finite differences with one Richardson step, and the error bound each estimate carries.
 *
 * With `D(s) = (f(x+s) - f(x-s)) / 2s = f' + f'''s²/6 + f⁽⁵⁾s⁴/120 + …`, the extrapolation
 * `R(h) = (4·D(h/2) - D(h)) / 3 = f' - f⁽⁵⁾h⁴/480 + O(h⁶)` cancels the h² term. Its error has two parts:
 *
 * - roundoff: if each value of f is off by at most ε, `D(h/2)` is off by ≤ 2ε/h and `D(h)` by ≤ ε/h,
 *   so R(h) by ≤ (4·2ε/h + ε/h)/3 = 3ε/h, and R(2h) by ≤ 1.5ε/h;
 * - truncation, T(h) ≈ c·h⁴, so T(2h) ≈ 16·T(h) and `|R(h) - R(2h)| ≥ 15|T(h)| - 4.5ε/h`, that is
 *   `|T(h)| ≤ (|R(h) - R(2h)| + 4.5ε/h) / 15`.
 *
 * Hence `|R(h) - f'| ≤ 3.3ε/h + |R(h) - R(2h)|/15`; the tolerance used is `3.5ε/h + |R(h) - R(2h)|`,
 * which keeps the factor 15 as slack for the O(h⁶) terms the estimate ignores. ε comes from an error
 * analysis of the evaluation, not from the results ([valueNoise], [gradientNoise]).
 *
 * The bound on T(h) holds once h is small enough for the h⁴ term to dominate: for each elementary
 * function, when its operand moves by much less than the distance over which the function
 * changes character (a period of sin, a pole of tan, ...). So the step is the power of two at or
 * below `1e-3 / max(1, max_nodes |∂a/∂x_j|)`, the absolute tangents of every node's operands a: no
 * operand moves by more than 2e-3 across the stencil. 1e-3 is about the optimum `(ε/f⁽⁵⁾)^(1/5)` of
 * this scheme in double precision for a function varying on a unit scale. The step is smaller
 * still (÷4, ÷16) when the stencil's segment would leave the domain.
 */
object FiniteDifferences {
    /** An estimate of ∂f/∂x_j for each component of a vector function f, and its error bound. */
    class Estimate(val derivative: DoubleArray, val tolerance: DoubleArray, val step: Double)

    /**
     * Returns the estimate of the partial derivatives along coordinate [j] at `g.point` of [f], whose
     * components have absolute error at most [noise] at a point, or null when even the smallest
     * step's segment `[x - 2h, x + 2h]` leaves the domain (checked at 17 points along it).
     */
    fun partial(g: GeneratedExpr, j: Int, f: (DoubleArray) -> DoubleArray, noise: (DoubleArray) -> DoubleArray): Estimate? {
        val x = g.point
        var rate = 1.0
        for (t in absoluteTangents(g, x).values) rate = max(rate, t[j])
        val h0 = Math.scalb(1.0, floor(ln(1e-3 / rate) / ln(2.0)).toInt())
        val h = listOf(h0, h0 / 4, h0 / 16).firstOrNull { h -> (-8..8).all { g.isValidAt(shifted(x, j, it * h / 4)) } }
            ?: return null
        val offsets = doubleArrayOf(h / 2, h, 2 * h)
        val plus = offsets.map { shifted(x, j, it) }
        val minus = offsets.map { shifted(x, j, -it) }
        val fp = plus.map(f)
        val fm = minus.map(f)
        // Divide by the steps actually taken, (x + s) - (x - s), which may differ from 2s by rounding of x + s.
        val d = offsets.indices.map { k -> DoubleArray(fp[k].size) { i -> (fp[k][i] - fm[k][i]) / (plus[k][j] - minus[k][j]) } }
        val size = d[0].size
        val r1 = DoubleArray(size) { (4 * d[0][it] - d[1][it]) / 3 }
        val r2 = DoubleArray(size) { (4 * d[1][it] - d[2][it]) / 3 }
        val eps = DoubleArray(size)
        for (p in plus + minus) noise(p).forEachIndexed { i, e -> eps[i] = max(eps[i], e) }
        return Estimate(r1, DoubleArray(size) { 3.5 * eps[it] / h + abs(r1[it] - r2[it]) }, h)
    }

    private fun shifted(x: DoubleArray, j: Int, s: Double): DoubleArray = x.copyOf().also { it[j] += s }

    /**
     * Returns a bound on the rounding error of the value of [g] at [p]: Reference's first-order
     * bound on how far two correct evaluators differ, times 4 for second-order terms (as the value
     * properties use).
     */
    fun valueNoise(g: GeneratedExpr, p: DoubleArray): DoubleArray =
        doubleArrayOf(4 * g.reference(p).errors.getValue(g.expr) + underflow(g))

    /**
     * Returns the rounding error relative bounds miss in the subnormal range, where IEEE rounding
     * errs by up to half of [Double.MIN_VALUE] absolutely: one [Double.MIN_VALUE] per node, times 4.
     */
    private fun underflow(g: GeneratedExpr): Double = 4.0 * postOrder(g.expr).size * Double.MIN_VALUE

    /**
     * Returns a bound on the rounding error of each entry of an AD gradient of [g] at [p], by first
     * order error analysis of the sum over paths `∂f/∂x_i = Σ_paths Π s_edge` of local partials s:
     *
     * - each edge's partial is off by `η = 8u|s| + Σ_m |∂s/∂a_m|·err(a_m)`: a few roundings in its
     *   rule, plus the error of its operands' values (Reference's bounds) moving it along its slope;
     *   that changes the gradient by `B(node)·η·T_i(operand)`, with B and T the adjoint and tangent
     *   computed with absolute values of the partials;
     * - the products and sums along the paths round by at most `2(N+1)u` relative, N the node count,
     *   of the absolute gradient `T_i(root)`.
     *
     * The sum of these, times 2 for the second-order terms, plus the subnormal rounding of [underflow]. The local partials and their
     * derivatives come from forward mode on each node alone ([local]).
     */
    fun gradientNoise(g: GeneratedExpr, p: DoubleArray): DoubleArray {
        val n = g.variables.size
        val eval = g.reference(p)
        val order = postOrder(g.expr)
        val slopes = IdentityHashMap<Expr, DoubleArray>()
        val tangents = absoluteTangents(g, p, eval, slopes)
        val adjoints = IdentityHashMap<Expr, Double>()
        adjoints[g.expr] = 1.0
        val eps = DoubleArray(n)
        for (e in order.asReversed()) {
            val b = adjoints[e] ?: continue
            val ops = children(e)
            if (ops.isEmpty()) continue
            val s = slopes.getValue(e)
            val curvature = local(e, ops.map { eval.values.getValue(it) }).hessian
            for (k in ops.indices) {
                var eta = 8 * UNIT_ROUNDOFF * abs(s[k])
                for (m in ops.indices) eta += abs(curvature[k][m]) * eval.errors.getValue(ops[m])
                val t = tangents.getValue(ops[k])
                for (i in 0 until n) eps[i] += b * eta * t[i]
                adjoints.merge(ops[k], b * abs(s[k]), Double::plus)
            }
        }
        val nodes = order.size
        val root = tangents.getValue(g.expr)
        return DoubleArray(n) { 2 * (eps[it] + 2 * (nodes + 1) * UNIT_ROUNDOFF * root[it]) + underflow(g) }
    }

    /**
     * Returns, for every node of [g] at [p], its tangents along each variable computed with the
     * absolute values of the local partials: `T_i(node) = Σ_paths Π |s_edge|`, an upper bound on
     * how fast the node moves with x_i. Fills [slopes] with each internal node's local partials.
     */
    fun absoluteTangents(
        g: GeneratedExpr, p: DoubleArray, eval: Reference.Evaluation = g.reference(p),
        slopes: IdentityHashMap<Expr, DoubleArray> = IdentityHashMap(),
    ): IdentityHashMap<Expr, DoubleArray> {
        val n = g.variables.size
        val tangents = IdentityHashMap<Expr, DoubleArray>()
        for (e in postOrder(g.expr)) {
            val ops = children(e)
            tangents[e] = when {
                e is Variable -> DoubleArray(n) { if (g.variables[it] == e) 1.0 else 0.0 }
                ops.isEmpty() -> DoubleArray(n)
                else -> {
                    val s = local(e, ops.map { eval.values.getValue(it) }).gradient
                    slopes[e] = s
                    DoubleArray(n) { i -> ops.indices.sumOf { k -> abs(s[k]) * tangents.getValue(ops[k])[i] } }
                }
            }
        }
        return tangents
    }

    /** The local partials of one node with respect to each operand, and their derivatives. */
    private class Local(val gradient: DoubleArray, val hessian: Array<DoubleArray>)

    /**
     * Returns the local partials of node [e] at operand values [at] and their derivatives
     * `∂s_k/∂a_m`, from forward mode on the node alone. Only the size of an error bound depends on
     * them; differences of Reference's values would lose them where a function is flat at a
     * magnitude (tanh at 20 is 1 in double precision, its slope 4e-18 is not 0 in relative terms).
     * A constant operand stays a constant (a constant exponent stays POW_CONST, polygamma's order a
     * constant); its partials are 0.
     */
    private fun local(e: Expr, at: List<Double>): Local {
        val ops = children(e)
        val inputs = ops.indices.map { Expr.variable("local $it") }
        val node = withChildren(e, ops.mapIndexed { k, c -> if (c is Constant) c else inputs[k] })
        val compiled = Forward.of(node, inputs)
        val point = at.toDoubleArray()
        return Local(compiled.gradient(*point), compiled.hessian(*point))
    }
}
