/**
 * Hipparchus interop: our exact derivatives in Hipparchus' optimizers, least-squares solvers and
 * differentiation framework.
 *
 * <p>{@link dev.autodiff.hipparchus.HipparchusAdapters} turns a compiled
 * {@link dev.autodiff.core.Differentiable} into a
 * {@code MultivariateDifferentiableFunction} (derivative structures of order up to 2 composed by
 * the chain rule through the gradient and Hessian) and into the objective and gradient of a scalar
 * optimizer; a {@link dev.autodiff.core.VectorDifferentiable}, or a
 * {@link dev.autodiff.core.ParametricDifferentiable} residual over records of data, into the
 * value-and-Jacobian model of a least-squares problem for Levenberg–Marquardt or Gauss–Newton; and a
 * {@link dev.autodiff.core.SparseMatrix} into an {@code OpenMapRealMatrix}. The adapters hold no
 * state of their own: they are as thread-safe as the functions they wrap. This module alone depends
 * on Hipparchus; the core modules do not.
 */
@NullMarked
package dev.autodiff.hipparchus;

import org.jspecify.annotations.NullMarked;
