/**
 * Generated kernels: JVM bytecode written with ASM for each loop shape, derived from the rule table. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.engine.codegen;

import org.jspecify.annotations.NullMarked;
