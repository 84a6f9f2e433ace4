package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tracked
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The conventions documented on `Differentiable` for the edge points where routes may differ, one
 * example each, pinned down in every route it concerns; EdgePointPropertyTest finds no difference
 * outside them. NaN is asserted with `assertEquals(NaN, …)`, which JUnit compares as equal.
 */
class EdgeConventionsTest {
    private val x = Expr.variable("x")
    private val y = Expr.variable("y")
    private val z = Expr.variable("z")
    private val nan = Double.NaN

    @Test
    fun aTangentThatCancelsBeforeAnInfinitePartialIsAZeroFactorOnlyInForwardGroupings() {
        // lgamma(x - x): the tangent of x - x is exactly 0 and ψ(0) is NaN
        val f = x.minus(x).lgamma()
        val forwardGroupings = mapOf(
            "Forward.of" to Forward.of(f, x).gradient(2.0)[0],
            "Reverse.of directional" to Reverse.of(f, x).directional(doubleArrayOf(2.0), doubleArrayOf(1.0)),
            "dual" to Forward.derivative({ v: Dual -> v.minus(v).lgamma() }, 2.0),
            "Taylor" to Forward.derivatives(f, x, 2.0, 1)[1],
        )
        for ((route, d) in forwardGroupings) assertEquals(0.0, d, route)
        val reverseGroupings = mapOf(
            "Reverse.of" to Reverse.of(f, x).gradient(2.0)[0],
            "Reverse.of valueAndGradient" to DoubleArray(1).also { Reverse.of(f, x).valueAndGradient(doubleArrayOf(2.0), it) }[0],
            "tape" to Reverse.derivative({ v: Tracked -> v.minus(v).lgamma() }, 2.0),
            "symbolic" to f.derivative(x).value(mapOf("x" to 2.0)),
        )
        for ((route, d) in reverseGroupings) assertEquals(nan, d, route)
    }

    @Test
    fun anAdjointThatCancelsAfterAnInfinitePartialIsAZeroFactorOnlyInReverseGroupings() {
        // 1/x - 1/x at 1e-300: the partial -1/x² overflows to -∞, the adjoint of 1/x is 1 - 1 = 0
        val inverse = x.pow(-1.0)
        val f = inverse.minus(inverse)
        assertEquals(0.0, Reverse.of(f, x).gradient(1e-300)[0], "Reverse.of")
        assertEquals(0.0, Reverse.derivative({ v: Tracked -> v.pow(-1.0).let { it.minus(it) } }, 1e-300), "tape")
        assertEquals(nan, Forward.of(f, x).gradient(1e-300)[0], "Forward.of")
        assertEquals(nan, Forward.derivative({ v: Dual -> v.pow(-1.0).let { it.minus(it) } }, 1e-300), "dual")
        // the expression's own products: 0·(-∞)
        assertEquals(nan, f.derivative(x).value(mapOf("x" to 1e-300)), "symbolic")
    }

    @Test
    fun hessianIsTheMeanOfTheTwoProductsInReverseModeAndTheUpperTriangleInForwardMode() {
        val f = y.times(x.minus(x).lgamma())
        val p = doubleArrayOf(2.0, 3.0)
        val reverse = Reverse.of(f, x, y)
        val hx = reverse.hessianVector(p, doubleArrayOf(1.0, 0.0))
        val hy = reverse.hessianVector(p, doubleArrayOf(0.0, 1.0))
        // ∂²/∂x∂y: along y the tangent of x - x cancels after the NaN partial; along x before it
        assertEquals(0.0, hx[1], "(H·e_x)_y")
        assertEquals(nan, hy[0], "(H·e_y)_x")
        val h = reverse.hessian(*p)
        assertEquals(0.5 * hy[0] + 0.5 * hx[1], h[0][1], "reverse H_xy, the mean")
        assertEquals(h[0][1], h[1][0])
        val forward = Forward.of(f, x, y)
        val fy = forward.hessianVector(p, doubleArrayOf(0.0, 1.0))
        assertEquals(0.0, fy[0], "forward (H·e_y)_x")
        assertEquals(fy[0], forward.hessian(*p)[0][1], "forward H_xy, the upper triangle")
        assertEquals(fy[0], forward.hessian(*p)[1][0], "forward H_yx, mirrored")
    }

    @Test
    fun aSecondPartialThatUnderflowsBeforeItMeetsAHugeAdjointIsLost() {
        // y·log1p(z) at z = 1e300, y = -1e300: ∂²/∂z² = -y/(1 + z)² = 1e-300
        val f = y.times(z.log1p())
        val p = doubleArrayOf(1e300, -1e300)
        assertEquals(1e-300, Forward.derivatives(f, z, mapOf(y to -1e300), 1e300, 2)[2], "Taylor")
        assertEquals(0.0, Reverse.of(f, z, y).hessian(*p)[0][0], "reverse Hessian")
        assertEquals(0.0, Forward.of(f, z, y).hessian(*p)[0][0], "forward Hessian")
        // the mixed partial 1/(1 + z) = 1e-300 does not underflow anywhere
        assertEquals(1e-300, Reverse.of(f, z, y).hessian(*p)[0][1], "reverse H_zy")
    }

    @Test
    fun derivativesAsExpressionsAreNaNWhereAPathMeetsTheZeroFactorRule() {
        // log(x³) at 0: (x³)' = 3x² = 0 is a zero factor for log' = 1/x³ = ∞ in every mode
        val f = x.pow(3.0).log()
        assertEquals(0.0, Forward.of(f, x).gradient(0.0)[0], "Forward.of")
        assertEquals(0.0, Reverse.of(f, x).gradient(0.0)[0], "Reverse.of")
        assertEquals(0.0, Forward.derivative({ v: Dual -> v.pow(3.0).log() }, 0.0), "dual")
        assertEquals(0.0, Reverse.derivative({ v: Tracked -> v.pow(3.0).log() }, 0.0), "tape")
        assertEquals(nan, f.derivative(x).value(mapOf("x" to 0.0)), "symbolic: 3x²·(1/x³) = 0·∞")
    }

    @Test
    fun taylorFirstDerivativeOfLog10OfSinhAtMinus1eMinus300IsFinite() {
        // f' = 1/(w·ln 10) = -4.3e299 (the compiled modes, the tape, duals and TaylorRules at scale 1
        // give it); f'' = -1/(w²·ln 10) overflows. The value is NaN (log of a negative), which once
        // hid the overflow of f'' at the direction's scale from Taylor's scale search: f' was -∞.
        val w = Expr.variable("w")
        val expected = Reverse.of(w.sinh().log10(), w).gradient(-1e-300)[0]
        assertEquals(-4.342944819032518e299, expected, 1e285)
        assertEquals(expected, Forward.derivatives(w.sinh().log10(), w, -1e-300, 2)[1], 1e285)
    }
}
