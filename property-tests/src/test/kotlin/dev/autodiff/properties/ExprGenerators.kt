package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Constant
import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Expr
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import io.kotest.property.Arb
import io.kotest.property.arbitrary.arbitrary
import java.util.IdentityHashMap
import kotlin.random.Random

/** How random expressions are drawn. */
data class ExprConfig(
    /** At most this many operations are applied; each adds one node, possibly reusing earlier ones. */
    val maxSteps: Int = 12,
    /** At most this many variables, drawn from [NAMES]. */
    val maxVariables: Int = 3,
    /** The custom operations calls may use. */
    val operations: List<CustomOperation> = CustomOperations.all,
    /** The domain every node must lie in at the point, or null for no restriction at all. */
    val domain: Domain? = Domain(),
    /** Whether constants include NaN, infinities, -0.0, subnormals and random bit patterns. */
    val wildConstants: Boolean = false,
) {
    companion object {
        /** Variable names, including ones that print back-quoted (a reserved name and one with spaces). */
        val NAMES = listOf("x", "y", "z", "w", "t_1", "e", "speed of light")
    }
}

/** Random expression DAGs over every primitive of the core table and the custom operations. */
object ExprGenerators {
    /** Expressions with a point inside the default [Domain]: for values, derivatives and laws. */
    val valid: Arb<GeneratedExpr> = expressions(ExprConfig())

    /** Expressions with no domain and wild constants: for printing, parsing and equality. */
    val wild: Arb<GeneratedExpr> = expressions(ExprConfig(domain = null, wildConstants = true))

    /** Returns an arbitrary of expressions drawn as [config] says, shrinking by [ExprShrinker]. */
    fun expressions(config: ExprConfig): Arb<GeneratedExpr> = arbitrary(ExprShrinker) { rs -> Builder(rs.random, config).build() }

    internal val UNARY: List<Primitive> = Primitive.entries.filter { it.arity() == 1 && it != Primitive.POW_CONST }
    // Comparisons and polygamma (whose first operand is a constant order) have steps of their own.
    internal val BINARY: List<Primitive> = Primitive.entries.filter { it.arity() == 2 && !it.isComparison && !it.hasConstantOrder() }
    internal val COMPARISONS: List<Primitive> = Primitive.entries.filter { it.isComparison }

    /** The highest order of polygamma drawn (ψ, ψ′, ψ″, ψ‴); Taylor mode and Hessians take higher ones. */
    internal const val MAX_POLYGAMMA_ORDER = 3
    private val EXPONENTS = listOf(0.0, 1.0, 2.0, 3.0, 4.0, -1.0, -2.0, 0.5, 1.5, -0.5, 1.0 / 3)
    private val ROUND = listOf(0.0, 1.0, -1.0, 2.0, 0.5, 3.0, Math.PI, 10.0, 0.1, 1e-3, 1e3, -0.25)
    private val EXTREME = listOf(
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 4.9e-324, 1.0 / 3, 0.1 + 0.2,
    )

    /**
     * Builds one expression bottom-up: a pool starts with the variables; each step applies a
     * primitive to operands drawn from the pool, recent nodes preferred, so earlier nodes are reused
     * and shared subexpressions arise as shared objects. With a domain, a candidate node is kept
     * only when it lies inside the domain at the point, which is drawn first.
     */
    private class Builder(val random: Random, val config: ExprConfig) {
        private val names = ExprConfig.NAMES.shuffled(random).take(random.nextInt(1, config.maxVariables + 1))
        private val variables = names.map { Expr.variable(it) }
        private val point = DoubleArray(names.size) { coordinate() }
        private val pool = ArrayList<Expr>()
        private val values = IdentityHashMap<Expr, Double>()
        private val parents = IdentityHashMap<Expr, Boolean>()

        fun build(): GeneratedExpr {
            variables.forEachIndexed { i, v -> add(v, point[i]) }
            val steps = random.nextInt(1, config.maxSteps + 1)
            repeat(steps) {
                for (attempt in 0 until 30) if (step()) break
            }
            // Fold variables the result does not use yet into it, so that several variables occur.
            val used = pool.last().variables()
            for (v in variables.filter { it !in used }) {
                for (attempt in 0 until 10) {
                    val root = pool.last()
                    val op = BINARY.random(random)
                    if (accept(if (random.nextBoolean()) Binary.of(op, root, v) else Binary.of(op, v, root))) break
                }
            }
            return GeneratedExpr(pool.last(), variables, point, config.operations, config.domain)
        }

