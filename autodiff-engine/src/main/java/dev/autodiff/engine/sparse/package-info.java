/**
 * Sparse Jacobians and Hessians by colouring: sparsity patterns derived from a compiled program
 * ({@link dev.autodiff.engine.sparse.ProgramGraph}, {@link dev.autodiff.engine.sparse.Patterns}),
 * star and distance-2 colourings, and plans that recover every entry from one derivative product
 * per colour ({@link dev.autodiff.engine.sparse.HessianPlan},
 * {@link dev.autodiff.engine.sparse.JacobianPlan}). Not part of the API: exported only to the
 * modules of this project, and may change in any release.
 */
@NullMarked
package dev.autodiff.engine.sparse;

import org.jspecify.annotations.NullMarked;
