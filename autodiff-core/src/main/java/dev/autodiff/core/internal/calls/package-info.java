/**
 * Support for calls of compiled functions: argument checks with clear messages, and batches of points computed in parallel. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.core.internal.calls;

import org.jspecify.annotations.NullMarked;
