package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
import dev.autodiff.core.NumericScalar
import dev.autodiff.core.Scalar
import dev.autodiff.core.Primitive
import dev.autodiff.core.Unary
import dev.autodiff.core.Variable
import dev.autodiff.forward.Dual
import dev.autodiff.reverse.Tracked
import java.util.IdentityHashMap

/**
 * A small interpreter over the expression graph, written in the test: it maps each node to the
 * operation of a numeric type ([Dual] or [Tracked]), so a generated expression becomes a function
 * for the numeric (non-expression) APIs. Iterative, each shared node evaluated once.
 *
 * Each primitive maps to its named method of the type ([Scalar]'s defaults or the type's own):
 * comparisons to `lessThan` …, branches to [Scalar.ifElse], polygamma to `polygamma(n)` with the
 * constant order. Only the abstract members differ between the types.
 */
abstract class Interpreter<T : NumericScalar<T>> {
    abstract fun constant(c: Double, like: T): T
    abstract fun call(op: CustomOperation, a: T): T

    /** Returns the value of [t], its perturbations or recording dropped. */
    fun valueOf(t: T): Double = t.value()

    /** Returns unary primitive [p] of [a], by its named method. */
    fun unary(p: Primitive, a: T): T = when (p) {
        Primitive.NEG -> a.unaryMinus()
        Primitive.EXP -> a.exp()
        Primitive.LOG -> a.log()
        Primitive.LOG10 -> a.log10()
        Primitive.LOG1P -> a.log1p()
        Primitive.EXPM1 -> a.expm1()
        Primitive.SQRT -> a.sqrt()
        Primitive.CBRT -> a.cbrt()
        Primitive.SIN -> a.sin()
        Primitive.COS -> a.cos()
        Primitive.TAN -> a.tan()
        Primitive.ASIN -> a.asin()
        Primitive.ACOS -> a.acos()
        Primitive.ATAN -> a.atan()
        Primitive.SINH -> a.sinh()
        Primitive.COSH -> a.cosh()
        Primitive.TANH -> a.tanh()
        Primitive.ASINH -> a.asinh()
        Primitive.ACOSH -> a.acosh()
        Primitive.ATANH -> a.atanh()
        Primitive.ABS -> a.abs()
        Primitive.SIGMOID -> a.sigmoid()
        Primitive.SOFTPLUS -> a.softplus()
        Primitive.ERF -> a.erf()
        Primitive.ERFC -> a.erfc()
        Primitive.LGAMMA -> a.lgamma()
        else -> error("$p is not a unary expression primitive")
    }

    /** Returns binary primitive [p] of [a] and [b], by its named method (not polygamma: see [evaluate]). */
    fun binary(p: Primitive, a: T, b: T): T = when (p) {
        Primitive.ADD -> a.plus(b)
        Primitive.SUB -> a.minus(b)
        Primitive.MUL -> a.times(b)
        Primitive.DIV -> a.div(b)
        Primitive.POW -> a.pow(b)
        Primitive.ATAN2 -> a.atan2(b)
        Primitive.MAX -> a.max(b)
        Primitive.MIN -> a.min(b)
        Primitive.HYPOT -> a.hypot(b)
        Primitive.LESS -> a.lessThan(b)
        Primitive.LESS_OR_EQUAL -> a.lessOrEqual(b)
        Primitive.GREATER -> a.greaterThan(b)
        Primitive.GREATER_OR_EQUAL -> a.greaterOrEqual(b)
        else -> error("$p is not a binary expression primitive")
    }

    /** Returns [root] evaluated with `variables[i]` bound to `xs[i]`. */
    fun evaluate(root: Expr, variables: List<Variable>, xs: Array<T>): T {
        val values = IdentityHashMap<Expr, T>()
        val like = xs[0]
        for (e in postOrder(root)) {
            values[e] = when (e) {
                is Variable -> xs[variables.indexOf(e).also { require(it >= 0) { "unbound variable $e" } }]
                is Constant -> constant(e.value(), like)
                is Unary -> unary(e.op(), values.getValue(e.operand()))
                // A constant exponent is what core compiles to POW_CONST: never a logarithm of the base.
                is Binary -> when {
                    e.op() == Primitive.POW && e.right() is Constant -> values.getValue(e.left()).pow((e.right() as Constant).value())
                    // the order is a whole constant
                    e.op() == Primitive.POLYGAMMA -> values.getValue(e.right()).polygamma((e.left() as Constant).value().toInt())
                    else -> binary(e.op(), values.getValue(e.left()), values.getValue(e.right()))
                }
                is Call -> call(e.operation(), values.getValue(e.argument()))
                is IfElse -> values.getValue(e.condition()).ifElse(values.getValue(e.whenTrue()), values.getValue(e.whenFalse()))
            }
        }
        return values.getValue(root)
    }
}

/** Expressions as functions of [Dual] numbers. */
object DualInterpreter : Interpreter<Dual>() {
    override fun constant(c: Double, like: Dual): Dual = Dual.constant(c)

    /**
     * Dual has no custom operations (they are an expression feature), so the test's custom
     * operations are written out by their definitions: the derivatives of these formulas are the
     * closed forms that [CustomOperations] supplies.
     */
    override fun call(op: CustomOperation, a: Dual): Dual = when (op.name()) {
        // softplus(x) = max(x, 0) + ln(1 + e^-|x|), the overflow-free form
        "smoothRelu" -> a.max(0.0) + (-a.abs()).exp().log1p()
        "gauss" -> (-(a * a)).exp()
        "cube" -> a * a * a
        else -> error("no Dual form for custom operation ${op.name()}")
    }
}

/** Expressions as functions of [Tracked] scalars, recorded on the tape of the point's scalars. */
object TrackedInterpreter : Interpreter<Tracked>() {
    override fun constant(c: Double, like: Tracked): Tracked = like.tape().constant(c)

    override fun call(op: CustomOperation, a: Tracked): Tracked = a.apply(op)
}
