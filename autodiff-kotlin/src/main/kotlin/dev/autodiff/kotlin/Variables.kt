package dev.autodiff.kotlin

import dev.autodiff.core.Expr
import dev.autodiff.core.Variable
import kotlin.properties.ReadOnlyProperty

/**
 * Returns one variable per name, in order, for destructuring: `val (x, y) = variables("x", "y")`.
 *
 * @throws IllegalArgumentException for an empty name or one containing a back-quote
 */
fun variables(vararg names: String): List<Variable> = names.map { Expr.variable(it) }

/**
 * Returns [n] variables named `name[0]` … `name[n-1]`, for models with many parameters:
 * `val w = variables("w", 10)`, the same variables as `Expr.variables("w", 10)`.
 *
 * @throws IllegalArgumentException for a negative [n] or an empty name
 */
fun variables(name: String, n: Int): List<Variable> = Expr.variables(name, n)

/**
 * A delegate that names a variable after the property it initialises: `val x by variable`.
 *
 * The variable is created once per read; variables are equal by name, so that is invisible.
 */
val variable: ReadOnlyProperty<Any?, Variable> = ReadOnlyProperty { _, property -> Expr.variable(property.name) }

/**
 * Returns the value of this expression with each variable bound: `f.value(x to 1.0, y to 2)`.
 *
 * @throws IllegalArgumentException naming a variable of the expression that has no value here
 */
fun Expr.value(vararg bindings: Pair<Variable, Number>): Double =
    value(bindings.associate { (v, n) -> v.name() to n })
