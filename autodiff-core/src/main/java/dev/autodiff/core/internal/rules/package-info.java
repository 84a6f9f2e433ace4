/**
 * The rules of the primitive operations, one table for every order: values, first and second partials, and Taylor recurrences. Not part of the API: exported only to the modules of this project, and may change in any
 * release.
 */
@NullMarked
package dev.autodiff.core.internal.rules;

import org.jspecify.annotations.NullMarked;
