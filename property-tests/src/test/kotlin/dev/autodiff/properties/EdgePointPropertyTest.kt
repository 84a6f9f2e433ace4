package dev.autodiff.properties

import dev.autodiff.core.internal.program.Program
import dev.autodiff.engine.loops.LoopPlan
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.random.Random

/**
 * Every way of computing values and derivatives agrees with every other at edge points
 * ([EdgePoints]: zeros of either sign, subnormal, tiny, huge and infinite coordinates, NaN, ties,
 * the expression's own constants, mixed with ordinary values), over random expressions with no
 * domain restriction and shared subexpressions: the compiled modes and each of their methods, the
 * numeric tape and dual numbers (nested for second order), Taylor mode and symbolic derivatives
 * ([Routes]); and the expression repeated so that loop kernels run, compiled with loops on and off.
 *
 * Agreement is [Agreement]'s: values the same number; derivatives the same where not finite, to
 * rounding of their [PathBounds] where finite; routes that run the same sweep the same to the bit.
 * What remains apart is one of the conventions documented on `Differentiable`, each counted: a path
 * product that is infinite or NaN (the groupings decide between ∞, NaN and a zero factor's 0), a
 * computation that leaves double's normal range, and derivatives as expressions, whose products are
 * IEEE's. Custom operations are left out: their conventions at their own edges are their author's
 * (a numeric derivative and a derivative expression may differ in their 0·∞).
 */
class EdgePointPropertyTest {

    private fun check(name: String, cases: Int, config: ExprConfig) {
        val agreement = Agreement()
        var looped = 0
        val passed = Properties.check(name, cases, ExprGenerators.expressions(config), Arb.long()) { g, seed ->
            val p = EdgePoints.point(g, Random(seed))
            val case = { "${g.expr} at ${g.variables.indices.joinToString { "${g.variables[it]} = ${p[it]}" }}" }
            val bounds = PathBounds.of(g.expr, g.variables, p)
            // Second derivatives by the product rule on the partials' formulas (nested modes, symbolic)
            // round relative to the path products of the first derivative's expression.
            val formulas = g.expr.gradient(g.variables).map { PathBounds.of(it, g.variables, p) }
            val scale = HashMap<String, Double>()
            val weak = HashMap<String, Double>()
            for (i in p.indices) {
                scale[Routes.first(i)] = bounds.gradient[i]
                weak[Routes.first(i)] = bounds.weakGradient[i]
                for (j in p.indices) {
                    scale[Routes.second(i, j)] = maxOf(bounds.hessian[i][j], formulas[i].gradient[j])
                    // a symbolic second derivative's products are those of the first derivative's expression
                    weak[Routes.second(i, j)] = bounds.weakHessian[i][j] + formulas[i].weakGradient[j]
                }
            }
            val range = mapOf(true to (bounds.rangeSecond || formulas.any { it.rangeFirst }), false to bounds.rangeFirst)
            // enough repetitions that the loop finder takes them (at least 32 nodes and 4 repetitions)
            val repeated = Routes.repeated(g.expr, g.variables, maxOf(8, 64 / (internalCount(g.expr) + 1)))
            if (LoopPlan.withLoops(Program.compile(listOf(repeated.sum), repeated.variables)).loops() > 0) looped++
            val (blocks, whole) = Routes.loops(repeated, p)
            agreement.compare(Routes.all(g.expr, g.variables, p) + blocks, scale, case, { q -> range.getValue(q.startsWith("∂²")) }, weak)
            // the whole repeated function, loops on against loops off: the same sweeps, bit for bit
            agreement.compare(whole.filter { it.route.startsWith("reverse") }, emptyMap(), case)
            agreement.compare(whole.filter { it.route.startsWith("forward") }, emptyMap(), case)
        }
        println("  ${agreement.comparisons} comparisons: ${agreement.disagreements.size} disagreements, ${agreement.identical.size} " +
            "differences between routes of one sweep; conventions: ${agreement.excused.size} at infinite or NaN path products, " +
            "${agreement.range.size} out of double's range, ${agreement.expressions.size} in derivatives as expressions; " +
            "loop kernels in $looped of $cases repeated programs; " +
            "Taylor refused order 2 ${Routes.refusals} times in all")
        println("  conventions by routes, at infinite or NaN path products:\n" + agreement.families(agreement.excused, 1))
        println("  out of range:\n" + agreement.families(agreement.range, 1))
        assertEquals(cases, passed)
        assertTrue(looped > cases / 2, "loops in $looped of $cases repeated programs")
        assertEquals(0, agreement.identical.size, "routes of one sweep differ:\n" + agreement.families(agreement.identical))
        assertEquals(0, agreement.disagreements.size, agreement.families())
    }

    @Test
    fun everyRouteAgreesWithEveryOtherAtEdgePoints() =
        check("every route = every other at edge points", 1500, ExprConfig(maxSteps = 6, maxVariables = 3, operations = emptyList(), domain = null))

    @Test
    fun everyRouteAgreesWithEveryOtherAtEdgePointsWithExtremeConstants() =
        check(
            "every route = every other at edge points, constants NaN, ±∞, ±0, subnormal, random bits", 500,
            ExprConfig(maxSteps = 6, maxVariables = 3, operations = emptyList(), domain = null, wildConstants = true),
        )
}
