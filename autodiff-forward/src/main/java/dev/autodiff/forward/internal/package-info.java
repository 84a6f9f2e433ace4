/**
 * Forward mode's implementation: dual-number sweeps over the flat program of
 * {@code dev.autodiff.core.internal.Program}, and Taylor-mode arithmetic.
 *
 * <p>{@link dev.autodiff.forward.internal.Linearization} runs the primitive rule table once per call
 * (values and local partials of every node); {@link dev.autodiff.forward.internal.TangentSweep}
 * then pushes k tangent directions through it at once, and
 * {@link dev.autodiff.forward.internal.SecondOrderSweep} pushes pairs of directions with their
 * second-order tangents (forward over forward). {@link dev.autodiff.forward.internal.TaylorRules} is
 * the truncated-Taylor-polynomial arithmetic of every primitive, and
 * {@link dev.autodiff.forward.internal.TaylorSweep} runs it over a program. All working arrays are
 * allocated per call and sized by the program, so compiled functions hold no mutable state. Not
 * part of the API.
 */
@NullMarked
package dev.autodiff.forward.internal;

import org.jspecify.annotations.NullMarked;
