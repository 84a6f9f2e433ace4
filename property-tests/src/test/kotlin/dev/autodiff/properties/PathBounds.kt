package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.core.Primitive
import dev.autodiff.core.Variable
import dev.autodiff.core.internal.program.Program
import dev.autodiff.core.internal.rules.Partials
import kotlin.math.abs

/**
 * The scale against which two ways of computing a derivative are compared: the sum over all paths
 * of the absolute values of their products of local partials, `Σ_paths Π |∂|` for a first
 * derivative, and for a second derivative the same over the terms of the second-order chain rule
 * (a second partial where two paths meet, first partials elsewhere), each product with the
 * zero-factor rule ([Partials.times]).
 *
 * Every route sums the same path products, grouped and ordered in its own way (forward mode by
 * shared beginnings, reverse mode by shared ends, nested modes and symbolic derivatives by the
 * product rule on partials written as formulas). Where this sum is finite, every product in it is,
 * and each route's result is within a few units of roundoff per node of it: routes then agree to
 * [AD_RELATIVE] of it. Where it is infinite or NaN, some path product is, and the routes' groupings
 * decide whether it meets a sum that cancels it (x - x), another infinity of opposite sign or an
 * exact zero first: the convention documented on `Differentiable`, which [Agreement] counts apart.
 *
 * The local partials and the order of nodes come from the compiled program ([Program.local]), as in
 * the sweeps; only the size of a tolerance depends on them.
 */
