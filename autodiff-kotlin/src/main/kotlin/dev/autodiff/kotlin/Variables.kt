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
