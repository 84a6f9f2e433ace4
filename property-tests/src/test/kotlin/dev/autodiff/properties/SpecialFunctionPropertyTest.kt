package dev.autodiff.properties

import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import io.kotest.property.arbitrary.double
import io.kotest.property.arbitrary.int
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.math.max

/**
 * The special functions' laws on generated expressions, in both compiled modes: σ(g) + σ(-g) = 1,
 * erf(g) + erfc(g) = 1, lnΓ(g + 1) = lnΓ(g) + ln|g|, with their gradients and Hessians; lgamma's
 * derivative is digamma and polygamma(n)'s is polygamma(n + 1), to the bit in every mode; and the
 * logistic functions stay finite with finite derivatives far in their tails in every mode.
 */
class SpecialFunctionPropertyTest {
    private val modes = listOf<(Expr, List<Variable>) -> dev.autodiff.core.Differentiable>({ e, v -> Forward.of(e, v) }, { e, v -> Reverse.of(e, v) })

    /**
     * Checks that `left - right` is 0 in value, gradient and Hessian at [g]'s point in both modes, to
     * [AD_RELATIVE] of [scale] (the size of the terms that cancel: value, gradient and Hessian of
     * the two sides, each at most a few units of roundoff apart from the exact ones).
     */
    private fun assertLaw(g: GeneratedExpr, left: Expr, right: Expr, what: String) {
        for (mode in modes) {
            val l = mode(left, g.variables)
            val r = mode(right, g.variables)
            val p = g.point
            val value = doubleArrayOf(l.value(*p) - r.value(*p))
            val scaleValue = max(abs(l.value(*p)), abs(r.value(*p)))
            assertClose(doubleArrayOf(0.0), value, AD_RELATIVE * max(1.0, scaleValue), "$what: value", g)
            val lg = l.gradient(*p)
            val rg = r.gradient(*p)
            assertClose(lg, rg, AD_RELATIVE * scaleOf(lg, rg), "$what: gradient of $l", g)
            val lh = l.hessian(*p)
            val rh = r.hessian(*p)
            assertClose(lh, rh, AD_RELATIVE * scaleOf(lh, rh), "$what: Hessian of $l", g)
        }
    }

    @Test
    fun sigmoidOfMinusXIsOneMinusSigmoid() {
        val passed = Properties.check("σ(g) + σ(-g) = 1", 1000, ExprGenerators.valid) { g ->
            val e = g.expr
            assertLaw(g, e.sigmoid().plus(e.unaryMinus().sigmoid()), e.newConstant(1.0), "σ(g) + σ(-g) = 1")
        }
        assertEquals(1000, passed)
    }

    @Test
    fun erfPlusErfcIsOne() {
        val passed = Properties.check("erf(g) + erfc(g) = 1", 1000, ExprGenerators.valid) { g ->
            val e = g.expr
            assertLaw(g, e.erf().plus(e.erfc()), e.newConstant(1.0), "erf + erfc = 1")
        }
        assertEquals(1000, passed)
    }

    @Test
    fun logGammaOfXPlusOneIsLogGammaPlusLogX() {
        val domain = Domain()
        var skipped = 0
        val passed = Properties.check("lnΓ(g + 1) = lnΓ(g) + ln|g|", 1000, ExprGenerators.valid) { g ->
            val e = g.expr
            val v = g.reference().values.getValue(e)
            val left = e.plus(1.0).lgamma()
            val right = e.lgamma().plus(e.abs().log())
            // both sides' functions at v, v + 1 and |v| inside the domain (a margin from the poles)
            val ok = listOf(left to v + 1, e.lgamma() to v).all { (f, a) -> domain.violation(f, a, 0.0) == null } &&
                domain.violation(e.abs(), v, 0.0) == null
            if (!ok) {
                skipped++
                return@check
            }
            assertLaw(g, left, right, "lnΓ(g + 1) = lnΓ(g) + ln|g|")
        }
        assertEquals(1000, passed)
        assertTrue(skipped < 250, "$skipped of 1000 cases had g at a pole or at 0")
        println("  cases at a pole of Γ or at 0, skipped: $skipped")
    }

    /** A point and an order of polygamma: x away from the poles by at least 0.05, on both sides of 0. */
    private val polygammaPoints: Arb<Pair<Double, Int>> = arbitrary { rs ->
        var x: Double
        do {
            x = Arb.double(-12.0, 40.0).sample(rs).value
        } while (x < 0.05 && abs(x - Math.rint(x)) < 0.05)
        x to Arb.int(0, 6).sample(rs).value
    }

    @Test
    fun derivativeOfLgammaIsDigammaAndOfPolygammaTheNextOrderToTheBitInEveryMode() {
        val x = Expr.variable("x")
        val passed = Properties.check("lnΓ' = ψ, ψ⁽ⁿ⁾' = ψ⁽ⁿ⁺¹⁾ to the bit", 1000, polygammaPoints) { (at, n) ->
            val bindings = mapOf("x" to at)
            for ((f, order) in listOf(x.lgamma() to -1, x.polygamma(n) to n)) {
                // the first and second derivatives are these functions' values, computed by the same rule
                val d1 = x.polygamma(order + 1).value(bindings)
                val d2 = x.polygamma(order + 2).value(bindings)
                val case = "$f at $at"
                for (r in Routes.all(f, listOf(x), doubleArrayOf(at))) {
                    r.quantities[Routes.first(0)]?.let { assertEquals(d1, it, "f' of $case by ${r.route}") }
                    val second = r.quantities[Routes.second(0, 0)] ?: continue
                    // Taylor's second coefficient comes from the special functions' series, the
                    // symbolic and nested ones from differentiating the partial again: the same number
                    // by another sum, to rounding; the compiled modes apply the table's second partial
                    if (r.route.startsWith("Taylor") || r.route == "symbolic" || r.route.startsWith("nested")) {
                        assertEquals(d2, second, AD_RELATIVE * max(1.0, abs(d2)), "f'' of $case by ${r.route}")
                    } else {
                        assertEquals(d2, second, "f'' of $case by ${r.route}")
                    }
                }
            }
        }
        assertEquals(1000, passed)
    }

    @Test
    fun logisticFunctionsStayFiniteWithFiniteDerivativesFarInTheirTailsInEveryMode() {
        // z = a·x + b at a point where z is far in a tail: ±800 (e^800 overflows), ±745 (e^-745 is the
        // last subnormal), ±1e4 and ±1e300; and the log-likelihood softplus(z) - y·z of logistic regression
        val (x, y) = Expr.variable("x") to Expr.variable("y")
        val tails = listOf(800.0, -800.0, 745.0, -745.0, 1e4, -1e4, 1e300, -1e300)
        val cases = Arb.int(0, tails.size - 1)
        val passed = Properties.check("σ, softplus finite with finite f', f'' at ±800", 200, cases, Arb.double(-3.0, 3.0)) { k, a ->
            val z0 = tails[k]
            val slope = if (abs(a) < 0.1) 1.0 else a
            // x0 chosen so that z = slope·x + 1 is z0 (to rounding)
            val x0 = (z0 - 1) / slope
            val z = x.times(slope).plus(1.0)
            for (f in listOf(z.sigmoid(), z.softplus(), z.softplus().minus(y.times(z)), z.sigmoid().times(y))) {
                for (r in Routes.all(f, listOf(x, y), doubleArrayOf(x0, 0.5))) {
                    for ((q, v) in r.quantities) assertTrue(v.isFinite(), "$q of $f at x = $x0 by ${r.route}: $v")
                }
            }
        }
        assertEquals(200, passed)
    }
}
