package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import dev.autodiff.core.Variable
import java.util.IdentityHashMap
import kotlin.math.abs
import kotlin.math.max

/**
 * An evaluator written in the test from the definitions of the functions, independent of core's
 * rule table: the inverse hyperbolic functions by their logarithm formulas, the special functions by
 * [SpecialOracle], the rest by `kotlin.math`, custom operations by their own forward function.
 */
object Reference {
    /** Unit roundoff of double precision, 2⁻⁵³. */
    private const val U = 1.1102230246251565e-16

    /**
     * Returns the value of the node [e] given its operands' values [a], [b] and [c] (unused ones
     * ignored): for a branch, [a] is the condition and [b], [c] the branches.
     */
    fun apply(e: Expr, a: Double, b: Double, c: Double = 0.0): Double = when (e) {
        is Unary -> unary(e.op(), a)
        is Binary -> binary(e.op(), a, b)
        is Call -> e.operation().value(a)
        is Constant -> e.value()
        is Variable -> error("a variable has no rule: ${e.name()}")
        is IfElse -> if (a.isNaN()) Double.NaN else if (a != 0.0) b else c
    }

    /**
     * Returns how far two correct evaluations of node [e] at its operands' values may differ by
     * their own rounding: `8u·|v|` for most primitives (≤ 1 ulp for the library functions in each
     * evaluator, a few for the logarithm formulas of the inverse hyperbolics); for the special
     * functions the difference SpecialOracleTest measures between [SpecialOracle] and core, with
     * room: 16u for erf, lgamma and polygamma, whose oracles sum terms that may cancel, so of the
     * sum of the terms' absolute values rather than of the value ([SpecialOracle.Value.magnitude]);
     * 64u for erfc, whose oracle (Hipparchus' continued fraction, to 1e-15) is off by up to 46u.
     */
    fun roundoff(e: Expr, a: Double, b: Double): Double = when {
        e is Unary && e.op() == Primitive.LGAMMA -> 16 * U * SpecialOracle.lgamma(a).magnitude
        e is Binary && e.op() == Primitive.POLYGAMMA -> 16 * U * SpecialOracle.polygamma(a.toInt(), b).magnitude
        e is Unary && e.op() == Primitive.ERF -> 16 * U * abs(apply(e, a, b))
        e is Unary && e.op() == Primitive.ERFC -> 64 * U * abs(apply(e, a, b))
        else -> 8 * U * abs(apply(e, a, b))
    }

    private fun unary(p: Primitive, a: Double): Double = when (p) {
        Primitive.NEG -> -a
        Primitive.EXP -> kotlin.math.exp(a)
        Primitive.LOG -> kotlin.math.ln(a)
        Primitive.LOG10 -> kotlin.math.log10(a)
        Primitive.LOG1P -> kotlin.math.ln1p(a)
        Primitive.EXPM1 -> kotlin.math.expm1(a)
        Primitive.SQRT -> kotlin.math.sqrt(a)
        Primitive.CBRT -> kotlin.math.cbrt(a)
        Primitive.SIN -> kotlin.math.sin(a)
        Primitive.COS -> kotlin.math.cos(a)
        Primitive.TAN -> kotlin.math.tan(a)
        Primitive.ASIN -> kotlin.math.asin(a)
        Primitive.ACOS -> kotlin.math.acos(a)
        Primitive.ATAN -> kotlin.math.atan(a)
        Primitive.SINH -> kotlin.math.sinh(a)
        Primitive.COSH -> kotlin.math.cosh(a)
        Primitive.TANH -> kotlin.math.tanh(a)
        // The logarithm forms, with ln(1 + t) taken by ln1p where t is small so that results near
        // 0 keep their relative accuracy: asinh x = ln(1 + |x| + x²/(1 + √(1+x²))), signed;
        // atanh x = ½ ln(1 + 2x/(1-x)); acosh x = ln(x + √(x²-1)) needs no care for x ≥ 1 + margin.
        Primitive.ASINH -> kotlin.math.sign(a) * kotlin.math.ln1p(abs(a) + a * a / (1 + kotlin.math.sqrt(1 + a * a)))
        Primitive.ACOSH -> kotlin.math.ln(a + kotlin.math.sqrt(a * a - 1))
        Primitive.ATANH -> 0.5 * kotlin.math.ln1p(2 * a / (1 - a))
        Primitive.ABS -> abs(a)
        Primitive.SIGMOID -> SpecialOracle.sigmoid(a)
        Primitive.SOFTPLUS -> SpecialOracle.softplus(a)
        Primitive.ERF -> SpecialOracle.erf(a)
        Primitive.ERFC -> SpecialOracle.erfc(a)
        Primitive.LGAMMA -> SpecialOracle.lgamma(a).value
        else -> error("$p is not a unary expression primitive")
    }

