package dev.autodiff.kotlin

import dev.autodiff.core.Binary
import dev.autodiff.core.Expr
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test

class FunctionsTest {
    private val x = Expr.variable("x")
    private val y = Expr.variable("y")

    /**
     * The top-level spelling of each function primitive. The `when` is exhaustive over
     * [Primitive], so adding a primitive to core fails this file's compilation until it is listed.
     */
    private fun topLevel(p: Primitive): ((Expr, Expr) -> Expr)? = when (p) {
        Primitive.EXP -> { a, _ -> exp(a) }
        Primitive.LOG -> { a, _ -> ln(a) }
        Primitive.LOG10 -> { a, _ -> log10(a) }
        Primitive.LOG1P -> { a, _ -> ln1p(a) }
        Primitive.EXPM1 -> { a, _ -> expm1(a) }
        Primitive.SQRT -> { a, _ -> sqrt(a) }
        Primitive.CBRT -> { a, _ -> cbrt(a) }
        Primitive.SIN -> { a, _ -> sin(a) }
        Primitive.COS -> { a, _ -> cos(a) }
        Primitive.TAN -> { a, _ -> tan(a) }
        Primitive.ASIN -> { a, _ -> asin(a) }
        Primitive.ACOS -> { a, _ -> acos(a) }
        Primitive.ATAN -> { a, _ -> atan(a) }
        Primitive.SINH -> { a, _ -> sinh(a) }
        Primitive.COSH -> { a, _ -> cosh(a) }
        Primitive.TANH -> { a, _ -> tanh(a) }
        Primitive.ASINH -> { a, _ -> asinh(a) }
        Primitive.ACOSH -> { a, _ -> acosh(a) }
        Primitive.ATANH -> { a, _ -> atanh(a) }
        Primitive.ABS -> { a, _ -> abs(a) }
        Primitive.SIGMOID -> { a, _ -> sigmoid(a) }
        Primitive.SOFTPLUS -> { a, _ -> softplus(a) }
        Primitive.ERF -> { a, _ -> erf(a) }
        Primitive.ERFC -> { a, _ -> erfc(a) }
        Primitive.LGAMMA -> { a, _ -> lgamma(a) }
        // the order is a constant: checked by its own test below
        Primitive.POLYGAMMA -> null
        Primitive.POW -> { a, b -> pow(a, b) }
        Primitive.MAX -> { a, b -> max(a, b) }
        Primitive.MIN -> { a, b -> min(a, b) }
        Primitive.ATAN2 -> { a, b -> atan2(a, b) }
        Primitive.HYPOT -> { a, b -> hypot(a, b) }
        // Operators and forms with no function spelling: + - * / are Expr's own operator methods,
        // unary minus is Expr.unaryMinus, and a constant exponent is pow(x, 2.0).
        Primitive.ADD, Primitive.SUB, Primitive.MUL, Primitive.DIV, Primitive.NEG, Primitive.POW_CONST -> null
        // Comparisons are Expr's lessThan … methods and the infix lt le gt ge; ifElse takes three
        // operands and is checked by its own test below.
        Primitive.LESS, Primitive.LESS_OR_EQUAL, Primitive.GREATER, Primitive.GREATER_OR_EQUAL,
        Primitive.IF_ELSE -> null
    }

    @Test
    fun polygammaAndItsNamedOrdersBuildTheCoreNode() {
        assertEquals(x.polygamma(3), polygamma(3, x))
        assertEquals(x.polygamma(0), digamma(x))
        assertEquals(x.polygamma(1), trigamma(x))
    }

    @Test
    fun ifElseAndTheInfixComparisonsBuildTheCoreNodes() {
        assertEquals(Expr.ifElse(x.lessThan(y), x, y), ifElse(x lt y, x, y))
        assertEquals(x.lessOrEqual(2.0), x le 2.0)
        assertEquals(x.greaterThan(y), x gt y)
        assertEquals(x.greaterOrEqual(0.0), x ge 0.0)
    }

    @Test
    fun everyFunctionPrimitiveHasATopLevelFunctionBuildingThatPrimitive() {
        for (p in Primitive.entries.filter { it.isFunction && it != Primitive.IF_ELSE && it != Primitive.POLYGAMMA }) {
            val f = topLevel(p) ?: fail("no top-level function for $p")
            val e = f(x, y)
            val expected: Expr = if (p.arity() == 1) Unary.of(p, x) else Binary.of(p, x, y)
            assertEquals(expected, e, "top-level function for $p")
        }
    }

    @Test
    fun topLevelFunctionsEqualTheMethodSpelling() {
        assertEquals(x.sin().plus(x.cos().times(y)), sin(x) + cos(x) * y)
        assertEquals(x.log(), log(x))
        assertEquals(x.log1p(), log1p(x))
        assertEquals(x.square(), square(x))
        assertEquals(x.sigmoid(), sigmoid(x))
    }

    @Test
    fun constantOperandsBecomeConstantsInTheWrittenPosition() {
        val two = Expr.constant(2.0)
        assertEquals(x.pow(two), pow(x, 2))
        assertEquals(x.pow(two), pow(x, 2.0))
        assertEquals(two.pow(x), pow(2.0, x))
        assertEquals(x.max(two), max(x, 2.0))
        assertEquals(two.max(x), max(2.0, x))
        assertEquals(x.min(two), min(x, 2.0))
        assertEquals(two.min(x), min(2.0, x))
        assertEquals(x.atan2(two), atan2(x, 2.0))
        assertEquals(two.atan2(x), atan2(2.0, x))
        assertEquals(x.hypot(two), hypot(x, 2.0))
        assertEquals(two.hypot(x), hypot(2.0, x))
    }

    @Test
    fun atan2TakesYFirstAsKotlinMathDoes() {
        // Oracle: kotlin.math.atan2 at the same point; the angle of (x, y) = (-1, 1) is 3π/4.
        val v = atan2(y, x).value(x to -1.0, y to 1.0)
        assertEquals(kotlin.math.atan2(1.0, -1.0), v, 0.0)
        assertEquals(3 * Math.PI / 4, v, 1e-15)
    }
}
