/**
 * Forward-mode automatic differentiation: dual numbers over compiled expressions, Taylor
 * coefficients for derivatives of high order, and a dual-number type for code that builds no
 * expression.
 *
 * <p>{@link dev.autodiff.forward.Forward} is the entry point. {@code Forward.of(expr, x, y)} compiles
 * an expression into a {@link dev.autodiff.core.Differentiable} whose nodes carry a value and k
 * tangents in primitive arrays (chunk mode, as ForwardDiff.jl); Hessians are forward over forward.
 * {@code Forward.derivatives(f, x, at, order)} returns f, f', …, f^(order) by truncated Taylor
 * arithmetic. {@link dev.autodiff.forward.Dual} is a nested dual number with tags, so that
 * {@code Forward.derivative} calls nest without perturbation confusion. Every type is
 * null-marked.
 */
@NullMarked
package dev.autodiff.forward;

import org.jspecify.annotations.NullMarked;
