/**
 * Repeated structure in programs: the loops found in a flat program, their shapes, and the plan that hands them to generated kernels. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.engine.loops;

import org.jspecify.annotations.NullMarked;
