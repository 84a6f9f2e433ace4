/**
 * Linearization: an expression DAG compiled into a flat program of primitive arrays that the engine executes. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.core.internal.program;

import org.jspecify.annotations.NullMarked;
