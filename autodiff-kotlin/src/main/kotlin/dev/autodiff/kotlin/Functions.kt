package dev.autodiff.kotlin

import dev.autodiff.core.Scalar

// Top-level spellings of the functions of every scalar type (Expr, Dual, Tracked, through the
// Scalar interface), so Kotlin code reads sin(x) rather than x.sin(). Each one is exactly the
// method, so for expressions sin(x) == x.sin() structurally; a number beside a scalar becomes a
// constant of the scalar's kind (Scalar.newConstant) in the position it is written.

/** Returns `e^x`. */
fun <T : Scalar<T>> exp(x: T): T = x.exp()

/** Returns the natural logarithm of [x]. */
fun <T : Scalar<T>> ln(x: T): T = x.log()

/** Returns the natural logarithm of [x]; the same as [ln], named as in `kotlin.math`. */
fun <T : Scalar<T>> log(x: T): T = x.log()

/** Returns the base-10 logarithm of [x]. */
fun <T : Scalar<T>> log10(x: T): T = x.log10()

/** Returns `ln(1 + x)`, accurate near 0. */
fun <T : Scalar<T>> ln1p(x: T): T = x.log1p()

/** Returns `ln(1 + x)`; the same as [ln1p], named as in Java. */
fun <T : Scalar<T>> log1p(x: T): T = x.log1p()

/** Returns `e^x - 1`, accurate near 0. */
fun <T : Scalar<T>> expm1(x: T): T = x.expm1()

/** Returns the square root of [x]. */
fun <T : Scalar<T>> sqrt(x: T): T = x.sqrt()

/** Returns the cube root of [x]. */
fun <T : Scalar<T>> cbrt(x: T): T = x.cbrt()

/** Returns the sine of [x]. */
fun <T : Scalar<T>> sin(x: T): T = x.sin()

/** Returns the cosine of [x]. */
fun <T : Scalar<T>> cos(x: T): T = x.cos()

/** Returns the tangent of [x]. */
fun <T : Scalar<T>> tan(x: T): T = x.tan()

/** Returns the arc sine of [x]. */
fun <T : Scalar<T>> asin(x: T): T = x.asin()

/** Returns the arc cosine of [x]. */
fun <T : Scalar<T>> acos(x: T): T = x.acos()

/** Returns the arc tangent of [x]. */
fun <T : Scalar<T>> atan(x: T): T = x.atan()

/** Returns the hyperbolic sine of [x]. */
fun <T : Scalar<T>> sinh(x: T): T = x.sinh()

/** Returns the hyperbolic cosine of [x]. */
fun <T : Scalar<T>> cosh(x: T): T = x.cosh()

/** Returns the hyperbolic tangent of [x]. */
fun <T : Scalar<T>> tanh(x: T): T = x.tanh()

/** Returns the inverse hyperbolic sine of [x]. */
fun <T : Scalar<T>> asinh(x: T): T = x.asinh()

/** Returns the inverse hyperbolic cosine of [x]. */
fun <T : Scalar<T>> acosh(x: T): T = x.acosh()

/** Returns the inverse hyperbolic tangent of [x]. */
fun <T : Scalar<T>> atanh(x: T): T = x.atanh()

/** Returns the absolute value of [x]; its derivative at 0 is 0. */
fun <T : Scalar<T>> abs(x: T): T = x.abs()

/** Returns `x²`, as `x ^ 2`. */
fun <T : Scalar<T>> square(x: T): T = x.square()

/** Returns the logistic sigmoid `1 / (1 + e^-x)`. */
fun <T : Scalar<T>> sigmoid(x: T): T = x.sigmoid()

/** Returns `log(1 + e^x)`, without overflow. */
fun <T : Scalar<T>> softplus(x: T): T = x.softplus()

/** Returns the error function of [x]. */
fun <T : Scalar<T>> erf(x: T): T = x.erf()

/** Returns the complementary error function `1 - erf(x)`, accurate in its tail. */
fun <T : Scalar<T>> erfc(x: T): T = x.erfc()

/** Returns `log|Γ(x)|`. */
fun <T : Scalar<T>> lgamma(x: T): T = x.lgamma()

/** Returns the digamma function ψ(x). */
fun <T : Scalar<T>> digamma(x: T): T = x.digamma()

/** Returns the trigamma function ψ'(x). */
fun <T : Scalar<T>> trigamma(x: T): T = x.trigamma()

