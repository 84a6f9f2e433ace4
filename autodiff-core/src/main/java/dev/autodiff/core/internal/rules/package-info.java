/**
 * The rules of the primitive operations, one declaration per primitive for every order: value,
 * first and second partials, generic partials, Taylor recurrence and structural traits. Not part of
 * the API: exported only to the modules of this project, and may change in any release.
 *
 * <h2>Where a primitive's rules are</h2>
 * Each {@link dev.autodiff.core.Primitive} has one <i>entry</i>, a small nested class in the file of
 * its family: {@code Arithmetic} (+ - · / neg), {@code Powers} (pow, constant powers, sqrt, cbrt,
 * hypot), {@code ExpLog}, {@code Trigonometric}, {@code Hyperbolic}, {@code Special} (sigmoid,
 * softplus, erf, erfc, lgamma, polygamma) and {@code Piecewise} (abs, max, min, comparisons,
 * ifElse). An entry holds, side by side:
 * <ul>
 *   <li>{@code TRAITS}: its {@link Structure} (which partials may be non-zero) and how Taylor mode
 *       forms its first coefficients, declared once; the sparsity analysis, the loop planner and
 *       Taylor mode derive what they need from them, never from a list of primitives;</li>
 *   <li>{@code value}: the primitive itself;</li>
 *   <li>{@code partials}: value, first and (scaled, see {@link Partials}) second partials over
 *       doubles, the hot path of every sweep, of the generated kernels, the numeric duals and tapes;</li>
 *   <li>{@code scalar}: the first partials over any {@link dev.autodiff.core.Scalar}, for symbolic
 *       derivatives, nested tapes and nested duals; where its form must differ from the numeric one
 *       (a formula switched for speed or far-tail accuracy), the entry says why;</li>
 *   <li>{@code series}: its Taylor recurrence, coefficients {@code from} … d; none for a locally
 *       linear primitive ({@link Structure#isLocallyLinear}), whose series Taylor mode derives.</li>
 * </ul>
 * The entry points {@link Rules} (value, partials), {@link ScalarRules} and {@link TaylorRules} are
 * thin dispatchers onto the entries: static calls, one switch each, so the JIT folds a constant op
 * code through them and no rule is reached by a virtual call.
 *
 * <h2>Adding a primitive</h2>
 * Write its entry in its family file, with its conventions at non-differentiable points, then route
 * to it: one line in each dispatcher ({@link Rules}' value and partials switches, {@link ScalarRules},
 * {@link TaylorRules}' series switch unless it is locally linear, and {@code Traits}). The value,
 * generic-partials and traits switches are exhaustive, so the compiler names every one missing; the
 * rules tests iterate every primitive and fail on the others.
 */
@NullMarked
package dev.autodiff.core.internal.rules;

import org.jspecify.annotations.NullMarked;
