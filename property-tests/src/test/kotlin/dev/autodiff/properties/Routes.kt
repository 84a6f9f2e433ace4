package dev.autodiff.properties

import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Differentiable
import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import dev.autodiff.forward.Dual
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import dev.autodiff.reverse.Tape
import dev.autodiff.reverse.Tracked

/**
 * What one way of computing f, ∇f and ∇²f at a point gave: quantity name to value, with names
 * `f`, `∂i` and `∂²ij` (i, j the variables' indices). A route gives only what it computes: Taylor
 * mode the Hessian's diagonal, a directional derivative the gradient.
 */
class Results(val route: String, val quantities: Map<String, Double>)

/**
 * Every way the library computes values, first and second derivatives of an expression, as
 * [Results] to compare with each other: the compiled modes and each of their methods, the numeric
 * scalar types ([Dual], [Tracked]) through the test's [Interpreter]s, nested for second order,
 * Taylor mode, and derivatives as expressions, evaluated.
 */
object Routes {
    /** Quantity name of the value. */
    const val VALUE = "f"

    /** Returns the name of ∂f/∂x_i. */
    fun first(i: Int) = "∂$i"

    /** Returns the name of ∂²f/∂x_i∂x_j. */
    fun second(i: Int, j: Int) = "∂²$i$j"

    /** Returns every route's results for [e] over [variables] at [p]. */
    fun all(e: Expr, variables: List<Variable>, p: DoubleArray): List<Results> {
        val out = ArrayList<Results>()
        for ((name, f) in listOf("reverse" to Reverse.of(e, variables), "forward" to Forward.of(e, variables))) {
            out += compiled(name, f, p)
        }
        out += tape(e, variables, p)
        out += dual(e, variables, p)
        out += taylor(e, variables, p)
        out += symbolic(e, variables, p)
        return out
    }

    /**
     * Returns the results of each method of a compiled function: value, gradient and Hessian;
     * value and gradient by one call; the gradient by directional derivatives along the unit
     * vectors; the Hessian by Hessian-vector products with them (columns) and as a sparse matrix.
     */
    fun compiled(name: String, f: Differentiable, p: DoubleArray): List<Results> {
        val n = p.size
        val unit = { j: Int -> DoubleArray(n).also { it[j] = 1.0 } }
        val g = DoubleArray(n)
        val v = f.valueAndGradient(p, g)
        val columns = Array(n) { j -> f.hessianVector(p, unit(j)) }
        return listOf(
            Results(name, of(f.value(*p), f.gradient(*p), f.hessian(*p))),
            Results("$name valueAndGradient", of(v, g, null)),
            Results("$name directional", of(null, DoubleArray(n) { f.directional(p, unit(it)) }, null)),
            Results("$name H·e_j", of(null, null, Array(n) { i -> DoubleArray(n) { j -> columns[j][i] } })),
            // How hessian() is made of the products with the unit vectors: reverse mode symmetrizes
            // them, (H·e_j)_i/2 + (H·e_i)_j/2; forward mode computes the upper triangle and mirrors it.
            if (name == "reverse") {
                Results("$name (H·e_j + H·e_i)/2", of(null, null, Array(n) { i -> DoubleArray(n) { j -> if (i == j) columns[j][i] else 0.5 * columns[j][i] + 0.5 * columns[i][j] } }))
            } else {
                Results("$name H·e_j, upper triangle mirrored", of(null, null, Array(n) { i -> DoubleArray(n) { j -> columns[maxOf(i, j)][minOf(i, j)] } }))
            },
            Results("$name sparse Hessian", of(null, null, f.sparseHessian(*p).toDense())),
        )
    }

    /** Returns the numeric tape's value and gradient, and the Hessian by a tape nested in a tape. */
    fun tape(e: Expr, variables: List<Variable>, p: DoubleArray): List<Results> {
        val f = { xs: Array<Tracked> -> TrackedInterpreter.evaluate(e, variables, xs) }
        val (value, gradient) = Tape.open().use { tape ->
            val xs = Array(p.size) { tape.variable(p[it]) }
            val y = f(xs)
            y.value() to tape.gradient(y, *xs)
        }
        val hessian = Tape.open().use { tape ->
            val xs = Array(p.size) { tape.variable(p[it]) }
            val inner = tape.gradientOf(f, *xs)
            Array(xs.size) { i -> tape.gradient(inner[i], *xs) }
        }
        return listOf(
            Results("tape", of(value, gradient, null)),
            Results("Reverse.gradient", of(null, Reverse.gradient(f, *p), null)),
            Results("nested tapes", of(null, null, hessian)),
        )
    }

    /** Returns the dual numbers' value and gradient, and the Hessian by duals nested in duals. */
    fun dual(e: Expr, variables: List<Variable>, p: DoubleArray): List<Results> {
        val f = { xs: Array<Dual> -> DualCallInterpreter.evaluate(e, variables, xs) }
        val value = f(Array(p.size) { Dual.constant(p[it]) }).value()
        val hessian = Array(p.size) { i -> Forward.gradient({ xs -> Forward.gradient(f, *xs)[i] }, *p) }
        return listOf(
            Results("dual", of(value, Forward.gradient(f, *p), null)),
            Results("nested duals", of(null, null, hessian)),
        )
    }

