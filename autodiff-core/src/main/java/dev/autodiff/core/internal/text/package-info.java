/**
 * Expression text: the lexer, the parser and the printer, which read and write the same syntax. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.core.internal.text;

import org.jspecify.annotations.NullMarked;
