package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
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
 */
abstract class Interpreter<T : Any> {
    abstract fun constant(c: Double, like: T): T
    abstract fun unary(p: Primitive, a: T): T
    abstract fun binary(p: Primitive, a: T, b: T): T
    abstract fun power(a: T, exponent: Double): T
    abstract fun call(op: CustomOperation, a: T): T
    abstract fun valueOf(t: T): Double

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
                is Binary -> if (e.op() == Primitive.POW && e.right() is Constant) {
                    power(values.getValue(e.left()), (e.right() as Constant).value())
                } else {
                    binary(e.op(), values.getValue(e.left()), values.getValue(e.right()))
                }
                is Call -> call(e.operation(), values.getValue(e.argument()))
                // plain-code branching, as a user writes it over numeric types
                is IfElse -> {
                    val c = valueOf(values.getValue(e.condition()))
                    if (c.isNaN()) constant(Double.NaN, like)
                    else if (c != 0.0) values.getValue(e.whenTrue()) else values.getValue(e.whenFalse())
                }
            }
        }
        return values.getValue(root)
    }
}

/** Expressions as functions of [Dual] numbers. */
object DualInterpreter : Interpreter<Dual>() {
    override fun valueOf(t: Dual): Double = t.value()

    override fun constant(c: Double, like: Dual): Dual = Dual.constant(c)

    override fun unary(p: Primitive, a: Dual): Dual = when (p) {
        Primitive.NEG -> -a
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
        else -> error("$p is not a unary expression primitive")
    }

    override fun binary(p: Primitive, a: Dual, b: Dual): Dual = when (p) {
        Primitive.ADD -> a + b
        Primitive.SUB -> a - b
        Primitive.MUL -> a * b
        Primitive.DIV -> a / b
        Primitive.POW -> a.pow(b)
        Primitive.ATAN2 -> a.atan2(b)
        Primitive.MAX -> a.max(b)
        Primitive.MIN -> a.min(b)
        Primitive.HYPOT -> a.hypot(b)
        else -> error("$p is not a binary expression primitive")
    }

    override fun power(a: Dual, exponent: Double): Dual = a.pow(exponent)

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
    override fun valueOf(t: Tracked): Double = t.value()

    override fun constant(c: Double, like: Tracked): Tracked = like.tape().constant(c)

    override fun unary(p: Primitive, a: Tracked): Tracked = when (p) {
        Primitive.NEG -> -a
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
        else -> error("$p is not a unary expression primitive")
    }

    override fun binary(p: Primitive, a: Tracked, b: Tracked): Tracked = when (p) {
        Primitive.ADD -> a + b
        Primitive.SUB -> a - b
        Primitive.MUL -> a * b
        Primitive.DIV -> a / b
        Primitive.POW -> a.pow(b)
        Primitive.ATAN2 -> a.atan2(b)
        Primitive.MAX -> a.max(b)
        Primitive.MIN -> a.min(b)
        Primitive.HYPOT -> a.hypot(b)
        else -> error("$p is not a binary expression primitive")
    }

    override fun power(a: Tracked, exponent: Double): Tracked = a.pow(exponent)

    override fun call(op: CustomOperation, a: Tracked): Tracked = a.apply(op)
}
