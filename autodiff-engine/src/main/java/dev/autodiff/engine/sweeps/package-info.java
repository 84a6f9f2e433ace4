/**
 * The sweeps over compiled programs: forward (values, tangents), backward (adjoints), second order and Taylor. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.engine.sweeps;

import org.jspecify.annotations.NullMarked;
