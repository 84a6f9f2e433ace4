package dev.autodiff.kotlin

import dev.autodiff.core.Expr
import dev.autodiff.core.NumericScalar
import dev.autodiff.core.Scalar

// The scalar types' Java methods give `x + 1.0`; Kotlin never widens Int to Double, and a Double
// receiver cannot have scalar members, so these cover `x * 2`, `2.0 * x`, `1 - x` and `x.pow(2)`
// for every scalar type (Expr, Dual, Tracked) at once. A number becomes a constant of the scalar's
// kind in the position it is written: for expressions `2.0 * x` is constant(2) * x.

/** Returns `c + s`. */
operator fun <T : Scalar<T>> Double.plus(s: T): T = s.newConstant(this).plus(s)

/** Returns `c - s`. */
operator fun <T : Scalar<T>> Double.minus(s: T): T = s.newConstant(this).minus(s)

/** Returns `c * s`. */
operator fun <T : Scalar<T>> Double.times(s: T): T = s.newConstant(this).times(s)

/** Returns `c / s`. */
operator fun <T : Scalar<T>> Double.div(s: T): T = s.newConstant(this).div(s)

/** Returns `n + s`. */
operator fun <T : Scalar<T>> Int.plus(s: T): T = toDouble().plus(s)

/** Returns `n - s`. */
operator fun <T : Scalar<T>> Int.minus(s: T): T = toDouble().minus(s)

/** Returns `n * s`. */
operator fun <T : Scalar<T>> Int.times(s: T): T = toDouble().times(s)

/** Returns `n / s`. */
operator fun <T : Scalar<T>> Int.div(s: T): T = toDouble().div(s)

/** Returns `this + n`. */
operator fun <T : Scalar<T>> T.plus(n: Int): T = plus(n.toDouble())

/** Returns `this - n`. */
operator fun <T : Scalar<T>> T.minus(n: Int): T = minus(n.toDouble())

/** Returns `this * n`. */
operator fun <T : Scalar<T>> T.times(n: Int): T = times(n.toDouble())

/** Returns `this / n`. */
operator fun <T : Scalar<T>> T.div(n: Int): T = div(n.toDouble())

/** Returns this scalar itself, so `+x` reads as in mathematics. */
operator fun <T : Scalar<T>> T.unaryPlus(): T = this

/** Returns `this ^ n` for a constant integer exponent, which never takes the logarithm of the base. */
fun <T : Scalar<T>> T.pow(n: Int): T = pow(n.toDouble())

/** Returns `max(this, n)`. */
fun <T : Scalar<T>> T.max(n: Int): T = max(n.toDouble())

/** Returns `min(this, n)`. */
fun <T : Scalar<T>> T.min(n: Int): T = min(n.toDouble())

/** Returns the sum of these terms, or the constant 0 when there are none. */
fun Iterable<Expr>.sum(): Expr = Expr.sum(this)

/**
 * Returns the sum of [term] over the indices of [range], left to right, or the constant 0 for an
 * empty range: `sum(0 until n - 1) { i -> 100 * (x[i + 1] - x[i] * x[i]).pow(2) + (x[i] - 1).pow(2) }`.
 */
fun sum(range: IntRange, term: (Int) -> Expr): Expr =
    if (range.isEmpty()) Expr.constant(0.0) else Expr.sum(range.first, range.last + 1) { term(it) }

/**
 * Returns the dot product Σ aᵢ·bᵢ of equally long lists: `w dot x`.
 *
 * @throws IllegalArgumentException when the lengths differ
 */
infix fun List<Expr>.dot(other: List<Expr>): Expr = Expr.dot(this, other)

/**
 * Returns Σ aᵢ·cᵢ with constant coefficients: `w dot doubleArrayOf(1.5, 2.0)`.
 *
 * @throws IllegalArgumentException when the lengths differ
 */
infix fun List<Expr>.dot(coefficients: DoubleArray): Expr = Expr.dot(this, coefficients)

// Plain comparisons for branching in ordinary code, on the types that carry a number (Dual,
// Tracked): `if (t > 0.0)` uses the Java method compareTo(double); these add an Int or a number on
// the left. An expression has no value to compare; use lt le gt ge and ifElse for it.

/** Compares this value with [n], so `t > 0` branches. */
operator fun <T : NumericScalar<T>> T.compareTo(n: Int): Int = compareTo(n.toDouble())

/** Compares this number with the value of [s], so `0.0 < t` branches. */
operator fun <T : NumericScalar<T>> Double.compareTo(s: T): Int = -s.compareTo(this)

/** Compares this number with the value of [s], so `0 < t` branches. */
operator fun <T : NumericScalar<T>> Int.compareTo(s: T): Int = -s.compareTo(toDouble())
