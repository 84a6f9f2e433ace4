package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.kotlin.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The Kotlin example of the README, compiled and run; the README copies the body of [example]. */
class ReadmeKotlinExampleTest {

    @Test
    fun example() {
        val (x, y) = variables("x", "y")
        val f = x * y + sin(x) / (2.0 * x)            // Expr's Java operators plus dev.autodiff.kotlin
        val g = x.pow(2) + 1 - 3 * exp(-y) + max(x, y)
        val h = sqrt(f * f + g * g) * cos(y)

        println(f)                                    // x * y + sin(x) / (2.0 * x)
        val v = f.value(x to 1.5, y to -2.0)          // or f.value(mapOf("x" to 1.5, "y" to -2.0))
        val same = Expr.parse(f.toString())           // printing and parsing round-trip

        // Oracle: the same formulas in kotlin.math.
        assertEquals(1.5 * -2.0 + kotlin.math.sin(1.5) / (2.0 * 1.5), v, 1e-15)
        assertEquals(f, same)
        val gv = 1.5 * 1.5 + 1 - 3 * kotlin.math.exp(2.0) + 1.5
        assertEquals(gv, g.value(x to 1.5, y to -2.0), 1e-13)
        assertEquals(kotlin.math.sqrt(v * v + gv * gv) * kotlin.math.cos(-2.0), h.value(x to 1.5, y to -2.0), 1e-13)
        assertEquals("x * y + sin(x) / (2.0 * x)", f.toString())
    }
}
