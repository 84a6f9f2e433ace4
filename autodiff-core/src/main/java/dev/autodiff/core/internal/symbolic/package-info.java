/**
 * Symbolic differentiation and rebuilding of expressions: reverse mode over the expression graph,
 * producing derivatives as shared expression nodes ({@code Differentiator}), the exact simplifying
 * scalar it builds them with ({@code Sym}), the guards that switch branches of a derivative off
 * ({@code Guard}), and substitution and evaluation over any scalar type ({@code Rebuild}). Not part
 * of the API: exported only to the modules of this project, and may change in any release.
 */
@NullMarked
package dev.autodiff.core.internal.symbolic;

import org.jspecify.annotations.NullMarked;
