package dev.autodiff.properties

import dev.autodiff.forward.Forward
import dev.autodiff.kotlin.*
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tape
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.sin

/**
 * Kotlin reads the Java API natively: operator-named methods of Expr, Dual and Tracked are Kotlin
 * operators, lambdas convert to the functional interfaces, arrays destructure. Oracles are closed
 * forms; tolerances a few ulps of values of order 1–10.
 */
class KotlinNumericApiTest {

    @Test
    fun expressionsCompileAndDifferentiateInBothModes() {
        val x by variable
        val y by variable
        val f = x * y + sin(x) / (2.0 * x)
        val expected = doubleArrayOf(2.0 + (cos(1.0) - sin(1.0)) / 2, 1.0) // ∂x = y + (x cos x − sin x)/2x², ∂y = x
        assertArrayEquals(expected, Reverse.of(f, x, y).gradient(1.0, 2.0), 1e-15)
        assertArrayEquals(expected, Forward.of(f, x, y).gradient(1.0, 2.0), 1e-15)
        assertEquals(expected[0] * 0.5 - expected[1], Forward.of(f, x, y).directional(doubleArrayOf(1.0, 2.0), doubleArrayOf(0.5, -1.0)), 1e-15)
    }

    @Test
    fun lambdasDifferentiateWithDualsAndTapes() {
        // d/dt [t·sin t] = sin t + t cos t
        assertEquals(sin(1.0) + cos(1.0), Forward.derivative({ t -> t * t.sin() }, 1.0), 1e-15)
        assertEquals(sin(1.0) + cos(1.0), Reverse.derivative({ t -> t * t.sin() }, 1.0), 1e-15)
        // ∇[a·b + eᵃ] = [b + eᵃ, a]
        val expected = doubleArrayOf(2.0 + exp(1.0), 1.0)
        assertArrayEquals(expected, Forward.gradient({ (a, b) -> a * b + a.exp() }, 1.0, 2.0), 1e-14)
        assertArrayEquals(expected, Reverse.gradient({ (a, b) -> a * b + a.exp() }, 1.0, 2.0), 1e-14)
        // Nested: d/dx [x · d/dy (x·y)] = d/dx x² = 2x, with tags (Dual) and a nested tape (Tracked).
        assertEquals(6.0, Forward.derivative({ x -> x * Forward.derivative({ y -> x * y }, x) }, 3.0), 0.0)
        assertEquals(6.0, Reverse.derivative({ x -> x * x.tape().derivativeOf({ y -> x * y }, 3.0) }, 3.0), 0.0)
        // An explicit tape scope reads as Kotlin's use { }.
        val g = Tape.open().use { tape ->
            val a = tape.variable(2.0)
            val b = tape.variable(3.0)
            tape.gradient(a * b + a.sin(), a, b)
        }
        assertArrayEquals(doubleArrayOf(3.0 + cos(2.0), 2.0), g, 1e-15)
    }
}