class PathBounds(
    /** Per variable, `Σ_paths Π |∂|` of the first derivative. */
    val gradient: DoubleArray,
    /** Per pair of variables, the absolute sum of the second derivative's chain-rule terms. */
    val hessian: Array<DoubleArray>,
    /**
     * Whether the first derivative's computation leaves double's normal range: a product of
     * partials (in a node's absolute tangent or adjoint) under- or overflows, or a value does (an
     * infinite value from finite operands, 0 from operands that are not 0 where only underflow
     * makes 0). Routes that group or write those products otherwise under- or overflow elsewhere:
     * gradual underflow errs by up to half of 4.9e-324 absolutely, which later partials may scale
     * up, and a partial that underflows to 0 is a zero factor where another route's is not.
     */
    val rangeFirst: Boolean,
    /**
     * Whether the second derivative's computation leaves the normal range: [rangeFirst], a product
     * in its chain-rule terms, or a value outside [2⁻⁵⁰⁰, 2⁵⁰⁰], whose square or reciprocal square
     * (of which second partials and their formulas are made) is out of range.
     */
    val rangeSecond: Boolean,
    /** [gradient] with plain products, where 0·∞ is NaN: infinite or NaN where some path meets the zero-factor rule. */
    val weakGradient: DoubleArray,
    /** [hessian] with plain products. */
    val weakHessian: Array<DoubleArray>,
) {
    /** Products and sums that note when they leave the normal range of double. */
    private class Range {
        var left = false

        fun times(w: Double, p: Double): Double {
            val r = Partials.times(w, p)
            if (w != 0.0 && p != 0.0 && w.isFinite() && p.isFinite() && !normal(r)) left = true
            return r
        }

        fun plus(a: Double, b: Double): Double {
            val r = a + b
            if (a.isFinite() && b.isFinite() && r.isInfinite()) left = true
            return r
        }

        private fun normal(x: Double) = abs(x) >= java.lang.Double.MIN_NORMAL && abs(x) <= Double.MAX_VALUE
    }

    companion object {
        /** Outside [2⁻⁵⁰⁰, 2⁵⁰⁰], where the squares and reciprocal squares partials are made of leave the range. */
        private fun squareOutOfRange(x: Double) = x != 0.0 && x.isFinite() && (abs(x) < 3.054936363499605E-151 || abs(x) > 3.273390607896142E150)

        /** The primitives whose value underflows to 0 from operands that are not 0. */
        private val UNDERFLOWING = setOf(
            Primitive.MUL, Primitive.DIV, Primitive.POW, Primitive.POW_CONST, Primitive.EXP, Primitive.SIGMOID,
            Primitive.SOFTPLUS, Primitive.ERFC, Primitive.ATAN2, Primitive.POLYGAMMA, Primitive.HYPOT,
        ).map { it.ordinal }.toSet()

        /**
         * Returns whether node [k] over- or underflowed: an infinite value from finite operands, or
         * 0 from operands that are not 0 where only underflow makes 0 ([UNDERFLOWING]).
         */
        private fun leftRange(program: Program, value: DoubleArray, k: Int): Boolean {
            val operands = listOf(program.left[k], program.right[k]).filter { it >= 0 }.map { value[it] }
            if (operands.any { !it.isFinite() }) return false
            val v = value[k]
            if (v.isInfinite() || (v == 0.0 && program.code[k] in UNDERFLOWING && operands.none { it == 0.0 })) return true
            // a power's partials are made of a^(b-1) and a^(b-2), which may leave the range where a^b does not
            val exponent = when (program.code[k]) {
                Primitive.POW.ordinal -> operands[1]
                Primitive.POW_CONST.ordinal -> program.param[k]
                else -> return false
            }
            val base = operands[0]
            return base != 0.0 && listOf(exponent - 1, exponent - 2).any { e ->
                val r = abs(Math.pow(base, e))
                r.isFinite() && r != 0.0 && r < java.lang.Double.MIN_NORMAL || r.isInfinite() || (r == 0.0 && e != 0.0)
            }
        }

        /** Returns the bounds of [e] over [variables] at [p]. */
        fun of(e: Expr, variables: List<Variable>, p: DoubleArray): PathBounds {
            val program = Program.compile(listOf(e), variables)
            val n = variables.size
            val size = program.size
            val value = DoubleArray(size)
            val t = Array(size) { DoubleArray(n) }
            val s = Array(size) { Array(n) { DoubleArray(n) } }
            // the same sums with plain products, where 0·∞ is NaN: what expressions evaluate
            val tw = Array(size) { DoubleArray(n) }
            val sw = Array(size) { Array(n) { DoubleArray(n) } }
            val first = Range()
            val second = Range()
            var squares = false
            val q = Partials()
            for (k in 0 until size) {
                if (k < program.inputCount) {
                    value[k] = p[k]
                    t[k][k] = 1.0
                    tw[k][k] = 1.0
                    squares = squares || squareOutOfRange(p[k])
                    continue
                }
                if (!program.isOperation(k)) {
                    value[k] = program.param[k]
                    continue
                }
                program.local(k, value, q, true)
                value[k] = q.value
                if (leftRange(program, value, k)) first.left = true
                squares = squares || squareOutOfRange(q.value)
                val a = program.left[k]
                val b = program.right[k]
                val unary = b < 0
                val ta = t[a]
                val tb = if (unary) DoubleArray(n) else t[b]
                val sb = if (unary) Array(n) { DoubleArray(n) } else s[b]
                val (da, db, scale) = Triple(abs(q.da), abs(q.db), abs(q.scale))
                val (daa, dab, dbb) = Triple(abs(q.daa), abs(q.dab), abs(q.dbb))
                for (i in 0 until n) {
                    t[k][i] = first.plus(first.times(ta[i], da), first.times(tb[i], db))
                    // the scaled second partials applied as the sweeps apply them (Partials.curvature)
                    val ca = second.times(ta[i], scale)
                    val cb = second.times(tb[i], scale)
                    val rowA = second.times(second.plus(second.times(ca, daa), second.times(cb, dab)), scale)
                    val rowB = second.times(second.plus(second.times(ca, dab), second.times(cb, dbb)), scale)
                    for (j in 0 until n) {
                        s[k][i][j] = second.plus(
                            second.plus(second.times(s[a][i][j], da), second.times(sb[i][j], db)),
                            second.plus(second.times(rowA, ta[j]), second.times(rowB, tb[j])),
                        )
                    }
                }
                val twa = tw[a]
                val twb = if (unary) DoubleArray(n) else tw[b]
                val swb = if (unary) Array(n) { DoubleArray(n) } else sw[b]
                for (i in 0 until n) {
                    tw[k][i] = twa[i] * da + (if (unary) 0.0 else twb[i] * db)
                    val rowA = (twa[i] * scale * daa + (if (unary) 0.0 else twb[i] * scale * dab)) * scale
                    val rowB = if (unary) 0.0 else (twa[i] * scale * dab + twb[i] * scale * dbb) * scale
                    for (j in 0 until n) {
                        sw[k][i][j] = sw[a][i][j] * da + rowA * twa[j] + (if (unary) 0.0 else swb[i][j] * db + rowB * twb[j])
                    }
                }
            }
            val out = program.outputs[0]
            // Sums of path ends, the reverse sweep's absolute adjoints: their products may leave the
            // range where the beginnings' (t) do not.
            val adjoint = DoubleArray(size)
            adjoint[out] = 1.0
            for (k in size - 1 downTo program.inputCount) {
                if (!program.isOperation(k) || adjoint[k] == 0.0) continue
                program.local(k, value, q, true)
                val l = program.left[k]
                adjoint[l] = first.plus(adjoint[l], first.times(adjoint[k], abs(q.da)))
                val r = program.right[k]
                if (r >= 0) adjoint[r] = first.plus(adjoint[r], first.times(adjoint[k], abs(q.db)))
            }
            return PathBounds(t[out], s[out], first.left, first.left || second.left || squares, tw[out], sw[out])
        }
    }
}