        private fun coordinate(): Double {
            val base = 4 * random.nextDouble() - 2
            return if (random.nextInt(5) == 0) base * listOf(0.01, 0.1, 10.0).random(random) else base
        }

        private fun add(e: Expr, value: Double) {
            pool += e
            for (c in children(e)) parents[c] = true
            values[e] = value
        }

        /** Tries one random step; returns whether it added a node. */
        private fun step(): Boolean {
            val roll = random.nextDouble()
            val node: Expr = when {
                roll < 0.36 -> Unary.of(UNARY.random(random), operand())
                roll < 0.39 -> Binary.of(Primitive.POLYGAMMA, Expr.constant(random.nextInt(MAX_POLYGAMMA_ORDER + 1).toDouble()), operand())
                roll < 0.47 -> {
                    // the same node on both sides, as in sin(x) * sin(x): sharing by construction
                    val a = operand()
                    Binary.of(BINARY.random(random), a, a)
                }
                roll < 0.72 -> {
                    val a = operandOrConstant()
                    val b = if (a is Constant) operand() else operandOrConstant()
                    if (random.nextBoolean()) Binary.of(BINARY.random(random), a, b) else Binary.of(BINARY.random(random), b, a)
                }
                roll < 0.76 -> comparison()
                roll < 0.82 -> {
                    // a branch on a comparison: one already in the pool (shared with its other uses) or a new one
                    val conditions = pool.filter { it is Binary && it.op().isComparison }
                    val c = if (conditions.isNotEmpty() && random.nextBoolean()) conditions.random(random) else comparison()
                    if (conditions.none { it === c } && !accept(c)) return false
                    Expr.ifElse(c, operand(), operand())
                }
                roll < 0.90 -> operand().pow(EXPONENTS.random(random))
                config.operations.isEmpty() -> return false
                else -> config.operations.random(random).invoke(operand())
            }
            return accept(node)
        }

        /**
         * Returns a new comparison of an operand with another or with a constant; half the constants
         * lie a few margins from the operand's value at the point, so that both outcomes occur.
         */
        private fun comparison(): Expr {
            val op = COMPARISONS.random(random)
            val a = operand()
            val value = values[a]
            val b: Expr = when {
                random.nextBoolean() -> operand()
                value != null && value.isFinite() && random.nextBoolean() -> {
                    val margin = config.domain?.margin ?: 0.05
                    Expr.constant(value + (if (random.nextBoolean()) 1 else -1) * margin * (1 + 9 * random.nextDouble()))
                }
                else -> Expr.constant(constant())
            }
            return if (random.nextBoolean()) Binary.of(op, a, b) else Binary.of(op, b, a)
        }

        /** Adds [node] to the pool if it lies inside the domain at the point; returns whether it did. */
        private fun accept(node: Expr): Boolean {
            val domain = config.domain
            if (domain == null) {
                add(node, Double.NaN)
                return true
            }
            val ops = children(node)
            val v = DoubleArray(3) { if (it < ops.size) valueOf(ops[it]) else 0.0 }
            if (domain.violation(node, v[0], v[1], v[2]) != null) return false
            add(node, Reference.apply(node, v[0], v[1], v[2]))
            return true
        }

        private fun valueOf(e: Expr): Double = values[e] ?: (e as Constant).value()

        /**
         * Draws an operand: half the time a node nothing uses yet (so variables and side branches
         * end up in the result), otherwise a recent node or any node (so used nodes get reused).
         */
        private fun operand(): Expr {
            val roll = random.nextDouble()
            val unused = if (roll < 0.5) pool.filter { !parents.containsKey(it) } else emptyList()
            return when {
                unused.isNotEmpty() -> unused.random(random)
                roll < 0.8 -> pool[pool.size - 1 - random.nextInt(minOf(3, pool.size))]
                else -> pool.random(random)
            }
        }

        private fun operandOrConstant(): Expr = if (random.nextInt(4) == 0) Expr.constant(constant()) else operand()

        private fun constant(): Double = when {
            config.wildConstants && random.nextInt(4) == 0 ->
                if (random.nextBoolean()) EXTREME.random(random) else Double.fromBits(random.nextLong())
            random.nextBoolean() -> ROUND.random(random)
            else -> {
                val mantissa = 1 + 9 * random.nextDouble()
                val sign = if (random.nextBoolean()) 1 else -1
                sign * mantissa * Math.pow(10.0, random.nextInt(-4, 4).toDouble())
            }
        }
    }
}
