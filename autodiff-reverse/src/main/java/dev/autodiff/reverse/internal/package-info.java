/**
 * Implementation of reverse mode's numeric tape; not part of the API. {@link
 * dev.autodiff.reverse.internal.Recording} is the growable tape behind {@code Tape}.
 */
@NullMarked
package dev.autodiff.reverse.internal;

import org.jspecify.annotations.NullMarked;
