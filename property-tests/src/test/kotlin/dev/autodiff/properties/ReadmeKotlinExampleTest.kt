package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.core.Scalar
import dev.autodiff.forward.Forward
import dev.autodiff.kotlin.*
import dev.autodiff.reverse.Reverse
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import kotlin.math.cos
import kotlin.math.sin

/**
 * The Kotlin examples of the README, compiled and run; the README copies the bodies of [example]
 * and [genericExample] above their oracles.
 */
class ReadmeKotlinExampleTest {

    @Test
    fun example() {
        val (x, y) = variables("x", "y")
        val f = x * y + sin(x) / (2.0 * x)            // Expr's Java operators plus dev.autodiff.kotlin
        println(f)                                    // x * y + sin(x) / (2 * x)
        val v = f.value(x to 1.5, y to -2.0)          // evaluate directly

        val df = Reverse.of(f, x, y)                  // compile once, call from any thread
        val grad = df.gradient(1.0, 2.0)              // [y + (x cos x - sin x) / 2x², x]
        val hess = df.hessian(1.0, 2.0)               // exactly symmetric

        // No expression at all: differentiate Kotlin lambdas over dual numbers or tape scalars.
        val d = Forward.derivative({ t -> t * t.sin() }, 1.0)               // sin 1 + cos 1
        val g = Reverse.gradient({ (a, b) -> a * b + a.sin() }, 1.0, 2.0)   // [b + cos a, a]

        // Oracle: closed forms in kotlin.math; tolerances of a few ulps of values of order 1.
        assertEquals("x * y + sin(x) / (2 * x)", f.toString())
        assertEquals(f, Expr.parse(f.toString()))
        assertEquals(1.5 * -2.0 + sin(1.5) / (2.0 * 1.5), v, 1e-15)
        assertArrayEquals(doubleArrayOf(2.0 + (cos(1.0) - sin(1.0)) / 2, 1.0), grad, 1e-15)
        val fxx = (-sin(1.0) - 2 * cos(1.0) + 2 * sin(1.0)) / 2 // (−x² sin x − 2x cos x + 2 sin x) / 2x³ at x = 1
        assertArrayEquals(doubleArrayOf(fxx, 1.0), hess[0], 1e-15)
        assertArrayEquals(doubleArrayOf(1.0, 0.0), hess[1], 1e-15)
        assertEquals(sin(1.0) + cos(1.0), d, 1e-15)
        assertArrayEquals(doubleArrayOf(2.0 + cos(1.0), 1.0), g, 1e-15)
    }

    @Test
    fun genericExample() {
        // One function, written once for expressions, dual numbers and tape scalars alike
        fun <T : Scalar<T>> rosenbrock(x: List<T>): T =
            (0 until x.size - 1).map { i -> 100.0 * pow(x[i + 1] - x[i] * x[i], 2) + pow(1.0 - x[i], 2) }.reduce { a, b -> a + b }

        val xs = variables("x", 3)
        val f = rosenbrock(xs)                                          // an expression
        val symbolic = f.gradient(xs)                                   // ∇f as expressions: print, compile, differentiate again
        val fxy = f.derivative(xs[0]).derivative(xs[1])                 // ∂²f/∂x₀∂x₁ = -400 x₀
        val byDuals = Forward.gradient({ v -> rosenbrock(v.toList()) }, 0.5, 1.5, -0.7)
        val byTape = Reverse.gradient({ v -> rosenbrock(v.toList()) }, 0.5, 1.5, -0.7)

        // Oracle: the closed form of the gradient, and the three ways against each other.
        val at = mapOf("x[0]" to 0.5, "x[1]" to 1.5, "x[2]" to -0.7)
        val exact = doubleArrayOf(-400 * 0.5 * (1.5 - 0.25) - 2 * (1 - 0.5), 200 * (1.5 - 0.25) - 400 * 1.5 * (-0.7 - 2.25) - 2 * (1 - 1.5), 200 * (-0.7 - 2.25))
        val bySymbols = symbolic.map { it.value(at) }.toDoubleArray()
        for (g in listOf(bySymbols, byDuals, byTape)) assertArrayEquals(exact, g, 1e-12)
        assertEquals(-400 * 0.5, fxy.value(at), 1e-12)
    }

    @Test
    fun richerExpressionsReadAsMathematics() {
        val (x, y) = variables("x", "y")
        val f = x * y + sin(x) / (2.0 * x)
        val g = x.pow(2) + 1 - 3 * exp(-y) + max(x, y)
        val h = sqrt(f * f + g * g) * cos(y)
        val v = f.value(x to 1.5, y to -2.0)
        val gv = 1.5 * 1.5 + 1 - 3 * kotlin.math.exp(2.0) + 1.5
        assertEquals(gv, g.value(x to 1.5, y to -2.0), 1e-13)
        assertEquals(kotlin.math.sqrt(v * v + gv * gv) * cos(-2.0), h.value(x to 1.5, y to -2.0), 1e-13)
    }
}
