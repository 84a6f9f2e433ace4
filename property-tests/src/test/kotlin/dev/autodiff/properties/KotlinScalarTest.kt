package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.core.NumericScalar
import dev.autodiff.core.Scalar
import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.kotlin.*
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tape
import dev.autodiff.reverse.Tracked
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.sin

/**
 * The Kotlin extensions are written once for every scalar type: the same generic function runs on
 * expressions, duals and tapes with the same derivative, and duals and tape scalars branch in
 * plain code with `<`, `>`. Oracles are closed forms; 1e-14 relative on values of order 1–10.
 */
class KotlinScalarTest {

    /** Every kind of extension: numbers on either side, top-level functions, infix comparisons, ifElse. */
    private fun <T : Scalar<T>> f(t: T): T =
        2.0 * sin(t) + 1 - t / 2 + pow(t, 2) * exp(-t) + max(t, 0.5) + hypot(1.0, t) + atan2(t, 2.0) +
            ifElse(t gt 0.0, t * 3, -t) + (1 - t) * (t + 1)

    /** f'(t), by hand. */
    private fun df(t: Double): Double =
        2 * cos(t) - 0.5 + (2 * t - t * t) * exp(-t) + (if (t > 0.5) 1.0 else 0.0) + t / kotlin.math.hypot(1.0, t) +
            2 / (4 + t * t) + (if (t > 0) 3.0 else -1.0) - 2 * t

    @Test
    fun oneGenericFunctionHasTheSameDerivativeOnExpressionsDualsAndTapes() {
        val x = Expr.variable("x")
        for (t in listOf(-1.3, 0.2, 0.9, 2.5)) {
            val symbolic = f(x).derivative(x).value(mapOf("x" to t))
            val dual = Forward.derivative({ v -> f(v) }, t)
            val tape = Reverse.derivative({ v -> f(v) }, t)
            for (d in listOf(symbolic, dual, tape)) assertEquals(df(t), d, 1e-14 * 10, "f'($t)")
        }
    }

    /** A rectifier written with a plain Kotlin branch: numeric scalars compare with `>`. */
    private fun <T : NumericScalar<T>> relu(t: T): T = if (t > 0.0) t else t.newConstant(0.0)

    /** Branches on an Int and with the number on the left. */
    private fun <T : NumericScalar<T>> steps(t: T): T = if (0 < t && t <= 1) t * t else if (1.5 < t) t * 3 else -t

    @Test
    fun dualsAndTapeScalarsBranchInPlainCode() {
        assertEquals(1.0, Forward.derivative({ v -> relu(v) }, 2.0))
        assertEquals(0.0, Forward.derivative({ v -> relu(v) }, -2.0))
        assertEquals(1.0, Reverse.derivative({ v -> relu(v) }, 2.0))
        assertEquals(0.0, Reverse.derivative({ v -> relu(v) }, -2.0))
        for ((t, d) in listOf(0.5 to 1.0, 1.0 to 2.0, 1.2 to -1.0, 2.0 to 3.0, -1.0 to -1.0)) {
            assertEquals(d, Forward.derivative({ v -> steps(v) }, t), 0.0, "steps'($t) by duals")
            assertEquals(d, Reverse.derivative({ v -> steps(v) }, t), 0.0, "steps'($t) by a tape")
        }
        val a: Dual = Dual.constant(2.0)
        assertTrue(a > 1 && a >= 2.0 && a < Dual.constant(3.0) && 1.5 < a)
        Tape.open().use { tape ->
            val b: Tracked = tape.variable(2.0)
            assertTrue(b > 1 && b <= 2.0 && b > tape.constant(1.0) && 3 > b)
        }
    }
}
