package dev.autodiff.properties

import dev.autodiff.core.Expr
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class ParseRoundTripPropertyTest {

    private fun roundTrips(g: GeneratedExpr) {
        val text = g.expr.toString()
        val parsed = Expr.parse(text, g.operations)
        assertEquals(g.expr, parsed, text)
        assertEquals(g.expr.hashCode(), parsed.hashCode(), text)
        // Printing is canonical, and each shared subexpression, printed once as $k, is one object again.
        assertEquals(text, parsed.toString())
        assertEquals(internalCount(g.expr), internalCount(parsed), text)
    }

    @Test
    fun printedExpressionsWithExtremeConstantsAndOddNamesParseBackEqual() {
        assertEquals(2000, Properties.check("parse(toString) wild", 2000, ExprGenerators.wild) { roundTrips(it) })
    }

    @Test
    fun printedExpressionsInsideTheDomainParseBackEqual() {
        assertEquals(1000, Properties.check("parse(toString) valid", 1000, ExprGenerators.valid) { roundTrips(it) })
    }
}
