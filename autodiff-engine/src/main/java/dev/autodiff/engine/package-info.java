/**
 * The engine that executes compiled programs for both modes. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.engine;

import org.jspecify.annotations.NullMarked;