    private fun binary(p: Primitive, a: Double, b: Double): Double = when (p) {
        Primitive.ADD -> a + b
        Primitive.SUB -> a - b
        Primitive.MUL -> a * b
        Primitive.DIV -> a / b
        Primitive.POW -> Math.pow(a, b)
        Primitive.ATAN2 -> kotlin.math.atan2(a, b)
        Primitive.MAX -> max(a, b)
        Primitive.MIN -> kotlin.math.min(a, b)
        Primitive.HYPOT -> kotlin.math.hypot(a, b)
        // the order is the first operand, a whole constant
        Primitive.POLYGAMMA -> SpecialOracle.polygamma(a.toInt(), b).value
        Primitive.LESS -> if (a < b) 1.0 else 0.0
        Primitive.LESS_OR_EQUAL -> if (a <= b) 1.0 else 0.0
        Primitive.GREATER -> if (a > b) 1.0 else 0.0
        Primitive.GREATER_OR_EQUAL -> if (a >= b) 1.0 else 0.0
        else -> error("$p is not a binary expression primitive")
    }

    /**
     * Returns the local slopes of node [e] with respect to each of its operands, whose values are
     * [a], [b], [c]: by central differences of [apply], except where an operand is not differentiated
     * (polygamma's order, a branch's condition: 0) and for comparisons, which are constant off their
     * boundaries (0), and branches (1 towards the branch taken, 0 towards the other).
     */
    fun slopes(e: Expr, a: Double, b: Double, c: Double = 0.0): DoubleArray {
        if (e is IfElse) return doubleArrayOf(0.0, if (a != 0.0) 1.0 else 0.0, if (a == 0.0) 1.0 else 0.0)
        if (e is Binary && e.op().isComparison) return doubleArrayOf(0.0, 0.0)
        val ha = 1e-6 * max(1.0, abs(a))
        val hb = 1e-6 * max(1.0, abs(b))
        val polygamma = e is Binary && e.op() == Primitive.POLYGAMMA
        val da = if (polygamma) 0.0 else (apply(e, a + ha, b) - apply(e, a - ha, b)) / (2 * ha)
        val db = if (e is Binary) (apply(e, a, b + hb) - apply(e, a, b - hb)) / (2 * hb) else 0.0
        return doubleArrayOf(da, db)
    }

    /** Values and first-order rounding-error bounds of every node of an expression at one point. */
    class Evaluation(val values: IdentityHashMap<Expr, Double>, val errors: IdentityHashMap<Expr, Double>)

    /**
     * Evaluates [root] at [bindings] (variable name to value), visiting each shared node once.
     *
     * Alongside each value it propagates a bound on how far two correct evaluators may differ,
     * to first order: each operation may round differently by a few units in the last place
     * ([roundoff]), and operand differences pass through scaled by the local slopes.
     */
    fun evaluate(root: Expr, bindings: Map<String, Double>): Evaluation {
        val values = IdentityHashMap<Expr, Double>()
        val errors = IdentityHashMap<Expr, Double>()
        for (e in postOrder(root)) {
            if (e is Variable) {
                values[e] = bindings[e.name()] ?: error("no value for ${e.name()}")
                errors[e] = 0.0
                continue
            }
            val ops = children(e)
            if (e is IfElse) {
                // the branch the condition selects, with its own error; the other is never read
                val c = values.getValue(e.condition())
                val taken = if (c != 0.0) e.whenTrue() else e.whenFalse()
                values[e] = if (c.isNaN()) Double.NaN else values.getValue(taken)
                errors[e] = if (c.isNaN()) 0.0 else errors.getValue(taken)
                continue
            }
            val a = if (ops.isNotEmpty()) values.getValue(ops[0]) else 0.0
            val b = if (ops.size > 1) values.getValue(ops[1]) else 0.0
            val v = apply(e, a, b)
            values[e] = v
            if (ops.isEmpty()) {
                errors[e] = 0.0
            } else {
                val s = slopes(e, a, b)
                var err = roundoff(e, a, b)
                ops.forEachIndexed { i, c -> err += abs(s[i]) * errors.getValue(c) }
                errors[e] = err
            }
        }
        return Evaluation(values, errors)
    }
}
