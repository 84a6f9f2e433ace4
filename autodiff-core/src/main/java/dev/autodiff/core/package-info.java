/**
 * Expressions and the contract of their derivatives.
 *
 * <p>{@link dev.autodiff.core.Expr} is an immutable expression DAG built from variables,
 * constants, the {@link dev.autodiff.core.Primitive} operations and user
 * {@link dev.autodiff.core.CustomOperation}s. {@link dev.autodiff.core.Differentiable} and
 * {@link dev.autodiff.core.VectorDifferentiable} are what forward mode ({@code dev.autodiff.forward})
 * and reverse mode ({@code dev.autodiff.reverse}) compile expressions into. Every type in this
 * package is null-marked: no parameter accepts and no method returns {@code null} unless annotated.
 */
@NullMarked
package dev.autodiff.core;

import org.jspecify.annotations.NullMarked;
