/**
 * Walks over expression DAGs: iterative post-orders that visit each distinct node once, maps keyed by node serials, and structural equality. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.core.internal.graph;

import org.jspecify.annotations.NullMarked;
