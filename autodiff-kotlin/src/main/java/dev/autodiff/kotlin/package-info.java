/**
 * Kotlin extensions, written once for every scalar type ({@code Expr}, {@code Dual},
 * {@code Tracked}, through {@link dev.autodiff.core.Scalar}): top-level {@code sin(x)},
 * {@code pow(x, 2)}, {@code max(x, y)}, {@code ifElse(c, a, b)}; {@code 2.0 * x}, {@code 1 - x} and
 * {@code x * 2} with {@code Double} and {@code Int} on either side; infix comparisons
 * {@code lt le gt ge} giving 1 or 0; plain comparisons {@code t > 0} for branching on dual numbers
 * and tape scalars; and {@code val (x, y) = variables("x", "y")} or {@code variables("w", n)}.
 *
 * <p>The operator-named methods of the scalar types already give Kotlin {@code x * y + x}; this
 * package adds only what Kotlin cannot reach through them. Every function calls the corresponding
 * method, so for expressions both spellings give equal expressions, and a generic function
 * {@code fun <T : Scalar<T>> f(x: T): T} runs symbolically, on duals or on a tape. Kotlin types are
 * null-explicit; this package is null-marked for Java callers.
 */
@NullMarked
package dev.autodiff.kotlin;

import org.jspecify.annotations.NullMarked;