/** Returns the polygamma function ψ⁽ⁿ⁾(x) of a constant order [n]. */
fun <T : Scalar<T>> polygamma(n: Int, x: T): T = x.polygamma(n)

/** Returns `base ^ exponent`. */
fun <T : Scalar<T>> pow(base: T, exponent: T): T = base.pow(exponent)

/** Returns `base ^ exponent` for a constant exponent, which never takes the logarithm of the base. */
fun <T : Scalar<T>> pow(base: T, exponent: Double): T = base.pow(exponent)

/** Returns `base ^ exponent` for a constant integer exponent: `pow(x, 2)`. */
fun <T : Scalar<T>> pow(base: T, exponent: Int): T = base.pow(exponent.toDouble())

/** Returns `base ^ exponent` for a constant base: `pow(2.0, x)`. */
fun <T : Scalar<T>> pow(base: Double, exponent: T): T = exponent.newConstant(base).pow(exponent)

/** Returns the larger of [a] and [b]; at a tie each gets half the derivative. */
fun <T : Scalar<T>> max(a: T, b: T): T = a.max(b)

/** Returns the larger of [a] and the constant [b]. */
fun <T : Scalar<T>> max(a: T, b: Double): T = a.max(b)

/** Returns the larger of the constant [a] and [b]. */
fun <T : Scalar<T>> max(a: Double, b: T): T = b.newConstant(a).max(b)

/** Returns the smaller of [a] and [b]; at a tie each gets half the derivative. */
fun <T : Scalar<T>> min(a: T, b: T): T = a.min(b)

/** Returns the smaller of [a] and the constant [b]. */
fun <T : Scalar<T>> min(a: T, b: Double): T = a.min(b)

/** Returns the smaller of the constant [a] and [b]. */
fun <T : Scalar<T>> min(a: Double, b: T): T = b.newConstant(a).min(b)

/** Returns the angle of the point `(x, y)`, as `kotlin.math.atan2(y, x)` has it. */
fun <T : Scalar<T>> atan2(y: T, x: T): T = y.atan2(x)

/** Returns the angle of the point `(x, y)` for a constant [x]. */
fun <T : Scalar<T>> atan2(y: T, x: Double): T = y.atan2(x)

/** Returns the angle of the point `(x, y)` for a constant [y]. */
fun <T : Scalar<T>> atan2(y: Double, x: T): T = x.newConstant(y).atan2(x)

/** Returns `sqrt(a² + b²)` without overflow. */
fun <T : Scalar<T>> hypot(a: T, b: T): T = a.hypot(b)

/** Returns `sqrt(a² + b²)` for a constant [b]. */
fun <T : Scalar<T>> hypot(a: T, b: Double): T = a.hypot(b)

/** Returns `sqrt(a² + b²)` for a constant [a]. */
fun <T : Scalar<T>> hypot(a: Double, b: T): T = b.newConstant(a).hypot(b)

/** Returns [whenTrue] where [condition] is non-zero and [whenFalse] where it is zero: `ifElse(x lt 0.0, -x, x)`. */
fun <T : Scalar<T>> ifElse(condition: T, whenTrue: T, whenFalse: T): T = condition.ifElse(whenTrue, whenFalse)

/**
 * Returns `this < other` as 1 or 0, for [ifElse]; Kotlin's `<` must return a Boolean, hence the
 * infix name. (Dual numbers and tape scalars also compare with `<` for branching in plain code.)
 */
infix fun <T : Scalar<T>> T.lt(other: T): T = lessThan(other)

/** Returns `this < c` as 1 or 0. */
infix fun <T : Scalar<T>> T.lt(c: Double): T = lessThan(c)

/** Returns `this <= other` as 1 or 0. */
infix fun <T : Scalar<T>> T.le(other: T): T = lessOrEqual(other)

/** Returns `this <= c` as 1 or 0. */
infix fun <T : Scalar<T>> T.le(c: Double): T = lessOrEqual(c)

/** Returns `this > other` as 1 or 0. */
infix fun <T : Scalar<T>> T.gt(other: T): T = greaterThan(other)

/** Returns `this > c` as 1 or 0. */
infix fun <T : Scalar<T>> T.gt(c: Double): T = greaterThan(c)

/** Returns `this >= other` as 1 or 0. */
infix fun <T : Scalar<T>> T.ge(other: T): T = greaterOrEqual(other)

/** Returns `this >= c` as 1 or 0. */
infix fun <T : Scalar<T>> T.ge(c: Double): T = greaterOrEqual(c)
