package dev.autodiff.properties

import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Test

class EqualityPropertyTest {

    @Test
    fun equalityIsReflexiveSymmetricTransitiveAndAgreesWithHashCode() {
        val passed = Properties.check("equals/hashCode laws", 1000, ExprGenerators.wild) { g ->
            val e = g.expr
            val copy = rebuild(e, fresh = true) { null } // same shape, every non-leaf a new object
            val tree = unshare(e) // shared nodes duplicated
            if (!isLeaf(e)) assertNotSame(e, copy)
            assertEquals(e, e)
            assertEquals(e, copy)
            assertEquals(copy, e)
            assertEquals(e, tree)
            assertEquals(tree, copy) // transitivity through e
            assertEquals(e.hashCode(), copy.hashCode())
            assertEquals(e.hashCode(), tree.hashCode())
            assertFalse(e.equals(null))
            assertFalse(e.equals(e.toString()))
        }
        assertEquals(1000, passed)
    }

    @Test
    fun changingAnyOneNodeMakesTheExpressionsUnequal() {
        val passed = Properties.check("a changed node breaks equality", 1000, ExprGenerators.wild, Arb.int(0, 1 shl 20)) { g, k ->
            val nodes = postOrder(g.expr)
            val target = nodes[k % nodes.size]
            // A replacement that differs from target in its own node: another constant, or target negated.
            val replacement: Expr = if (target is Constant) Expr.constant(if (target.value() == 1.0) 2.0 else 1.0) else -target
            val changed = rebuild(g.expr) { if (it === target) replacement else null }
            assertNotEquals(g.expr, changed, "replaced $target by $replacement")
            assertNotEquals(changed, g.expr, "replaced $target by $replacement")
        }
        assertEquals(1000, passed)
    }
}
