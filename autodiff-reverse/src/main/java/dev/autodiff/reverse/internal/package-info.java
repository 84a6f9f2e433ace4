/**
 * Implementation of reverse mode; not part of the API.
 *
 * <p>{@link dev.autodiff.reverse.internal.Sweeps} holds the loops over a compiled
 * {@link dev.autodiff.core.internal.Program}: the forward sweep that records values and local
 * partials, the backward sweep that accumulates adjoints, and the tangent and second-order sweeps of
 * reverse-over-forward Hessians. Working arrays live in one workspace per thread per compiled
 * function. {@link dev.autodiff.reverse.internal.Recording} is the growable tape behind the numeric
 * {@code Tape} API.
 */
@NullMarked
package dev.autodiff.reverse.internal;

import org.jspecify.annotations.NullMarked;