    /**
     * Returns Taylor mode's coefficients along each unit vector (value, ∂i and ∂²ii = 2·c₂), and
     * its derivatives in each variable with the others held.
     */
    fun taylor(e: Expr, variables: List<Variable>, p: DoubleArray): List<Results> {
        val n = p.size
        val along = HashMap<String, Double>()
        val held = HashMap<String, Double>()
        for (i in 0 until n) {
            refusing { Forward.taylor(e, variables, p, DoubleArray(n).also { it[i] = 1.0 }, 2) }?.let { c ->
                along[VALUE] = c[0]
                along[first(i)] = c[1]
                along[second(i, i)] = 2 * c[2]
            }
            val others = (0 until n).filter { it != i }.associate { variables[it] to p[it] }
            refusing { Forward.derivatives(e, variables[i], others, p[i], 2) }?.let { d ->
                held[VALUE] = d[0]
                held[first(i)] = d[1]
                held[second(i, i)] = d[2]
            }
        }
        return listOf(Results("Taylor along e_i", along), Results("Taylor, others held", held))
    }

    /** How many times Taylor mode refused order 2 (its series not representable in double precision there). */
    @Volatile
    var refusals = 0
        private set

    /**
     * Returns Taylor mode's coefficients, or null where it refuses the order with the exception it
     * documents (coefficients out of double's range at every scale of the input series), counted.
     */
    private fun refusing(taylor: () -> DoubleArray): DoubleArray? = try {
        taylor()
    } catch (e: IllegalArgumentException) {
        if (e.message?.contains("Taylor") != true && e.message?.contains("beyond what double precision") != true) throw e
        refusals++
        null
    }

    /** Returns the expression's value, and its derivatives as expressions ([Expr.gradient], twice), evaluated. */
    fun symbolic(e: Expr, variables: List<Variable>, p: DoubleArray): List<Results> {
        val bindings = variables.indices.associate { variables[it].name() to p[it] }
        val gradient = e.gradient(variables)
        val hessian = Array(p.size) { i -> gradient[i].gradient(variables).map { it.value(bindings) }.toDoubleArray() }
        return listOf(Results("symbolic", of(e.value(bindings), gradient.map { it.value(bindings) }.toDoubleArray(), hessian)))
    }

    /**
     * [e] repeated: the sum over k < [reps] of [e] with each variable x_i replaced by its k-th copy,
     * whose [variables] are listed block by block (all of copy 0, then copy 1, …). The blocks have
     * the same structure over a stride of inputs, which is what loop kernels are made for.
     */
    class Repeated(val sum: Expr, val variables: List<Variable>, val reps: Int)

    /** Returns [e] over [variables] repeated [reps] times. */
    fun repeated(e: Expr, variables: List<Variable>, reps: Int): Repeated {
        val copies = variables.indices.map { Expr.variables("copy$it", reps) }
        val blocks = (0 until reps).map { k -> rebuild(e, fresh = true) { v -> if (v is Variable) copies[variables.indexOf(v)][k] else null } }
        return Repeated(blocks.drop(1).fold(blocks[0]) { s, b -> s.plus(b) }, (0 until reps).flatMap { k -> copies.map { it[k] } }, reps)
    }

    /** Returns what [compile] gives with loop kernels on ([loops]) or off, by the engine's system property. */
    fun <T> withLoops(loops: Boolean, compile: () -> T): T = synchronized(this) {
        val before = System.getProperty(LOOPS)
        System.setProperty(LOOPS, loops.toString())
        try {
            compile()
        } finally {
            if (before == null) System.clearProperty(LOOPS) else System.setProperty(LOOPS, before)
        }
    }

    /** The system property read at compilation that turns loop kernels off when false. */
    private const val LOOPS = "autodiff.loops"

    /**
     * Returns the repeated expression's functions, compiled in both modes with loops on and off, each
     * called at [p] repeated in every block: the first (outside the loop, which starts once the
     * constants are loaded) and the last block's gradient and Hessian block as results over the
     * original variables, and the whole results.
     */
    fun loops(r: Repeated, p: DoubleArray): Pair<List<Results>, List<Results>> {
        val n = p.size
        val point = DoubleArray(r.variables.size) { p[it % n] }
        val blocks = ArrayList<Results>()
        val whole = ArrayList<Results>()
        for (loops in listOf(true, false)) {
            val modes = withLoops(loops) { listOf("reverse" to Reverse.of(r.sum, r.variables), "forward" to Forward.of(r.sum, r.variables)) }
            for ((mode, f) in modes) {
                val name = "$mode ×${r.reps}" + if (loops) " loops" else " no loops"
                val g = f.gradient(*point)
                val h = f.hessian(*point)
                whole += Results(name, of(f.value(*point), g, h))
                for (k in listOf(0, r.reps - 1)) {
                    blocks += Results("$name, block $k", of(null, DoubleArray(n) { g[k * n + it] }, Array(n) { i -> DoubleArray(n) { j -> h[k * n + i][k * n + j] } }))
                }
            }
        }
        return blocks to whole
    }

    /** Returns the quantities of a value, a gradient and a Hessian, each of which may be absent. */
    fun of(value: Double?, gradient: DoubleArray?, hessian: Array<DoubleArray>?): Map<String, Double> {
        val m = LinkedHashMap<String, Double>()
        if (value != null) m[VALUE] = value
        gradient?.forEachIndexed { i, g -> m[first(i)] = g }
        hessian?.forEachIndexed { i, row -> row.forEachIndexed { j, h -> m[second(i, j)] = h } }
        return m
    }
}

/**
 * Expressions as functions of [Dual] numbers with custom operations applied by [Dual.apply], so
 * that they follow the operation's own rules as the compiled modes do (where [DualInterpreter]
 * writes them out as formulas, whose conventions at infinities differ).
 */
object DualCallInterpreter : Interpreter<Dual>() {
    override fun constant(c: Double, like: Dual): Dual = Dual.constant(c)

    override fun call(op: CustomOperation, a: Dual): Dual = a.apply(op)
}
