/**
 * Reverse-mode automatic differentiation.
 *
 * <p>{@link dev.autodiff.reverse.Reverse#of(dev.autodiff.core.Expr, dev.autodiff.core.Variable...)}
 * compiles an expression into a {@link dev.autodiff.core.Differentiable} whose gradient is one
 * forward sweep, which records every node's value and local partials on a tape, and one backward
 * sweep, which accumulates adjoints; Hessian-vector products and Hessians come from
 * reverse-over-forward second-order sweeps. For code that builds no expression,
 * {@link dev.autodiff.reverse.Tape} records {@link dev.autodiff.reverse.Tracked} scalars in a scope,
 * with no global tape, one thread per tape, and nests to any depth for derivatives of any order;
 * {@code Tracked} is a {@link dev.autodiff.core.Scalar}, so a function written once over that
 * interface runs on a tape as it does on expressions and dual numbers.
 */
@NullMarked
package dev.autodiff.reverse;

import org.jspecify.annotations.NullMarked;
