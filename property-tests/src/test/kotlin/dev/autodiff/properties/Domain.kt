package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.floor
import kotlin.math.hypot

/**
 * Where a generated expression may be evaluated and differentiated: every operand at least
 * [margin] inside its primitive's domain and away from its non-differentiable points (abs at 0,
 * max/min at ties, sqrt and cbrt at 0, atan2 and hypot at the origin, a pole of tan, ...), every
 * value finite and at most [maxMagnitude], and every local slope at most [maxSlope], so that
 * finite differences and error bounds stay meaningful.
 */
data class Domain(val margin: Double = 0.05, val maxMagnitude: Double = 1e6, val maxSlope: Double = 1e3) {

    /** Returns why node [e] with operand values [a], [b] is outside the domain, or null if it is inside. */
    fun violation(e: Expr, a: Double, b: Double): String? {
        val v = Reference.apply(e, a, b)
        if (!v.isFinite() || abs(v) > maxMagnitude) return "value $v is not finite or exceeds $maxMagnitude"
        val reason = when (e) {
            is Unary -> unary(e.op(), a)
            is Binary -> binary(e, a, b)
            else -> null
        }
        if (reason != null) return reason
        val s = Reference.slopes(e, a, b)
        if (!(abs(s[0]) <= maxSlope && abs(s[1]) <= maxSlope)) return "local slope ${s.toList()} exceeds $maxSlope"
        return null
    }

    private fun unary(p: Primitive, a: Double): String? = when (p) {
        Primitive.LOG, Primitive.LOG10, Primitive.SQRT -> need(a >= margin, p, a)
        Primitive.CBRT, Primitive.ABS -> need(abs(a) >= margin, p, a)
        Primitive.LOG1P -> need(a >= -1 + margin, p, a)
        Primitive.ASIN, Primitive.ACOS, Primitive.ATANH -> need(abs(a) <= 1 - margin, p, a)
        Primitive.ACOSH -> need(a >= 1 + margin, p, a)
        Primitive.TAN -> need(abs(cos(a)) >= margin, p, a)
        else -> null
    }

    private fun binary(e: Binary, a: Double, b: Double): String? {
        val p = e.op()
        return when (p) {
            Primitive.DIV -> need(abs(b) >= margin, p, b)
            Primitive.ATAN2, Primitive.HYPOT -> need(hypot(a, b) >= margin, p, a, b)
            Primitive.MAX, Primitive.MIN -> need(abs(a - b) >= margin, p, a, b)
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

    private fun need(ok: Boolean, p: Primitive, vararg operands: Double): String? =
        if (ok) null else "$p at ${operands.toList()} is within $margin of its domain's edge or a kink"
}
