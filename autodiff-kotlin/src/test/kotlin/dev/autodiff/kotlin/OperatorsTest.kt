package dev.autodiff.kotlin

import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

class OperatorsTest {
    private val x = Expr.variable("x")
    private val y = Expr.variable("y")
    private val two = Expr.constant(2.0)

    @Test
    fun numbersOnTheLeftBecomeLeftConstants() {
        assertEquals(two.plus(x), 2.0 + x)
        assertEquals(two.minus(x), 2.0 - x)
        assertEquals(two.times(x), 2.0 * x)
        assertEquals(two.div(x), 2.0 / x)
        assertEquals(two.plus(x), 2 + x)
        assertEquals(two.minus(x), 2 - x)
        assertEquals(two.times(x), 2 * x)
        assertEquals(two.div(x), 2 / x)
    }

    @Test
    fun intsOnTheRightMeanTheirDoubles() {
        assertEquals(x.plus(2.0), x + 2)
        assertEquals(x.minus(2.0), x - 2)
        assertEquals(x.times(2.0), x * 2)
        assertEquals(x.div(2.0), x / 2)
        assertEquals(x.pow(2.0), x.pow(2))
        assertEquals(x.max(2.0), x.max(2))
        assertEquals(x.min(2.0), x.min(2))
    }

    @Test
    fun kotlinOperatorsBuildTheMethodExpressions() {
        val f = x * y + sin(x) / (2.0 * x)
        assertEquals(x.times(y).plus(x.sin().div(two.times(x))), f)
        assertEquals(x.unaryMinus(), -x)
        assertEquals(x, +x)
    }

    @Test
    fun sumOfAnEmptyListIsZeroAndOfTermsIsTheirSum() {
        assertEquals(Expr.constant(0.0), emptyList<Expr>().sum())
        assertEquals(x.plus(y).plus(two), listOf(x, y, two).sum())
    }

    @Test
    fun rangeSumsAndDotProductsReadAsMathAndBuildTheJavaExpressions() {
        val w = variables("w", 3)
        val v = variables("v", 3)
        assertEquals(Expr.sum(1, 3) { w[it] * w[it] }, sum(1..2) { w[it] * w[it] })
        assertEquals(Expr.constant(0.0), sum(0 until 0) { w[it] })
        assertEquals(w[0] * v[0] + w[1] * v[1] + w[2] * v[2], w dot v)
        assertEquals(Expr.dot(w, doubleArrayOf(1.0, 2.0, 3.0)), w dot doubleArrayOf(1.0, 2.0, 3.0))
        assertThrows(IllegalArgumentException::class.java) { w dot v.subList(0, 2) }
    }

    @Test
    fun variablesDestructureInOrderAndTheDelegateUsesThePropertyName() {
        val (a, b) = variables("a", "b")
        assertEquals(Expr.variable("a"), a)
        assertEquals(Expr.variable("b"), b)
        val speed: Variable by variable
        assertEquals("speed", speed.name())
    }

    @Test
    fun variablesOfAnArrayAreNamedByIndexAsCoreNamesThem() {
        val w = variables("w", 3)
        assertEquals(Expr.variables("w", 3), w)
        assertEquals("w[2]", w[2].name())
        assertEquals(emptyList<Variable>(), variables("w", 0))
        assertThrows(IllegalArgumentException::class.java) { variables("w", -1) }
    }

    @Test
    fun valueWithPairsBindsByVariable() {
        // Oracle: the same arithmetic on doubles.
        val f = x * y - 1 / x
        assertEquals(3.0 * 2 - 1 / 3.0, f.value(x to 3.0, y to 2))
        val e = assertThrows(IllegalArgumentException::class.java) { f.value(x to 1.0) }
        assertEquals(true, e.message.orEmpty().contains("y"), e.message)
    }
}
