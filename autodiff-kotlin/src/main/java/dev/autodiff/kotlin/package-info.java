/**
 * Kotlin extensions that make expressions read like mathematics: top-level {@code sin(x)},
 * {@code pow(x, 2)}, {@code max(x, y)}; {@code 2.0 * x}, {@code 1 - x} and {@code x * 2} with
 * {@code Double} and {@code Int} on either side; and {@code val (x, y) = variables("x", "y")}.
 *
 * <p>The operator-named methods of {@link dev.autodiff.core.Expr} already give Kotlin
 * {@code x * y + x}; this package adds only what Kotlin cannot reach through them. Every function
 * builds the same nodes as the corresponding method of {@code Expr}, so both spellings give equal
 * expressions. Kotlin types are null-explicit; this package is null-marked for Java callers.
 */
@NullMarked
package dev.autodiff.kotlin;

import org.jspecify.annotations.NullMarked;
