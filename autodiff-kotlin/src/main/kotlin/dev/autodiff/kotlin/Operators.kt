package dev.autodiff.kotlin

import dev.autodiff.core.Expr

// Expr's Java methods give `x + 1.0`; Kotlin never widens Int to Double, and a Double receiver
// cannot have Expr members, so these cover `x * 2`, `2.0 * x`, `1 - x` and `x.pow(2)`.
// A number becomes a Constant in the position it is written: `2.0 * x` is constant(2) * x.

/** Returns `c + e`. */
operator fun Double.plus(e: Expr): Expr = Expr.constant(this).plus(e)

/** Returns `c - e`. */
operator fun Double.minus(e: Expr): Expr = Expr.constant(this).minus(e)

/** Returns `c * e`. */
operator fun Double.times(e: Expr): Expr = Expr.constant(this).times(e)

/** Returns `c / e`. */
operator fun Double.div(e: Expr): Expr = Expr.constant(this).div(e)

/** Returns `n + e`. */
operator fun Int.plus(e: Expr): Expr = toDouble().plus(e)

/** Returns `n - e`. */
operator fun Int.minus(e: Expr): Expr = toDouble().minus(e)

/** Returns `n * e`. */
operator fun Int.times(e: Expr): Expr = toDouble().times(e)

/** Returns `n / e`. */
operator fun Int.div(e: Expr): Expr = toDouble().div(e)

/** Returns `this + n`. */
operator fun Expr.plus(n: Int): Expr = plus(n.toDouble())

/** Returns `this - n`. */
operator fun Expr.minus(n: Int): Expr = minus(n.toDouble())

/** Returns `this * n`. */
operator fun Expr.times(n: Int): Expr = times(n.toDouble())

/** Returns `this / n`. */
operator fun Expr.div(n: Int): Expr = div(n.toDouble())

/** Returns this expression itself, so `+x` reads as in mathematics. */
operator fun Expr.unaryPlus(): Expr = this

/** Returns `this ^ n` for a constant integer exponent, which never takes the logarithm of the base. */
fun Expr.pow(n: Int): Expr = pow(n.toDouble())

/** Returns `max(this, n)`. */
fun Expr.max(n: Int): Expr = max(n.toDouble())

/** Returns `min(this, n)`. */
fun Expr.min(n: Int): Expr = min(n.toDouble())

/** Returns the sum of these terms, or the constant 0 when there are none. */
fun Iterable<Expr>.sum(): Expr = Expr.sum(this)
