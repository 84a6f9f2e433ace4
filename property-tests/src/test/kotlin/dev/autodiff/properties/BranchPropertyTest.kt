package dev.autodiff.properties

import dev.autodiff.core.Expr
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.math.max
import kotlin.random.Random

/**
 * `ifElse(c, a, b)` is the branch taken, exactly: at random points its value, gradient and Hessian
 * by every route equal the taken branch's own to the bit (derivatives as expressions to rounding), whether it is taken as the branch when
 * true or when false, and whatever the branch not taken is: another expression, or a poison whose
 * value or partials are NaN or infinite there (the logarithm of a negative number, a square root at
 * 0, 0/0). The condition is a comparison of a variable with a constant a margin away, so it holds
 * the same way along every route's perturbations.
 */
class BranchPropertyTest {

    /** Returns the branches not taken: poisons that share the taken branch [f], and the unrelated [other]. */
    private fun notTaken(f: Expr, other: Expr): List<Expr> {
        val zero = f.minus(f)
        return listOf(
            f.times(f).plus(1.0).unaryMinus().log(), // log of a negative number: NaN, and NaN partials
            zero.sqrt().plus(f), // √0: its partial is +∞
            zero.div(zero), // 0/0: NaN
            other,
        )
    }

    @Test
    fun ifElseIsTheBranchTakenToTheBitAndTheBranchNotTakenChangesNothing() {
        var compared = 0L
        val passed = Properties.check("ifElse(c, a, b) = the branch taken, to the bit", 300, ExprGenerators.valid, Arb.long()) { g, seed ->
            val random = Random(seed)
            val f = g.expr
            val other = postOrder(f).filter { !isLeaf(it) }.randomOrNull(random) ?: f.newConstant(2.0)
            val x0 = g.variables[0]
            val p0 = g.point[0]
            // true or false by a margin of 0.5 (finite differences and perturbations never reach it)
            val holds = if (random.nextBoolean()) x0.greaterThan(p0 - 0.5) else x0.lessOrEqual(p0 + 0.5)
            val fails = if (random.nextBoolean()) x0.lessThan(p0 - 0.5) else x0.greaterOrEqual(p0 + 0.5)
            val expected = Routes.all(f, g.variables, g.point).associateBy { it.route }
            for (b in notTaken(f, other)) {
                for (branch in listOf(Expr.ifElse(holds, f, b), Expr.ifElse(fails, b, f))) {
                    for (r in Routes.all(branch, g.variables, g.point)) {
                        // a sparse Hessian's colouring follows the pattern, which the branch not taken widens
                        if (r.route.contains("sparse")) continue
                        val e = expected.getValue(r.route)
                        for ((q, v) in r.quantities) {
                            val w = e.quantities.getValue(q)
                            compared++
                            // Derivatives as expressions are the one route that is not bit for bit: the
                            // differentiator wraps each contribution in the branch's guard, which regroups
                            // the sums where a node is reached through both branches; to rounding there.
                            val exact = r.route != "symbolic" || q == Routes.VALUE || !w.isFinite()
                            val ok = Agreement.same(w, v) || (!exact && v.isFinite() && abs(v - w) <= AD_RELATIVE * max(1.0, abs(w)))
                            assertTrue(ok, "$q by ${r.route}: $branch gives $v, the branch taken $w, for $g")
                        }
                    }
                }
            }
        }
        assertEquals(300, passed)
        println("  $compared quantities equal to the bit")
    }
}
