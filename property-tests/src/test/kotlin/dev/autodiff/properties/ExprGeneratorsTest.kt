package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.IfElse
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import io.kotest.property.RandomSource
import io.kotest.property.arbitrary.take
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import kotlin.math.abs

/** The generators do what the properties rely on; sampled with the fixed seed. */
class ExprGeneratorsTest {
    private val samples: List<GeneratedExpr> = ExprGenerators.valid.take(2000, RandomSource.seeded(Properties.SEED)).toList()

    @Test
    fun everyPrimitiveAndCustomOperationOccursInsideTheDomain() {
        val seen = HashSet<String>()
        for (g in samples) for (e in postOrder(g.expr)) when (e) {
            is Unary -> seen += e.op().name
            // a constant exponent is what core compiles to POW_CONST
            is Binary -> seen += if (e.op() == Primitive.POW && e.right() is Constant) "POW_CONST" else e.op().name
            is Call -> seen += e.operation().name()
            is IfElse -> seen += Primitive.IF_ELSE.name
            else -> {}
        }
        val wanted = Primitive.entries.map { it.name } + CustomOperations.all.map { it.name() }
        assertEquals(emptyList<String>(), wanted - seen, "never generated")
        // every order of polygamma, and branches taken both ways
        val orders = samples.flatMap { g -> postOrder(g.expr).filter { it is Binary && it.op() == Primitive.POLYGAMMA } }
            .map { ((it as Binary).left() as Constant).value().toInt() }.toSet()
        assertEquals((0..ExprGenerators.MAX_POLYGAMMA_ORDER).toSet(), orders, "polygamma orders")
        val taken = samples.flatMap { g ->
            val values = g.reference().values
            postOrder(g.expr).filterIsInstance<IfElse>().map { values.getValue(it.condition()) != 0.0 }
        }
        assertTrue(taken.count { it } >= taken.size / 5 && taken.count { !it } >= taken.size / 5, "branches taken: $taken")
        println("generator: ${taken.size} branches, ${taken.count { it }} taking whenTrue")
    }

    @Test
    fun generatedPointsLieInsideTheDomain() {
        for (g in samples) assertEquals(null, g.violationAt(g.point), g.toString())
    }

    @Test
    fun expressionsShareSubexpressionsUseSeveralVariablesAndVariedConstants() {
        val shared = samples.count { hasSharedSubexpression(it.expr) }
        assertTrue(shared >= samples.size / 5, "only $shared of ${samples.size} share a subexpression")
        val multi = samples.count { it.expr.variables().size >= 2 }
        assertTrue(multi >= samples.size / 5, "only $multi of ${samples.size} use two or more variables")
        val magnitudes = samples.flatMap { g -> postOrder(g.expr).filterIsInstance<Constant>().map { abs(it.value()) } }.filter { it > 0 }
        assertTrue(magnitudes.min() <= 1e-3 && magnitudes.max() >= 1e3, "constants span ${magnitudes.min()}..${magnitudes.max()}")
        val sizes = samples.map { internalCount(it.expr) }
        println("generator: ${samples.size} samples, $shared with shared subexpressions, $multi with 2+ variables, " +
            "internal nodes ${sizes.min()}..${sizes.max()} (mean ${sizes.average()})")
    }

    @Test
    fun shrinkCandidatesAreSmallerAndStayInsideTheDomain() {
        for (g in samples.take(300)) {
            val size = internalCount(g.expr)
            val candidates = ExprShrinker.shrink(g)
            if (size > 0) assertTrue(candidates.isNotEmpty(), "no way to shrink $g")
            for (c in candidates) {
                assertTrue(internalCount(c.expr) < size, "$c is not smaller than $g")
                assertEquals(null, c.violationAt(c.point), c.toString())
            }
        }
    }

    @Test
    fun aFailingPropertyShrinksToASmallExpressionAndNamesTheSeed() {
        // A property that is false whenever a sine occurs: its smallest counterexample is sin(leaf).
        var smallest: GeneratedExpr? = null
        val failure = assertThrows<AssertionError> {
            Properties.check("deliberately false: no sine", 1000, ExprGenerators.valid) { g ->
                val hasSine = postOrder(g.expr).any { it is Unary && it.op() == Primitive.SIN }
                if (hasSine && (smallest == null || internalCount(g.expr) < internalCount(smallest!!.expr))) smallest = g
                assertTrue(!hasSine, "contains a sine")
            }
        }
        val message = failure.message.orEmpty()
        assertTrue(message.contains(Properties.SEED.toString()), message)
        val shrunk = smallest ?: error("the property never failed")
        assertEquals(1, internalCount(shrunk.expr), "shrunk to $shrunk")
        println("deliberate failure shrank to ${shrunk.expr}; Kotest said:\n$message")
    }
}
