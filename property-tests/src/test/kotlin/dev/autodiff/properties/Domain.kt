package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.floor
import kotlin.math.hypot

/**
 * Where a generated expression may be evaluated and differentiated: every operand at least
 * [margin] inside its primitive's domain and away from its non-differentiable points (abs at 0,
 * max/min at ties, sqrt and cbrt at 0, atan2 and hypot at the origin, a pole of tan, of lgamma or of
 * polygamma, a comparison's boundary, ...), every value finite and at most [maxMagnitude], and every
 * local slope at most [maxSlope], so that finite differences and error bounds stay meaningful.
 */
data class Domain(val margin: Double = 0.05, val maxMagnitude: Double = 1e6, val maxSlope: Double = 1e3) {

    /**
     * Returns why node [e] with operand values [a], [b] (and [c], a branch's third) is outside the
     * domain, or null if it is inside.
     */
    fun violation(e: Expr, a: Double, b: Double, c: Double = 0.0): String? {
        val v = Reference.apply(e, a, b, c)
        if (!v.isFinite() || abs(v) > maxMagnitude) return "value $v is not finite or exceeds $maxMagnitude"
        val reason = when (e) {
            is Unary -> unary(e.op(), a)
            is Binary -> binary(e, a, b)
            // A condition that is a comparison keeps its own operands off its boundary; any other
            // must stay a margin away from 0, where the branch taken would change.
            is IfElse -> if (isComparison(e.condition())) null else need(abs(a) >= margin, Primitive.IF_ELSE, a)
            else -> null
        }
        if (reason != null) return reason
        val s = Reference.slopes(e, a, b, c)
        if (!s.all { abs(it) <= maxSlope }) return "local slope ${s.toList()} exceeds $maxSlope"
        return null
    }

    private fun isComparison(e: Expr) = e is Binary && e.op().isComparison

    private fun unary(p: Primitive, a: Double): String? = when (p) {
        Primitive.LOG, Primitive.LOG10, Primitive.SQRT -> need(a >= margin, p, a)
        Primitive.CBRT, Primitive.ABS -> need(abs(a) >= margin, p, a)
        Primitive.LOG1P -> need(a >= -1 + margin, p, a)
        Primitive.ASIN, Primitive.ACOS, Primitive.ATANH -> need(abs(a) <= 1 - margin, p, a)
        Primitive.ACOSH -> need(a >= 1 + margin, p, a)
        Primitive.TAN -> need(abs(cos(a)) >= margin, p, a)
        Primitive.LGAMMA -> gamma(p, a)
        // e^(-a²), the derivative, comes from a rounded a², which errs by a²·u relative: ≤ 6.25u
        // here, inside the 8u per rule that the error bounds grant
        Primitive.ERF, Primitive.ERFC -> need(abs(a) <= ERF_RANGE, p, a)
        else -> null
    }

    /**
     * The poles of Γ are 0, -1, -2 …: an argument must be a margin above 0 or a margin away from a
     * negative integer, and above [GAMMA_FLOOR], below which the oracle's recurrence
     * ([SpecialOracle]) would take too many steps.
     */
    private fun gamma(p: Primitive, a: Double): String? =
        need(a > GAMMA_FLOOR && (a >= margin || abs(a - Math.rint(a)) >= margin), p, a)

    private fun binary(e: Binary, a: Double, b: Double): String? {
        val p = e.op()
        return when (p) {
            Primitive.DIV -> need(abs(b) >= margin, p, b)
            Primitive.ATAN2, Primitive.HYPOT -> need(hypot(a, b) >= margin, p, a, b)
            Primitive.MAX, Primitive.MIN -> need(abs(a - b) >= margin, p, a, b)
            Primitive.LESS, Primitive.LESS_OR_EQUAL, Primitive.GREATER, Primitive.GREATER_OR_EQUAL -> need(abs(a - b) >= margin, p, a, b)
            // the order a is a whole constant; the argument is b
            Primitive.POLYGAMMA -> gamma(p, b)
            Primitive.POW -> {
                val c = e.right()
                val integer = c is Constant && c.value() == floor(c.value())
                when {
                    // a polynomial power is smooth everywhere; a negative integer power away from 0
                    integer && b >= 0 -> null
                    integer -> need(abs(a) >= margin, p, a, b)
                    // a variable or fractional exponent needs a positive base
                    else -> need(a >= margin, p, a, b)
                }
            }
            else -> null
        }
    }

    private companion object {
        /** The largest |a| of erf and erfc. */
        const val ERF_RANGE = 2.5

        /** The least argument of lgamma and polygamma. */
        const val GAMMA_FLOOR = -30.0
    }

    private fun need(ok: Boolean, p: Primitive, vararg operands: Double): String? =
        if (ok) null else "$p at ${operands.toList()} is within $margin of its domain's edge or a kink"
}
