package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import dev.autodiff.core.Variable
import io.kotest.property.Arb
import io.kotest.property.RandomSource
import io.kotest.property.arbitrary.arbitrary
import java.util.IdentityHashMap
import kotlin.random.Random

/**
 * A random sparse program over n variables `x[0] … x[n-1]`: a sum of small random terms, each a
 * generated expression ([ExprGenerators]) over a few variables chosen at random. Each term's
 * variables are shifted so that at [point] they take the values its generator drew inside the
 * [Domain]: `x[i] + (p − point[i])` reads `p` there, and a shift is linear, so it changes no
 * pattern.
 */
class SparseProgram(val variables: List<Variable>, val terms: List<Expr>, val point: DoubleArray) {
    /** Returns the sum of the terms. */
    val sum: Expr = terms.drop(1).fold(terms[0]) { s, t -> s.plus(t) }

    override fun toString(): String =
        "SparseProgram(n = ${variables.size}, point = ${point.contentToString()}, terms = $terms)"
}

/** Random sparse programs, and the structural patterns an oracle written here derives for them. */
object SparsePrograms {
    /** Programs of 3 to 30 variables and 1 to n terms of at most 3 variables. */
    val programs: Arb<SparseProgram> = arbitrary { rs -> build(rs.random) }

    private val termConfig = ExprConfig(maxSteps = 6, maxVariables = 3)
    private val terms = ExprGenerators.expressions(termConfig)

    private fun build(random: Random): SparseProgram {
        val n = random.nextInt(3, 31)
        val x = Expr.variables("x", n)
        val point = DoubleArray(n) { 4 * random.nextDouble() - 2 }
        val count = random.nextInt(1, n + 1)
        return SparseProgram(x, List(count) { term(random, x, point) }, point)
    }

    private fun term(random: Random, x: List<Variable>, point: DoubleArray): Expr {
        val g = terms.sample(RandomSource.seeded(random.nextLong())).value
        val chosen = x.indices.shuffled(random).take(g.variables.size)
        return rebuild(g.expr) { e ->
            if (e is Variable) {
                val k = g.variables.indexOf(e)
                val i = chosen[k]
                x[i].plus(g.point[k] - point[i])
            } else {
                null
            }
        }
    }

    /**
     * What a node depends on structurally, the Hessian entries below it, and whether it is built of
     * constants alone, which the compiler folds into one constant.
     */
    private class Structure(val domain: Set<Int>, val pairs: Set<Pair<Int, Int>>, val folded: Boolean)

    /**
     * Returns the structural Hessian pattern of [root] over [variables]: forward propagation of
     * index domains and entry sets, written from the definitions, independent of the engine's
     * backward analysis. A nonlinear function adds the square of its operands' domain, a product the
     * pairs across its operands, a quotient those and its denominator's square; sums, negation, abs,
     * max and min add none; a power with constant exponent 0 is constant and with exponent 1 linear.
     */
    fun hessianPattern(root: Expr, variables: List<Variable>): Set<Pair<Int, Int>> = structure(root, variables).pairs

    /** Returns the inputs [root] depends on structurally: its row of a Jacobian pattern. */
    fun dependence(root: Expr, variables: List<Variable>): Set<Int> = structure(root, variables).domain

    private fun structure(root: Expr, variables: List<Variable>): Structure {
        val s = IdentityHashMap<Expr, Structure>()
        for (e in postOrder(root)) {
            s[e] = when (e) {
                is Variable -> Structure(setOf(variables.indexOf(e)), emptySet(), false)
                is Constant -> Structure(emptySet(), emptySet(), true)
                is Unary -> unary(e, s.getValue(e.operand()))
                is Call -> nonlinear(s.getValue(e.argument()))
                is Binary -> binary(e, s.getValue(e.left()), s.getValue(e.right()))
                // both branches pass through linearly (the condition has derivative 0): their union
                is IfElse -> linear(s.getValue(e.whenTrue()), s.getValue(e.whenFalse()))
            }
        }
        return s.getValue(root)
    }

    private fun square(a: Set<Int>, b: Set<Int>): Set<Pair<Int, Int>> =
        a.flatMap { i -> b.flatMap { j -> listOf(i to j, j to i) } }.toSet()

    private fun folded(a: Structure, b: Structure?) = a.folded && (b == null || b.folded)

    private fun linear(a: Structure, b: Structure? = null, added: Set<Pair<Int, Int>> = emptySet()): Structure =
        Structure(a.domain + (b?.domain ?: emptySet()), a.pairs + (b?.pairs ?: emptySet()) + added, folded(a, b))

    private fun nonlinear(a: Structure, b: Structure? = null): Structure {
        val domain = a.domain + (b?.domain ?: emptySet())
        return linear(a, b, square(domain, domain))
    }

    private fun unary(e: Unary, a: Structure): Structure = when (e.op()) {
        Primitive.NEG, Primitive.ABS -> linear(a)
        else -> nonlinear(a)
    }

    private fun binary(e: Binary, a: Structure, b: Structure): Structure = when (e.op()) {
        Primitive.ADD, Primitive.SUB, Primitive.MAX, Primitive.MIN -> linear(a, b)
        // a comparison is 1 or 0 with derivative 0: it passes nothing on
        Primitive.LESS, Primitive.LESS_OR_EQUAL, Primitive.GREATER, Primitive.GREATER_OR_EQUAL ->
            Structure(emptySet(), emptySet(), folded(a, b))
        Primitive.MUL -> linear(a, b, square(a.domain, b.domain))
        Primitive.DIV -> linear(a, b, square(a.domain, b.domain) + square(b.domain, b.domain))
        // an exponent of constants alone is folded to one: then 0 passes nothing on (the derivative
        // is 0 at every base), 1 is linear, anything else nonlinear in the base
        Primitive.POW -> if (!b.folded) {
            nonlinear(a, b)
        } else {
            when (e.right().value(emptyMap<String, Double>())) {
                0.0 -> Structure(emptySet(), emptySet(), a.folded)
                1.0 -> linear(a)
                else -> nonlinear(a)
            }
        }
        else -> nonlinear(a, b)
    }
}
