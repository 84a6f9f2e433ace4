package dev.autodiff.kotlin

import dev.autodiff.core.Expr

// Top-level spellings of Expr's functions, so Kotlin code reads sin(x) rather than x.sin().
// Each one is exactly the Expr method, so sin(x) == x.sin() structurally.

/** Returns `e^x`. */
fun exp(x: Expr): Expr = x.exp()

/** Returns the natural logarithm of [x]. */
fun ln(x: Expr): Expr = x.log()

/** Returns the natural logarithm of [x]; the same as [ln], named as in `kotlin.math`. */
fun log(x: Expr): Expr = x.log()

/** Returns the base-10 logarithm of [x]. */
fun log10(x: Expr): Expr = x.log10()

/** Returns `ln(1 + x)`, accurate near 0. */
fun ln1p(x: Expr): Expr = x.log1p()

/** Returns `ln(1 + x)`; the same as [ln1p], named as in Java. */
fun log1p(x: Expr): Expr = x.log1p()

/** Returns `e^x - 1`, accurate near 0. */
fun expm1(x: Expr): Expr = x.expm1()

/** Returns the square root of [x]. */
fun sqrt(x: Expr): Expr = x.sqrt()

/** Returns the cube root of [x]. */
fun cbrt(x: Expr): Expr = x.cbrt()

/** Returns the sine of [x]. */
fun sin(x: Expr): Expr = x.sin()

/** Returns the cosine of [x]. */
fun cos(x: Expr): Expr = x.cos()

/** Returns the tangent of [x]. */
fun tan(x: Expr): Expr = x.tan()

/** Returns the arc sine of [x]. */
fun asin(x: Expr): Expr = x.asin()

/** Returns the arc cosine of [x]. */
fun acos(x: Expr): Expr = x.acos()

/** Returns the arc tangent of [x]. */
fun atan(x: Expr): Expr = x.atan()

/** Returns the hyperbolic sine of [x]. */
fun sinh(x: Expr): Expr = x.sinh()

/** Returns the hyperbolic cosine of [x]. */
fun cosh(x: Expr): Expr = x.cosh()

/** Returns the hyperbolic tangent of [x]. */
fun tanh(x: Expr): Expr = x.tanh()

/** Returns the inverse hyperbolic sine of [x]. */
fun asinh(x: Expr): Expr = x.asinh()

/** Returns the inverse hyperbolic cosine of [x]. */
fun acosh(x: Expr): Expr = x.acosh()

/** Returns the inverse hyperbolic tangent of [x]. */
fun atanh(x: Expr): Expr = x.atanh()

/** Returns the absolute value of [x]; its derivative at 0 is 0. */
fun abs(x: Expr): Expr = x.abs()

/** Returns `x²`, as `x ^ 2`. */
fun square(x: Expr): Expr = x.square()

/** Returns the logistic sigmoid `1 / (1 + e^-x)`. */
fun sigmoid(x: Expr): Expr = x.sigmoid()

/** Returns `log(1 + e^x)`, without overflow. */
fun softplus(x: Expr): Expr = x.softplus()

/** Returns the error function of [x]. */
fun erf(x: Expr): Expr = x.erf()

/** Returns the complementary error function `1 - erf(x)`, accurate in its tail. */
fun erfc(x: Expr): Expr = x.erfc()

/** Returns `log|Γ(x)|`. */
fun lgamma(x: Expr): Expr = x.lgamma()

/** Returns the digamma function ψ(x). */
fun digamma(x: Expr): Expr = x.digamma()

/** Returns the trigamma function ψ'(x). */
fun trigamma(x: Expr): Expr = x.trigamma()

/** Returns the polygamma function ψ⁽ⁿ⁾(x) of a constant order [n]. */
fun polygamma(n: Int, x: Expr): Expr = x.polygamma(n)

/** Returns `base ^ exponent`. */
fun pow(base: Expr, exponent: Expr): Expr = base.pow(exponent)

/** Returns `base ^ exponent` for a constant exponent, which never takes the logarithm of the base. */
fun pow(base: Expr, exponent: Double): Expr = base.pow(exponent)

/** Returns `base ^ exponent` for a constant integer exponent: `pow(x, 2)`. */
fun pow(base: Expr, exponent: Int): Expr = base.pow(exponent.toDouble())

/** Returns `base ^ exponent` for a constant base: `pow(2.0, x)`. */
fun pow(base: Double, exponent: Expr): Expr = Expr.constant(base).pow(exponent)

/** Returns the larger of [a] and [b]; at a tie each gets half the derivative. */
fun max(a: Expr, b: Expr): Expr = a.max(b)

/** Returns the larger of [a] and the constant [b]. */
fun max(a: Expr, b: Double): Expr = a.max(b)

/** Returns the larger of the constant [a] and [b]. */
fun max(a: Double, b: Expr): Expr = Expr.constant(a).max(b)

/** Returns the smaller of [a] and [b]; at a tie each gets half the derivative. */
fun min(a: Expr, b: Expr): Expr = a.min(b)

/** Returns the smaller of [a] and the constant [b]. */
fun min(a: Expr, b: Double): Expr = a.min(b)

/** Returns the smaller of the constant [a] and [b]. */
fun min(a: Double, b: Expr): Expr = Expr.constant(a).min(b)

/** Returns the angle of the point `(x, y)`, as `kotlin.math.atan2(y, x)` has it. */
fun atan2(y: Expr, x: Expr): Expr = y.atan2(x)

/** Returns the angle of the point `(x, y)` for a constant [x]. */
fun atan2(y: Expr, x: Double): Expr = y.atan2(x)

/** Returns the angle of the point `(x, y)` for a constant [y]. */
fun atan2(y: Double, x: Expr): Expr = Expr.constant(y).atan2(x)

/** Returns `sqrt(a² + b²)` without overflow. */
fun hypot(a: Expr, b: Expr): Expr = a.hypot(b)

/** Returns `sqrt(a² + b²)` for a constant [b]. */
fun hypot(a: Expr, b: Double): Expr = a.hypot(Expr.constant(b))

/** Returns `sqrt(a² + b²)` for a constant [a]. */
fun hypot(a: Double, b: Expr): Expr = Expr.constant(a).hypot(b)

/** Returns [whenTrue] where [condition] is non-zero and [whenFalse] where it is zero: `ifElse(x lt 0.0, -x, x)`. */
fun ifElse(condition: Expr, whenTrue: Expr, whenFalse: Expr): Expr = Expr.ifElse(condition, whenTrue, whenFalse)

/** Returns `this < other` as 1 or 0, for [ifElse]; Kotlin's `<` must return a Boolean, hence the infix name. */
infix fun Expr.lt(other: Expr): Expr = lessThan(other)

/** Returns `this < c` as 1 or 0. */
infix fun Expr.lt(c: Double): Expr = lessThan(c)

/** Returns `this <= other` as 1 or 0. */
infix fun Expr.le(other: Expr): Expr = lessOrEqual(other)

/** Returns `this <= c` as 1 or 0. */
infix fun Expr.le(c: Double): Expr = lessOrEqual(c)

/** Returns `this > other` as 1 or 0. */
infix fun Expr.gt(other: Expr): Expr = greaterThan(other)

/** Returns `this > c` as 1 or 0. */
infix fun Expr.gt(c: Double): Expr = greaterThan(c)

/** Returns `this >= other` as 1 or 0. */
infix fun Expr.ge(other: Expr): Expr = greaterOrEqual(other)

/** Returns `this >= c` as 1 or 0. */
infix fun Expr.ge(c: Double): Expr = greaterOrEqual(c)
