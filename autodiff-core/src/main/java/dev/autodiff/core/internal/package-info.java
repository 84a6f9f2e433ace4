/**
 * Implementation shared by the modes: the table of primitive rules ({@link
 * dev.autodiff.core.internal.Rules}), linearization into a flat {@link
 * dev.autodiff.core.internal.Program}, the loops found in programs and their generated kernels
 * ({@link dev.autodiff.core.internal.LoopPlan}), printing, parsing and traversals. Not part of the
 * API: it may change in any release.
 */
@NullMarked
package dev.autodiff.core.internal;

import org.jspecify.annotations.NullMarked;
