/**
 * The {@code autodiff} command: values, gradients, Hessians and Taylor-mode derivatives of an
 * expression at a point, and Graphviz pictures of the forward pass (values) and the backward pass
 * (adjoints, edges labelled with local partial derivatives). {@link dev.autodiff.cli.Main} is the
 * entry point; with no arguments it runs the logistic-regression demonstration.
 */
@NullMarked
package dev.autodiff.cli;

import org.jspecify.annotations.NullMarked;
